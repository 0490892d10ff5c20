/// A numeric rank that reads a tall matrix J (m × n, m unbounded) block by block and keeps only
/// what the rows seen so far establish: the rank r, the rows that raised it, and an orthonormal
/// basis N of the numerical null space (n × (n − r)).
///
/// A row a adds rank exactly when its component Nᵀa along the null space is not negligible,
/// ‖Nᵀa‖ > τ·‖a‖: a test that costs O(n·(n − r)) and no refactorisation. The factorisation
/// behind an engine (LAPACK on this machine; a GPU or distributed one later, see
/// `docs/rank-performance.md`) is hidden behind this protocol.
///
/// Evidence (``StreamingRankEvidence``): the selected rows S are r rows of J, so by Cauchy
/// interlacing σ_r(J) ≥ σ_r(S); every rejected row lies within ‖Nᵀa‖ of the row space of S, so
/// σ_{r+1}(J) ≤ ‖E‖_F with E the rejected rows' components off that space.
public protocol StreamingRankEngine: Sendable {
    /// n, the number of columns of J.
    var columns: Int { get }
    /// The numeric rank of the rows absorbed so far.
    var rank: Int { get }
    /// Indices (in the order rows were absorbed, counting from 0) of the rows that raised the rank.
    var selectedRows: [Int] { get }
    /// Orthonormal basis of the numerical null space of the rows absorbed so far, one column
    /// per direction (n × (n − r), row-major: entry (p, t) is parameter p of direction t).
    var nullSpaceBasis: Matrix<Double> { get }
    /// ‖Nᵀa‖ / ‖a‖: the relative component of `row` along the current null space (0 for a zero
    /// row). The row would add rank when this exceeds the engine's threshold.
    func nullSpaceComponent(of row: [Double]) -> Double
    /// Reads the rows of `block` and returns the indices within the block of those that raised
    /// the rank, in the order chosen (largest null-space component first).
    mutating func absorb(_ block: Matrix<Double>) throws(LinearAlgebraError) -> [Int]
    /// What the rows seen so far prove about the rank.
    var evidence: StreamingRankEvidence { get }
}
