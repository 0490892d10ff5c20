import ArgumentParser
import Identifiability

/// `nnid info NET`: architecture, parameter count, activations, input domain.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Show a network's architecture and parameter count.",
        discussion: "Example: nnid info examples/relu-2-2-1.json")

    @OptionGroup var input: NetworkInput
    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingFailures {
            let summary = NetworkSummary(try input.load(symbolicBiases: true))
            output.print(summary)
        }
    }
}
