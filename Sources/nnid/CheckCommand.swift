import ArgumentParser
import Identifiability
#if canImport(Glibc)
import Glibc
#endif

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

    @OptionGroup var input: NetworkInput
    @OptionGroup var analysis: AnalysisOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("Explain a finding code (e.g. NNID002) and exit; no network needed.", valueName: "code"))
    var explain: String?

    /// `nnid check --explain CODE`: handled by ``NNID/main()`` before parsing, since it needs no network.
    static func explain(_ code: String) -> Never {
        guard let c = FindingCode.named(code) else {
            Terminal.error("--explain: unknown code \"\(code)\" (known: \(FindingCode.allCases.map(\.rawValue).joined(separator: ", ")))")
            Glibc.exit(2)
        }
        Terminal.output(c.explanation + "\n")
        Glibc.exit(0)
    }

    func run() throws {
        try reportingFailures {
            let network = try input.load()
            try requireDoubleRange(network, file: input.path)
            let progress = analysis.progress(stages: 5)
            let report: CheckReport
            do { report = try Identifiability.check(network, options: CheckOptions(rank: analysis.rankOptions()), progress: progress.report) } catch {
                progress.finish()
                throw analysisFailure(error, file: input.path)
            }
            progress.finish()
            switch output.format {
            case .text: Terminal.outputReport(report.text)
            case .json: Terminal.output(json: report.json)
            }
            if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
        }
    }
}
