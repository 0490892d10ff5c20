/// Options of ``Analysis/check(_:options:progress:)``.
public struct CheckOptions: Sendable, Equatable {
    public var rank: RankOptions
    public init(rank: RankOptions = RankOptions()) { self.rank = rank }
}

/// One finding of `nnid check`: a stable code, where it is, and what it means here.
public struct Finding: Sendable, Equatable {
    public let code: FindingCode
    /// One line: what was found.
    public let message: String
    /// Units or parameters it concerns.
    public let locations: [String]
    /// Further lines: why, and what to do.
    public let notes: [String]
}

/// The verdict of `nnid check`.
public enum Verdict: String, Sendable, Equatable {
    case identifiable = "locally identifiable up to its symmetries"
    case reducible = "reducible"
    case hiddenDegeneracy = "hidden degeneracy"
    case ambiguous = "ambiguous"
    /// Some units stay on one linear piece (dead, or linear) on the whole domain: more
    /// parameters than the symmetry orbit compute the same function there.
    case degenerateOnDomain = "degenerate on this domain"
    case undetermined = "undetermined"

    /// A stable identifier for JSON.
    public var key: String {
        switch self {
        case .identifiable: return "identifiable"
        case .reducible: return "reducible"
        case .hiddenDegeneracy: return "hidden_degeneracy"
        case .ambiguous: return "ambiguous"
        case .degenerateOnDomain: return "degenerate_on_domain"
        case .undetermined: return "undetermined"
        }
    }
}

/// Bounds on the learning coefficient λ at θ from the rank of the Hessian, valid under the
/// hypotheses in ``hypotheses`` (proof: `proofs/learning-coefficient-bounds.md`).
public struct LearningCoefficientBounds: Sendable, Equatable {
    /// rank / 2.
    public let lower: Rational
    /// rank / 2 + (P − rank) / 4.
    public let upper: Rational
    /// The rank the bounds are computed from is numeric and ambiguous (NNID003). The bounds hold
    /// for the rank's true value; here they are stated for the reported rank and inherit its
    /// uncertainty (``ambiguityCaveat``).
    public let rankIsAmbiguous: Bool

    public init(lower: Rational, upper: Rational, rankIsAmbiguous: Bool = false) {
        self.lower = lower
        self.upper = upper
        self.rankIsAmbiguous = rankIsAmbiguous
    }

    /// The caveat printed with bounds computed from an ambiguous rank.
    public static let ambiguityCaveat =
        "the rank is ambiguous (NNID003): the bounds hold for the true rank; these are for the reported rank and inherit its uncertainty"
    public static let hypotheses = [
        "squared loss, K(θ′) = E‖f_θ′(x) − f_θ(x)‖² with the truth realised at this parameter θ",
        "every activation analytic, so K is analytic near θ",
        "the batch rank equals the population rank of E[JᵀJ] (the Hessian of K at θ is 2·E[JᵀJ])",
        "a prior density positive and continuous at θ (λ is the local learning coefficient, Watanabe 2009)",
    ]
}

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
