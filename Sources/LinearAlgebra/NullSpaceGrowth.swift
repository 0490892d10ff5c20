import CLAPACKE

/// New rows J_new read against an orthonormal null basis N (P × k) of the rows before them,
/// without a factorisation of all the rows: C = J_new·N is folded block by block into the
/// triangular factor R of C = Q_C·R (``TriangularFactor``, backward stable), and ‖J_new‖_F² is
/// summed, so that ``GrowthRoundBound`` can bound the spectrum of [J_old; J_new] from σ(C) = σ(R)
/// and C's right singular vectors Y (proofs/growth-without-refactoring.md).
///
/// Cost per block of b rows: 2·b·P·k flops for C_B on dense rows, 2·n·k·(P + K·Σu) from the
/// Kronecker factors (``FactoredJacobian/times(_:)``), plus ≈ 2·b·k² for the update of R.
/// Memory: N twice (P × k, as the operand and for N·Y_⊥) and R (k × k) — no P × P array.
public struct NullSpaceGrowth: Sendable {
    /// P, the columns of J.
    public let parameterCount: Int
    /// k, the null directions N spans.
    public let columns: Int
    /// N as a P × k operand for the factored products (its rows are N's rows, row-major).
    private let operand: FactoredOperand
    /// N, P × k row-major.
    let basis: Matrix<Double>
    /// R of C (k × k); `nil` when k = 0.
    private var factor: TriangularFactor?
    /// Rows of J_new read.
    public private(set) var rowsRead = 0
    /// ‖J_new‖_F² of the rows read: an upper bound on ‖J_new‖₂².
    public private(set) var squaredFrobeniusNorm = 0.0

    /// Starts from the null basis given as rows (k × P, orthonormal rows).
    public init(nullRows: Matrix<Double>) throws(LinearAlgebraError) {
        parameterCount = nullRows.columns
        columns = nullRows.rows
        basis = nullRows.transposed
        operand = FactoredOperand(dense: basis)
        factor = columns > 0 ? try TriangularFactor(columns: columns) : nil
    }

    /// C_B = B·N for a block B of dense rows (`dgemm`), folded into R.
    public mutating func absorb(rows block: Matrix<Double>) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == parameterCount else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        squaredFrobeniusNorm += block.elements.reduce(0) { $0 + $1 * $1 }
        rowsRead += block.rows
        guard columns > 0, let c = block.multiplied(by: basis) else { return }
        try factor?.append(rows: c)
    }

    /// C_B = J_B·N from the Kronecker factors (the rows are never formed), folded into R, and
    /// ‖J_B‖_F² from the factors (``FactoredJacobian/squaredFrobeniusNorm``).
    public mutating func absorb(factored block: FactoredJacobian) throws(LinearAlgebraError) {
        guard block.points > 0, block.outputs > 0 else { return }
        guard block.parameterCount == parameterCount else {
            throw .dimensionTooLarge(rows: block.points * block.outputs, columns: block.parameterCount)
        }
        try block.validateFinite()
        squaredFrobeniusNorm += block.squaredFrobeniusNorm
        rowsRead += block.points * block.outputs
        guard columns > 0 else { return }
        try factor?.append(rows: try block.times(operand))
    }

    /// σ(C) (k values, largest first; zeros beyond the rows read) and Yᵀ (k × k, orthonormal
    /// rows: C's right singular vectors), from the SVD of R (`dgesdd`).
    public func spectrum() throws(LinearAlgebraError) -> (values: [Double], yt: Matrix<Double>) {
        guard let factor, rowsRead > 0 else {
            return ([Double](repeating: 0, count: columns), Matrix<Double>.identity(columns))
        }
        let svd = try factor.r.singularValueDecomposition()
        return (svd.singularValues, svd.vt)
    }

    /// The rows of (N·Y_⊥)ᵀ for Y_⊥ = Y's columns from `kept` on: an orthonormal basis (rows,
    /// (k − kept) × P) of the null space of [J_old; J_new] at rank r + `kept` (`dgemm`).
    public func nullRows(after kept: Int, yt: Matrix<Double>) -> Matrix<Double> {
        let d = columns - kept
        guard d > 0 else { return Matrix(rows: 0, columns: parameterCount, repeating: 0) }
        precondition(yt.rows == columns && yt.columns == columns && kept >= 0)
        _ = BLASThreads.pinnedToOne
        // (N·Y_⊥)ᵀ = Y_⊥ᵀ·Nᵀ: rows `kept`… of Yᵀ times N's transpose.
        var out = [Double](repeating: 0, count: d * parameterCount)
        yt.elements.withUnsafeBufferPointer { y in
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasTrans, Int32(d), Int32(parameterCount), Int32(columns), 1,
                y.baseAddress! + kept * columns, Int32(columns), basis.elements, Int32(columns), 0, &out, Int32(parameterCount))
        }
        return Matrix(rows: d, columns: parameterCount, uncheckedElements: out)
    }
}
