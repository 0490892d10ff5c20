/// One line of a report's text and what it is.
public struct ReportLine: Sendable, Equatable {
    public enum Role: Sendable, Equatable {
        case plain
        /// The heading of a finding of this severity.
        case finding(Severity)
        /// The `= help:` line of a finding.
        case help
        /// The verdict; `settled` when it is "identifiable" with no finding.
        case verdict(settled: Bool)
    }
    public let text: String
    public let role: Role
    public init(_ text: String, _ role: Role = .plain) {
        self.text = text
        self.role = role
    }
}

extension ReportLine {
    /// The lines of `text` (which ends in a newline), all plain.
    public static func plain(_ text: String) -> [ReportLine] {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { ReportLine(String($0)) }
    }
}
