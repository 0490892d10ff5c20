import NetworkFormats
import Rank

/// A result as the library renders it: text for people and one JSON form for programs. The
/// library only renders; the command line chooses the form and prints it.
public protocol Report {
    /// The human-readable form, ending in a newline.
    var text: String { get }
    /// The machine-readable form (stable key order).
    var json: JSONValue { get }
}

extension CheckReport: Report {}
extension RankAnalysis: Report {}
extension CanonicalReport: Report {}
extension EquivalenceReport: Report {}
extension EvaluationReport: Report {}
extension NetworkSummary: Report {}
