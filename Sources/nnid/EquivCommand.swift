import ArgumentParser
import Identifiability

/// `nnid equiv A B`: do two networks compute the same function?
struct EquivCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "equiv",
        abstract: "Decide whether two networks compute the same function.",
        discussion: """
            Equivalent when the canonical forms are equal; not equivalent with a witness input \
            (exact for piecewise-linear networks) or by Sussmann's theorem (one tanh hidden layer); \
            otherwise undecided. Exit status: 0 equivalent, 1 not equivalent or undecided, 2 bad input.

            Example: nnid equiv a.json b.json
            """)

    @Argument(help: ArgumentHelp("The first network file.", valueName: "a"))
    var first: String
    @Argument(help: ArgumentHelp("The second network file.", valueName: "b"))
    var second: String
    @Option(help: ArgumentHelp("Activations for tensor-only files (applies to both).", valueName: "list"))
    var activations: String?
    @OptionGroup(title: "Input limits (apply to both files)") var limits: LimitOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        var equivalent = false
        try reportingFailures {
            let a = try NetworkInput.load(path: first, activations: activations, limits: limits)
            let b = try NetworkInput.load(path: second, activations: activations, limits: limits)
            let result: EquivalenceResult
            do {
                result = try Equivalence.decide(a, b)
            } catch {
                throw CommandFailure.input("\(error)")
            }
            let report = EquivalenceReport(result: result)
            switch output.format {
            case .text: Terminal.output(report.text)
            case .json: Terminal.output(json: report.json)
            }
            if case .equivalent = result.verdict { equivalent = true }
        }
        if !equivalent { throw ExitCode(1) }
    }
}
