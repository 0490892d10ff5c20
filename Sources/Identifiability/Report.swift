import NetworkFormats
import Rank

/// A result as the library renders it: text for people and one JSON form for programs. The
/// library only renders; the command line chooses the form and prints it.
public protocol Report {
    /// The human-readable form, ending in a newline.
    var text: String { get }
    /// The machine-readable form (stable key order).
    var json: JSONValue { get }
    /// ``text`` line by line with what each line is, for presentation (colour at a terminal).
    var lines: [ReportLine] { get }
}

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

/// How serious a finding is.
public enum Severity: String, Sendable, Equatable {
    /// The analysis contradicts itself (a tangent outside the kernel, a certificate that fails).
    case error
    case warning
}

extension FindingCode {
    public var severity: Severity { self == .tangentNotInKernel || self == .certificateFailed ? .error : .warning }
}

extension Report {
    /// Every line plain.
    public var lines: [ReportLine] { text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { ReportLine(String($0)) } }
}

extension CheckReport: Report {}
extension RankAnalysis: Report {}
extension CanonicalReport: Report {}
extension EquivalenceReport: Report {}
extension DistanceReport: Report {}
extension EvaluationReport: Report {}
extension NetworkSummary: Report {}
