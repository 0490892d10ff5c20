import LinearAlgebra

/// Whose singular values a rank analysis reports.
public enum SpectrumSource: String, Sendable, Equatable {
    /// The whole batch Jacobian J's (from a factor with J's Gram matrix).
    case wholeBatch = "the whole batch Jacobian"
    /// The rows a streaming engine selected: σᵢ(S) ≤ σᵢ(J) by interlacing.
    case selectedRows = "the selected rows"
    /// The Gram matrix JᵀJ's pivoted Cholesky factorisation (``GramFactorization``): σ₁ by power
    /// iteration, pivots above the cut, Ritz bounds below it, nothing below the Gram floor.
    case gram = "the Gram matrix JᵀJ"
}
