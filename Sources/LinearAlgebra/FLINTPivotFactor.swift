import CFLINT

/// FLINT's LU decomposition PA = LU of an m × n matrix A over 𝔽_p (`nmod_mat_lu`), kept for
/// solving with the nonsingular minor it exhibits.
///
/// With r = rank, U (r × n) is in row echelon form with pivots c₀ < … < c_{r−1} (the columns
/// ``pivotColumns``), and L (m × r) is unit lower triangular on its first r rows. Taking the rows
/// R = P[0..<r] (``pivotRows``) and the columns C: A[R, C] = L_r · U_C with L_r = L[0..<r, :]
/// unit lower triangular and U_C = U[:, C] upper triangular with nonzero diagonal, so A[R, C]
/// is nonsingular mod p and a solve with it costs two triangular solves (``solvePivotMinor(_:)``),
/// with no further elimination.
final class FLINTPivotFactor {
    let rank: Int
    let prime: UInt32
    /// Rows of A (indices into the factored matrix) of the nonsingular minor, in factor order.
    let pivotRows: [Int]
    /// Columns of the nonsingular minor, increasing.
    let pivotColumns: [Int]
    /// L_r (strictly lower part read; unit diagonal implied) and U_C, both r × r.
    private let lower: FLINTModularMatrix
    private let upper: FLINTModularMatrix

    /// Factors `a` (left unchanged).
    init(_ a: FLINTModularMatrix) {
        prime = a.prime
        let work = FLINTModularMatrix(rows: a.rows, columns: a.columns, prime: a.prime)
        nmod_mat_set(work.matrix, a.matrix)
        var permutation = [Int](repeating: 0, count: max(a.rows, 1))
        let r = a.rows > 0 && a.columns > 0
            ? permutation.withUnsafeMutableBufferPointer { nmod_mat_lu($0.baseAddress, work.matrix, 0) } : 0
        // FLINT keeps L's multipliers of row k in columns < k ≤ c_{k−1}: U's row k is read from
        // column c_{k−1} + 1 on.
        var columns: [Int] = []
        var from = 0
        for k in 0..<r {
            let row = nnid_nmod_mat_row(work.matrix, k)!
            guard let c = (from..<a.columns).first(where: { row[$0] != 0 }) else { break }
            columns.append(c)
            from = c + 1
        }
        rank = columns.count
        pivotColumns = columns
        pivotRows = Array(permutation[0..<rank])
        lower = FLINTModularMatrix(rows: rank, columns: rank, prime: a.prime)
        upper = FLINTModularMatrix(rows: rank, columns: rank, prime: a.prime)
        for k in 0..<rank {
            let row = nnid_nmod_mat_row(work.matrix, k)!
            let l = nnid_nmod_mat_row(lower.matrix, k)!, u = nnid_nmod_mat_row(upper.matrix, k)!
            for j in 0..<k { l[j] = row[j] }
            l[k] = 1
            for j in k..<rank { u[j] = row[columns[j]] }
        }
    }

    /// Overwrites `b` (r × k, row a belonging to pivot row a) with A[R, C]⁻¹ · b mod p: row j of
    /// the result belongs to pivot column j.
    func solvePivotMinor(_ b: FLINTModularMatrix) {
        guard rank > 0, b.columns > 0 else { return }
        nmod_mat_solve_tril(b.matrix, lower.matrix, b.matrix, 1)
        nmod_mat_solve_triu(b.matrix, upper.matrix, b.matrix, 0)
    }
}
