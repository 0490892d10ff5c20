import ArgumentParser
import Identifiability

/// `nnid plot regions NET -o FILE`: the exact linear regions of a two-input network.
struct PlotRegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Draw the exact linear regions of a two-input piecewise-linear network.",
        discussion: """
            The box is partitioned exactly (rational arithmetic) into the convex polygons on which \
            every unit stays on one side of its kink; each region is coloured by its activation \
            pattern, and each unit's kink line is drawn and labelled. The box is the network's \
            input domain unless --box is given (without either, [-1, 1]²).

            Sample points (--points) are drawn uniformly from the box with the seeded SplitMix64 \
            generator on the grid 2⁻²⁰ of the box, as the rank analysis draws its random points; \
            a point exactly on a kink is drawn as a red ring.
            """)

    @OptionGroup var input: NetworkInput
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The SVG file to write (- for standard output).", valueName: "file.svg"))
    var outputPath: String
    @Option(help: ArgumentHelp("The box [x0, x1] × [y0, y1] to draw, as exact numbers (write --box=-1,1,-1,1 when x0 is negative).", valueName: "x0,x1,y0,y1"))
    var box: String?
    @Option(help: "Overlay this many random sample points (at most 100000).")
    var points: Int = 0
    @Option(help: "Seed of the sample points' generator.")
    var seed: UInt64 = 0x6E6E_6964
    @Option(help: "Give up beyond this many regions (at most 1000000).")
    var maxRegions: Int = 100_000

    /// Upper bounds of the options that size the work: every point and region is an SVG element
    /// of a few hundred bytes with exact coordinates, so these keep the picture under a gigabyte.
    static let maximumPoints = 100_000, maximumRegionLimit = 1_000_000

    func validate() throws {
        guard (0...Self.maximumPoints).contains(points) else { throw ValidationError("--points must be between 0 and \(Self.maximumPoints), found \(points)") }
        guard (1...Self.maximumRegionLimit).contains(maxRegions) else {
            throw ValidationError("--max-regions must be between 1 and \(Self.maximumRegionLimit), found \(maxRegions)")
        }
    }

    func run() throws {
        try reportingFailures {
            let network = try input.load()
            let plane: PlaneBox
            do {
                if let box {
                    let values = try parseNumbers(box, option: "--box")
                    guard values.count == 4 else { throw CommandFailure.input("--box: expected 4 numbers x0,x1,y0,y1, found \(values.count)") }
                    plane = try PlaneBox(x0: values[0], x1: values[1], y0: values[2], y1: values[3])
                } else {
                    plane = try PlaneBox(domain: network.inputDomain)
                }
            } catch let error as PictureError {
                throw CommandFailure.input(box == nil ? "\(input.path): input domain: \(described(error))" : "--box: \(described(error))")
            }
            let regions: LinearRegions
            do {
                regions = try LinearRegions(network: network, box: plane, regionLimit: maxRegions)
            } catch {
                throw CommandFailure.input("\(input.path): \(described(error))")
            }
            var generator = SplitMix64(seed: seed)
            let samples = (0..<points).map { _ in
                let p = generator.nextPoint(in: [plane.x0, plane.y0], [plane.x1, plane.y1], bits: 20)
                return PlanePoint(p[0], p[1])
            }
            let picture = RegionsPicture(regions: regions, points: samples, title: network.name ?? input.path)
            try FileBytes.writeAtomically(Array(picture.svg.utf8), to: outputPath)
            let count = regions.regions.count, lines = regions.crossingKinkLines.count
            var summary = "\(count) region\(count == 1 ? "" : "s"), \(lines) kink line\(lines == 1 ? "" : "s")"
            if points > 0 {
                let onKink = samples.filter(picture.isOnKink).count
                summary += ", \(points) point\(points == 1 ? "" : "s")" + (onKink > 0 ? " (\(onKink) on a kink)" : "")
            }
            let line = "\(summary) → \(outputPath == "-" ? "standard output" : outputPath.escapingControlCharacters)\n"
            if outputPath == "-" { Terminal.note(String(line.dropLast())) } else { Terminal.output(line) }
        }
    }
}
