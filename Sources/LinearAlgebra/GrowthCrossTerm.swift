import CLAPACKE

/// The coupling of a growth round's new directions with the old row space,
/// L_× = ‖U_sᵀ·J_new·(I − N·Nᵀ)‖₂, read in a second pass over the round's rows
/// (proofs/growth-without-refactoring.md, Claim 3′). C = J_new·N = U·diag(c)·Yᵀ; U_s, the first s
/// left singular vectors, is C·Y_s·diag(c₁ … c_s)⁻¹ = J_new·V for V = N·Y_s·diag(c)⁻¹ (P × s), so
///
///     Mᵀ = J_newᵀ·U_s = Σ_blocks J_Bᵀ·(J_B·V)      (P × s),
///
/// then L_× = σ_max(Mᵀ − N·(Nᵀ·Mᵀ)). L_× ≤ ‖J_new‖₂ ≤ ‖J_new‖_F, and unlike ‖U_sᵀ·J_new‖ it is not
/// held above c₁ by the new directions themselves (U_sᵀ·J_new·N = diag(c)·Y_sᵀ is projected out).
///
/// Cost per block of n points: 4·n·s·(P + K·Σu) flops from the Kronecker factors (``FactoredJacobian/times(_:)``
/// and ``FactoredJacobian/transposeTimes(_:)``); at the end 4·P·k·s + 2·P·s² and an s × s SVD.
/// Memory: V and Mᵀ (P × s each; Mᵀ is projected in place) beside N.
public struct GrowthCrossTerm: Sendable {
    public let parameterCount: Int
    /// s, the new directions.
    public let newDirections: Int
    /// N (P × k, row-major), shared with the ``NullSpaceGrowth`` that made it.
    private let basis: Matrix<Double>
    /// V = N·Y_s·diag(c)⁻¹ (P × s, row-major), dense, and as an operand for the factored products.
    private let v: Matrix<Double>
    private let operand: FactoredOperand
    /// Mᵀ = J_newᵀ·U_s summed over the blocks read (P × s, row-major).
    private var product: [Double]
    /// Rows of J_new read.
    public private(set) var rowsRead = 0

    /// From N (P × k), Yᵀ (k × k, C's right singular vectors as rows) and c₁ ≥ … ≥ c_s > 0.
    init(basis: Matrix<Double>, yt: Matrix<Double>, values: [Double], newDirections s: Int) {
        let p = basis.rows, k = basis.columns
        precondition(s > 0 && s <= k && yt.rows == k && yt.columns == k && values.count >= s && values[s - 1] > 0)
        parameterCount = p
        newDirections = s
        self.basis = basis
        // Y_s·diag(c)⁻¹ (k × s): column j is row j of Yᵀ over c_j.
        var ys = [Double](repeating: 0, count: k * s)
        for j in 0..<s { for i in 0..<k { ys[i * s + j] = yt[j, i] / values[j] } }
        v = basis.multiplied(by: Matrix(rows: k, columns: s, uncheckedElements: ys))!
        operand = FactoredOperand(dense: v)
        product = [Double](repeating: 0, count: p * s)
    }

    /// One block of dense rows: Mᵀ += Bᵀ·(B·V).
    public mutating func absorb(rows block: Matrix<Double>) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == parameterCount else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        guard let u = block.multiplied(by: v) else { throw .dimensionTooLarge(rows: block.rows, columns: newDirections) }
        _ = BLASThreads.pinnedToOne
        let s = newDirections
        block.elements.withUnsafeBufferPointer { b in
            cblas_dgemm(
                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(parameterCount), Int32(s), Int32(block.rows), 1,
                b.baseAddress!, Int32(parameterCount), u.elements, Int32(s), 1, &product, Int32(s))
        }
        rowsRead += block.rows
    }

    /// One block of Kronecker-factored rows: Mᵀ += J_Bᵀ·(J_B·V), neither product formed densely
    /// beyond its n·K × s and P × s results.
    public mutating func absorb(factored block: FactoredJacobian) throws(LinearAlgebraError) {
        guard block.points > 0, block.outputs > 0 else { return }
        guard block.parameterCount == parameterCount else {
            throw .dimensionTooLarge(rows: block.points * block.outputs, columns: block.parameterCount)
        }
        let u = try block.times(operand)
        try block.addTransposeTimes(u, into: &product, rows: Array(0..<parameterCount))
        rowsRead += block.points * block.outputs
    }

    /// L_× = σ_max(Mᵀ − N·(Nᵀ·Mᵀ)) (`dgemm`, then the largest singular value of the s × s Gram
    /// matrix of the projected product, square-rooted). Projects Mᵀ in place: call it once.
    public mutating func norm() throws(LinearAlgebraError) -> Double {
        _ = BLASThreads.pinnedToOne
        let p = parameterCount, k = basis.columns, s = newDirections
        var inner = [Double](repeating: 0, count: k * s)
        basis.elements.withUnsafeBufferPointer { n in
            // Nᵀ·Mᵀ (k × s), then Mᵀ − N·(Nᵀ·Mᵀ).
            cblas_dgemm(
                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(s), Int32(p), 1, n.baseAddress!, Int32(k),
                product, Int32(s), 0, &inner, Int32(s))
            cblas_dgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(p), Int32(s), Int32(k), -1, n.baseAddress!, Int32(k),
                inner, Int32(s), 1, &product, Int32(s))
        }
        var gram = [Double](repeating: 0, count: s * s)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(s), Int32(s), Int32(p), 1, product, Int32(s), product, Int32(s), 0,
            &gram, Int32(s))
        let largest = try Matrix(rows: s, columns: s, uncheckedElements: gram).singularValues().first ?? 0
        return max(0, largest).squareRoot()
    }
}
