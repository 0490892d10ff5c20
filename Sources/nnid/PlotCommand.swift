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
              nnid plot regions examples/relu-2-2-1.json -o r.svg --box=-2,2,-1,1 --points 40
              nnid plot spectrum examples/relu-2-2-1.json -o s.svg
            """,
        subcommands: [PlotRegionsCommand.self, PlotSpectrumCommand.self])
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


/// `nnid plot spectrum NET -o FILE`: the singular values of the Jacobian of
/// θ ↦ (f_θ(x₁), …, f_θ(x_N)) on a random batch, with the numeric rank cut.
struct PlotSpectrumCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Draw the singular values of the parameter Jacobian on a batch of inputs.",
        discussion: """
            The Jacobian J of θ ↦ (f_θ(x₁), …, f_θ(x_N)) is computed in floating point (Double) on \
            the batch the rank analysis samples (`nnid rank` with the same --points and --seed: \
            seeded, grown until the rank settles, crossing every kink it can), and its singular \
            values are drawn on a log scale. \
            The rank is the number of singular values above the tolerance τ (by default \
            σ₁ · max(rows, columns) · 2⁻⁵², numpy's matrix_rank default); the gap ratio σ_r/σ_{r+1} \
            says how clear the cut is. Numbers here are floating point: the picture shows the \
            numeric evidence, not an exact rank.
            """)

    @OptionGroup var input: NetworkInput
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("The SVG file to write (- for standard output).", valueName: "file.svg"))
    var outputPath: String
    @OptionGroup var analysis: AnalysisOptions

    func run() throws {
        try reportingFailures {
            let network = try input.load()
            try requireDoubleRange(network, file: input.path)
            // The picture shows the numeric evidence of the rank analysis itself: the same batch,
            // spectrum, tolerance and cut as `nnid rank` with the same options.
            var options = analysis.rankOptions()
            options.exact = .never
            let result: RankAnalysis
            do { result = try Analysis.rank(network, options: options) } catch {
                throw analysisFailure(error, file: input.path)
            }
            let numeric = result.numeric
            let (values, tau, rank) = (numeric.singularValues, numeric.tolerance, numeric.rank)
            let parameters = network.parameterCount, count = result.batch.points.count
            let title = "\(network.name ?? input.path): Jacobian at \(count) points, \(parameters) parameters"
            let picture: SpectrumPicture
            do {
                picture = try SpectrumPicture(singularValues: values, tolerance: tau, rank: rank, title: title)
            } catch {
                throw CommandFailure.input("\(input.path): \(described(error))")
            }
            try FileBytes.writeAtomically(Array(picture.svg.utf8), to: outputPath)
            let gap = picture.gapRatio.map { ", gap ratio " + ($0.isInfinite ? "infinite" : SVGDocument.scientific($0)) } ?? ""
            let line = "rank \(rank) of \(parameters) parameters on \(count) points\(gap) → \(outputPath == "-" ? "standard output" : outputPath.escapingControlCharacters)"
            if outputPath == "-" { Terminal.note(line) } else { Terminal.output(line + "\n") }
        }
    }
}
