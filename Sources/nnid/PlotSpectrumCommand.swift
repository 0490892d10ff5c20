import ArgumentParser
import Identifiability

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
            options.fullSpectrum = true
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
