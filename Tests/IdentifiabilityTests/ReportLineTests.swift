import Identifiability
import Testing

/// A check report's lines carry what each line is — finding headings by severity, help lines,
/// the verdict — and its text is exactly those lines, so presentation never parses text.
@Suite struct ReportLineTests {
    @Test(arguments: ["tanh-duplicate-pair", "relu-2-2-1"]) func linesAreTheTextWithRoles(example: String) throws {
        let report = try Analysis.check(try ArticleSnippetTests.example(example))
        let lines = report.lines(naming: OptionNames())
        #expect(lines.map(\.text).joined(separator: "\n") + "\n" == report.text)
        let headings = lines.filter { if case .finding = $0.role { true } else { false } }
        #expect(headings.count == report.findings.count)
        #expect(zip(headings, report.findings).allSatisfy { $0.text.hasPrefix("\($1.code.severity.rawValue)[\($1.code.rawValue)]") })
        #expect(lines.filter { $0.role == .help }.count == report.findings.count)
        let settled = report.verdict == .identifiable && report.findings.isEmpty
        #expect(lines.last?.role == .verdict(settled: settled))
    }
}
