/// A P × k right-hand side V for products with a Kronecker-factored Jacobian
/// (``FactoredJacobian/times(_:)``), held as rows of a dense block D and unit rows:
///
///     V[c, ·] = coefficient · D[row(c), ·]   when row(c) ≥ 0,
///     V[c, ·] = e_unit(c)ᵀ                   when unit(c) ≥ 0,
///     V[c, ·] = 0                            otherwise.
///
/// A dense V is D itself (row(c) = c). The Schur deflation's V = Π·[−X; I] (``SchurDeflation``)
/// is D = X with coefficient −1 on the leading pivots and the unit rows on the trailing ones, so
/// that J·V = J₂ − J₁X is formed without the P × k matrix V.
public struct FactoredOperand: Sendable {
    /// k, the columns of V.
    public let columns: Int
    /// P, the rows of V (the columns of J).
    public let parameterCount: Int
    /// D, row-major with ``columns`` columns.
    let block: [Double]
    let coefficient: Double
    /// Per θ column: its row of D, or −1.
    let blockRow: [Int]
    /// Per θ column: its unit column, or −1.
    let unitColumn: [Int]

    /// V itself (P × k, row-major).
    public init(dense v: Matrix<Double>) {
        columns = v.columns
        parameterCount = v.rows
        block = v.elements
        coefficient = 1
        blockRow = Array(0..<v.rows)
        unitColumn = [Int](repeating: -1, count: v.rows)
    }

    /// V = Π·[−X; I]: row `leading[i]` of V is −X[i, ·] (X row-major, `leading.count` × k) and
    /// row `trailing[t]` is e_t, for k = `trailing.count` and disjoint index sets below P.
    public init(schur x: [Double], leading: [Int], trailing: [Int], parameterCount p: Int) {
        precondition(x.count == leading.count * trailing.count)
        precondition((leading + trailing).allSatisfy { $0 >= 0 && $0 < p })
        columns = trailing.count
        parameterCount = p
        block = x
        coefficient = -1
        var rows = [Int](repeating: -1, count: p), units = [Int](repeating: -1, count: p)
        for (i, c) in leading.enumerated() { rows[c] = i }
        for (t, c) in trailing.enumerated() { units[c] = t }
        blockRow = rows
        unitColumn = units
    }
}
