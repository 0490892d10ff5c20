import ArgumentParser
import Identifiability

/// `nnid plot …`: pictures as SVG files.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw pictures of a network as SVG.",
        discussion: """
            Examples:
              nnid plot regions examples/relu-2-3-1-regions.json -o regions.svg
              nnid plot regions examples/relu-2-2-1.json -o r.svg --box -2,2,-1,1 --points 40
            """,
        subcommands: [PlotRegionsCommand.self])
}

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
    @Option(help: ArgumentHelp("The box [x0, x1] × [y0, y1] to draw, as exact numbers.", valueName: "x0,x1,y0,y1"))
    var box: String?
    @Option(help: "Overlay this many random sample points.")
    var points: Int = 0
    @Option(help: "Seed of the sample points' generator.")
    var seed: UInt64 = 0x6E6E_6964
    @Option(help: "Give up beyond this many regions.")
    var maxRegions: Int = 100_000

    func validate() throws {
        guard points >= 0 else { throw ValidationError("--points must be 0 or more") }
        guard maxRegions >= 1 else { throw ValidationError("--max-regions must be at least 1") }
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
                throw CommandFailure.input(box == nil ? "\(input.path): input domain: \(error)" : "--box: \(error)")
            }
            let regions: LinearRegions
            do {
                regions = try LinearRegions(network: network, box: plane, regionLimit: maxRegions)
            } catch {
                throw CommandFailure.input("\(input.path): \(error)")
            }
            var generator = PlotSampler(seed: seed)
            let samples = (0..<points).map { _ in generator.point(in: plane) }
            let picture = RegionsPicture(regions: regions, points: samples, title: network.name ?? input.path)
            try FileBytes.writeAtomically(Array(picture.svg.utf8), to: outputPath)
            let count = regions.regions.count, lines = regions.crossingKinkLines.count
            var summary = "\(count) region\(count == 1 ? "" : "s"), \(lines) kink line\(lines == 1 ? "" : "s")"
            if points > 0 {
                let onKink = samples.filter(picture.isOnKink).count
                summary += ", \(points) point\(points == 1 ? "" : "s")" + (onKink > 0 ? " (\(onKink) on a kink)" : "")
            }
            let line = "\(summary) → \(outputPath == "-" ? "standard output" : outputPath)\n"
            if outputPath == "-" { Terminal.note(String(line.dropLast())) } else { Terminal.output(line) }
        }
    }
}

/// Comma-separated exact numbers, with errors naming the option and position.
func parseNumbers(_ text: String, option: String) throws -> [Rational] {
    var out: [Rational] = []
    for (k, item) in text.split(separator: ",", omittingEmptySubsequences: false).enumerated() {
        do {
            out.append(try Rational(parsing: String(item).trimmingSpaces))
        } catch {
            throw CommandFailure.input("\(option), value \(k + 1): \(error)")
        }
    }
    return out
}

/// Uniform points of a box on its grid 2⁻²⁰: x0 + (x1 − x0)·k/2²⁰ for odd k (0 < k < 2²⁰) from
/// SplitMix64 (Steele, Lea & Flood 2014), the convention of the rank analysis's random draws.
struct PlotSampler {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func point(in box: PlaneBox) -> PlanePoint {
        let kx = Int(next() >> 44 | 1), ky = Int(next() >> 44 | 1)
        return PlanePoint(box.x0 + (box.x1 - box.x0) * Rational(kx, 1 << 20), box.y0 + (box.y1 - box.y0) * Rational(ky, 1 << 20))
    }
}
