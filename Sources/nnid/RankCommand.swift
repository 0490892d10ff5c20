import ArgumentParser
import Identifiability

/// `nnid rank NET`: the batch functional dimension and what explains the degenerate directions.
struct RankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Functional dimension: the rank of the parameter-to-function Jacobian on a sampled batch.",
        discussion: """
            Samples inputs from the network's domain (default box [-1,1]^n), evaluates the Jacobian of \
            θ ↦ (f(x₁), …, f(x_N)), and reports its rank (exact and certified for piecewise-linear \
            networks), the spectrum at the cut, and how many degenerate directions known symmetries explain.

            Example: nnid rank examples/relu-2-2-1.json
            """)

    @OptionGroup var input: NetworkInput
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let network = try input.load()
            try requireDoubleRange(network, file: input.path)
            let options = try analysis.rankOptions(for: network)
            let progress = analysis.progress(stages: 4)
            let result: RankAnalysis, onKink: UnitID?
            do {
                (result, onKink) = try Analysis.rankReducingIfOnKink(network, options: options, progress: progress.report)
            } catch {
                progress.finish()
                throw analysisFailure(error, file: input.path)
            }
            progress.finish()
            output.print(result, styled: true)
            try analysis.saveBatchIfAsked(result, inputs: network.inputCount)
            if let onKink {
                Terminal.note("nnid: note: \(input.path): the analysis above is of the reduced network (nnid canon): \(onKink) sits on the kink of its activation at every sampled input, so the Jacobian of the given parameters does not exist there")
                throw ExitCode(1)
            }
        }
    }
}
