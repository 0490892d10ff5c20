import ArgumentParser
import Identifiability

/// `nnid check NET`: canonicalisation + rank analysis + verdict.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Is the network identifiable up to its symmetries? Findings with stable codes.",
        discussion: """
            Exit status: 0 locally identifiable up to its known symmetries; 1 findings (reducible, hidden \
            degeneracy, ambiguous rank, …); 2 bad input. `--explain CODE` explains a finding code.

            Example: nnid check examples/relu-2-2-1.json
            """)

    @Argument(help: ArgumentHelp(
        "The network file (nnid JSON, safetensors, .npz, .npy, PyTorch .pt/.pth, pickle); - reads standard input. Not needed with --explain.",
        valueName: "network"))
    var path: String?

    @OptionGroup var reading: ReadingOptions
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Explain a finding code (e.g. NNID002) and exit; no network needed.", valueName: "code"))
    var explain: String?

    /// A network is required unless `--explain` asks about a finding code.
    func validate() throws {
        if explain == nil && path == nil { throw ValidationError("Missing expected argument '<network>'") }
    }

    /// `nnid check --explain CODE` (or `--explain=CODE`): the long form of a finding code; no network needed.
    static func explain(_ code: String) throws {
        guard let c = FindingCode.named(code) else {
            Terminal.error("--explain: unknown code \"\(code)\" (known: \(FindingCode.allCases.map(\.rawValue).joined(separator: ", ")))")
            throw ExitCode(2)
        }
        Terminal.output(c.explanation(naming: .commandLine) + "\n")
    }

    func run() throws {
        if let explain { return try Self.explain(explain) }
        try reportingFailures {
            let network = try reading.load(path: path ?? "-")
            try requireDoubleRange(network, file: path ?? "-")
            let options = try analysis.rankOptions(for: network)
            let progress = analysis.progress(stages: 5)
            let report: CheckReport
            do { report = try Analysis.check(network, options: CheckOptions(rank: options), progress: progress.report) } catch {
                progress.finish()
                throw analysisFailure(error, file: path ?? "-")
            }
            progress.finish()
            output.print(report, styled: true)
            try analysis.saveBatchIfAsked(report.analysis, inputs: network.inputCount)
            // Exit status 1 when there are findings (the command line maps; the report only reports).
            if !report.findings.isEmpty { throw ExitCode(1) }
        }
    }
}
