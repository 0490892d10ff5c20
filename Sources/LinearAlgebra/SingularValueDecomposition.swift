import CLAPACKE

/// A singular value decomposition A = U·diag(σ)·Vᵀ with σ₁ ≥ σ₂ ≥ … ≥ 0.
public struct SingularValueDecomposition: Sendable {
    /// m × k, k = min(m, n), orthonormal columns.
    public let u: Matrix<Double>
    /// The k singular values in non-increasing order.
    public let singularValues: [Double]
    /// k × n, orthonormal rows.
    public let vt: Matrix<Double>
}
