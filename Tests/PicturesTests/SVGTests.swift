import Exact
import Foundation
import Pictures
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Whether `text` is well-formed XML (Foundation's parser).
func isWellFormedXML(_ text: String) -> Bool {
    XMLParser(data: Data(text.utf8)).parse()
}

struct SVGTests {
    @Test("numbers are written with fixed precision, deterministically")
    func numbers() throws {
        #expect(SVGDocument.number(1.5) == "1.5")
        #expect(SVGDocument.number(-0.001) == "0")
        #expect(SVGDocument.number(-12.345) == "-12.35" || SVGDocument.number(-12.345) == "-12.34")
        #expect(SVGDocument.number(100) == "100")
        #expect(SVGDocument.number(.nan) == "0")
        #expect(SVGDocument.scientific(1.234e-13) == "1.23e-13")
        #expect(SVGDocument.scientific(9.999e2) == "1e+3")
        #expect(SVGDocument.scientific(0) == "0")
        #expect(SVGDocument.escape("a<b & \"c\"") == "a&lt;b &amp; &quot;c&quot;")
        #expect(SVGDocument.escape("bell\u{7}") == "bell\u{FFFD}")
        #expect(isWellFormedXML(try SpectrumPicture(singularValues: [1], tolerance: 0, rank: 1, title: "a\u{0}b<&").svg))
    }

    @Test("pattern colours are fixed: the same pattern gives the same colour in every process")
    func colours() {
        #expect(Palette.fill(forPattern: [.positive, .negative]) == Palette.fill(forPattern: [.positive, .negative]))
        #expect(Palette.fill(forPattern: [.positive, .negative]) != Palette.fill(forPattern: [.negative, .positive]))
        #expect(Palette.hex(hue: 0, saturation: 1, lightness: 0.5) == "#ff0000")
        #expect(Palette.hex(hue: 240, saturation: 1, lightness: 0.5) == "#0000ff")
    }

    @Test("region pictures are well-formed XML and byte-identical between runs", arguments: regionExamples.map(\.name))
    func regionsPicture(_ name: String) throws {
        let network = try example(name)
        let partition = try LinearRegions(network: network, box: PlaneBox(domain: network.inputDomain))
        let points = [PlanePoint(0, 0), PlanePoint(Rational(1, 3), Rational(-1, 7)), PlanePoint(5, 5)]
        let first = RegionsPicture(regions: partition, points: points, title: name).svg
        let second = RegionsPicture(regions: try LinearRegions(network: network, box: PlaneBox(domain: network.inputDomain)), points: points, title: name).svg
        #expect(first == second)
        #expect(isWellFormedXML(first))
        #expect(first.components(separatedBy: "<polygon ").count - 1 == partition.regions.count)
        for line in partition.crossingKinkLines { #expect(first.contains(">\(line.unit)</text>")) }
    }

    @Test("a point exactly on a kink is recognised")
    func pointOnKink() throws {
        // relu-2-2-1: unit 0 of layer 1 has pre-activation x − y/2 + 1/4, zero at (0, 1/2).
        let network = try example("relu-2-2-1")
        let picture = RegionsPicture(regions: try LinearRegions(network: network, box: PlaneBox(domain: nil)))
        #expect(picture.isOnKink(PlanePoint(0, Rational(1, 2))))
        #expect(!picture.isOnKink(PlanePoint(0, 0)))
    }

    @Test("spectrum pictures: gap ratio, rank cut, zeros, and refusals")
    func spectrum() throws {
        let values = [3.0, 1.5, 0.25, 2e-15, 0]
        let picture = try SpectrumPicture(singularValues: values, tolerance: 1e-12, rank: 3, title: "J")
        #expect(picture.gapRatio == 0.25 / 2e-15)
        let svg = picture.svg
        #expect(svg == (try SpectrumPicture(singularValues: values.reversed(), tolerance: 1e-12, rank: 3, title: "J")).svg)
        #expect(isWellFormedXML(svg))
        #expect(svg.contains("rank 3 of 5 singular values; gap ratio σ3/σ4 = 1.25e+14"))
        #expect(try SpectrumPicture(singularValues: [2, 1], tolerance: 0, rank: 2, title: "").rankLine == "rank 2 of 2 singular values (full rank: no cut to measure)")
        #expect(svg.contains(">rank 3</text>"))
        #expect(svg.contains("tolerance 1e-12"))
        #expect(try SpectrumPicture(singularValues: [1, 0], tolerance: 1e-3, rank: 1, title: "").gapRatio == .infinity)
        #expect(try SpectrumPicture(singularValues: [1, 2], tolerance: 1e-3, rank: 2, title: "").gapRatio == nil)
        #expect(throws: PictureError.self) { try SpectrumPicture(singularValues: [1, -1], tolerance: 0, rank: 1, title: "") }
        #expect(throws: PictureError.self) { try SpectrumPicture(singularValues: [1, .nan], tolerance: 0, rank: 1, title: "") }
        #expect(throws: PictureError.self) { try SpectrumPicture(singularValues: [1], tolerance: 0, rank: 2, title: "") }
        #expect(isWellFormedXML(try SpectrumPicture(singularValues: [], tolerance: 0, rank: 0, title: "<empty>").svg))
    }
}
