import ArgumentParser
import Identifiability

/// Output options shared by every command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Prints `report` in the chosen format on stdout (on stderr when `toStandardError`, for a
    /// command whose data goes to stdout); `styled` text on stdout gets the terminal's colours.
    /// Every command prints its report through here.
    func print(_ report: some Report, styled: Bool = false, toStandardError: Bool = false) {
        switch format {
        case .text where styled && !toStandardError: Terminal.outputReport(report)
        case .text: Terminal.report(report.text(naming: .commandLine), toStandardError: toStandardError)
        case .json: Terminal.report(report.json.serialized(indent: 2) + "\n", toStandardError: toStandardError)
        }
    }
}
