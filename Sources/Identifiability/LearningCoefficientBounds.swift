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
