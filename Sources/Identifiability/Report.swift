import NetworkFormats
import Rank

/// A result as the library renders it: text for people and one JSON form for programs. The
/// library only renders; the command line chooses the form and prints it. The settings a text
/// recommends are named by the caller's `OptionNames` (the command line passes its flags);
/// ``text`` names them the library's way.
public protocol Report {
    /// The human-readable form, ending in a newline.
    var text: String { get }
    /// The machine-readable form (stable key order).
    var json: JSONValue { get }
    /// The text line by line with what each line is, for presentation (colour at a terminal),
    /// naming the settings it recommends by `names`.
    func lines(naming names: OptionNames) -> [ReportLine]
}

extension Report {
    /// Every line of ``text`` plain: a report that recommends no setting.
    public func lines(naming names: OptionNames) -> [ReportLine] { ReportLine.plain(text) }

    /// The text, naming the settings it recommends by `names`.
    public func text(naming names: OptionNames) -> String { lines(naming: names).map(\.text).joined(separator: "\n") + "\n" }
}

extension CheckReport: Report {}
extension RankAnalysis: Report {}
extension CanonicalReport: Report {}
extension EquivalenceReport: Report {}
extension DistanceReport: Report {}
extension EvaluationReport: Report {}
extension NetworkSummary: Report {}
