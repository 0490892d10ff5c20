
/// What `nnid check` reports.
public struct CheckReport: Sendable {
    public let summary: NetworkSummary
    public let canonical: CanonicalForm
    /// P of the canonical network.
    public let reducedParameterCount: Int
    /// The rank analysis of the input network (of its reduced network when a unit sits on its
    /// kink at every input: a reducible finding then says so).
    public let analysis: RankAnalysis
    public let learningCoefficient: LearningCoefficientBounds?
    public let findings: [Finding]
    public let verdict: Verdict

    public var parameterCount: Int { summary.parameterCount }
    /// The batch functional dimension: the effective parameter count.
    public var functionalDimension: Int { analysis.rank }
    /// This report with one more finding (findings stay in code order).
    func noting(_ finding: Finding) -> CheckReport {
        CheckReport(
            summary: summary, canonical: canonical, reducedParameterCount: reducedParameterCount, analysis: analysis,
            learningCoefficient: learningCoefficient, findings: (findings + [finding]).sorted { $0.code < $1.code }, verdict: verdict)
    }
}
