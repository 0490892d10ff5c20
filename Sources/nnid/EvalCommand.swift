import ArgumentParser
import Identifiability

/// `nnid eval NET --input x1,x2,…`: the outputs at one input, exactly where possible.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a network at an input, exactly where possible.",
        discussion: """
            Inputs are exact numbers: 1/2, -0.25, 1e-3. Piecewise-linear networks evaluate exactly; \
            others fall back to floating point (Double) and say so.

            Example: nnid eval examples/relu-2-2-1.json --input 1/2,-1
            """)

    @OptionGroup var input: NetworkInput
    @Option(name: [.customLong("input"), .short], parsing: .unconditional, help: ArgumentHelp("The input point, comma-separated exact numbers.", valueName: "x1,x2,…"))
    var point: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let network = try input.load(symbolicBiases: true)
            let x = try parseNumbers(point, option: "--input")
            let report = try EvaluationReport(network: network, input: x)
            output.print(report)
        }
    }
}
