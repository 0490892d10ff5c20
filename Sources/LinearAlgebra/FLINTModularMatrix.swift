import CFLINT

/// A dense matrix over 𝔽_p (p < 2³¹ prime) held by FLINT's `nmod_mat_t`.
///
/// FLINT's LU decomposition and triangular solves are blocked and multiply by Strassen's
/// algorithm (O(n^ω) with ω = log₂ 7), where ``ModularMatrix``'s elimination is cubic: on the
/// Jacobians of the rank analysis the gap is several-fold (Benchmarks/README.md).
final class FLINTModularMatrix {
    let rows: Int
    let columns: Int
    let prime: UInt32
    let matrix: UnsafeMutablePointer<nmod_mat_struct>

    /// The zero matrix.
    init(rows: Int, columns: Int, prime: UInt32) {
        self.rows = rows
        self.columns = columns
        self.prime = prime
        matrix = .allocate(capacity: 1)
        nmod_mat_init(matrix, rows, columns, UInt(prime))
    }

    /// A copy of the residues of `source` (same prime).
    convenience init(_ source: ModularMatrix) {
        self.init(rows: source.rows, columns: source.columns, prime: source.field.p)
        source.entries.withUnsafeBufferPointer { e in
            for i in 0..<rows {
                let row = nnid_nmod_mat_row(matrix, i)!
                for j in 0..<columns { row[j] = UInt(e[i * columns + j]) }
            }
        }
    }

    /// The residues mod `prime` of `source` on `rowSubset × columnSubset` (default: all rows
    /// or columns, in order).
    convenience init(residuesOf source: IntegerMatrix, rows rowSubset: [Int]? = nil, columns columnSubset: [Int]? = nil, prime: UInt32) {
        let chosenRows = rowSubset ?? Array(0..<source.rows), chosenColumns = columnSubset ?? Array(0..<source.columns)
        self.init(rows: chosenRows.count, columns: chosenColumns.count, prime: prime)
        for (a, i) in chosenRows.enumerated() {
            let row = nnid_nmod_mat_row(matrix, a)!
            for (b, j) in chosenColumns.enumerated() {
                let x = source.entry(i, j)
                if nnid_fmpz_is_zero(x) == 0 { row[b] = fmpz_fdiv_ui(x, UInt(prime)) }
            }
        }
    }

    deinit {
        nmod_mat_clear(matrix)
        matrix.deallocate()
    }

    subscript(i: Int, j: Int) -> UInt32 {
        get { UInt32(truncatingIfNeeded: nnid_nmod_mat_row(matrix, i)![j]) }
        set { nnid_nmod_mat_row(matrix, i)![j] = UInt(newValue) }
    }

    /// The rows i with (self · other)[i, :] ≠ 0 mod p (FLINT's `nmod_mat_mul`).
    func nonzeroProductRows(times other: FLINTModularMatrix) -> [Int] {
        guard rows > 0, other.columns > 0 else { return [] }
        let product = FLINTModularMatrix(rows: rows, columns: other.columns, prime: prime)
        nmod_mat_mul(product.matrix, matrix, other.matrix)
        return (0..<rows).filter { i in
            let row = nnid_nmod_mat_row(product.matrix, i)!
            return (0..<other.columns).contains { row[$0] != 0 }
        }
    }

    /// The rank mod p (FLINT's `nmod_mat_rank`).
    func rank() -> Int { nmod_mat_rank(matrix) }

    /// The row echelon form by FLINT's LU decomposition PA = LU (`nmod_mat_lu`).
    ///
    /// With r = rank, the first r rows of U are in echelon form with pivots c₀ < … < c_{r−1};
    /// row k of U is a combination of the rows P[0…k] of A, and A[P[0..<r], C] is nonsingular
    /// mod p. FLINT stores L's multipliers of row k in columns < k ≤ c_{k−1}, so U's row k is read
    /// from column c_{k−1} + 1 on (zero before c_k), then scaled to 1 at c_k.
    func echelon() -> ModularEchelon {
        var result = ModularEchelon(columns: columns)
        guard rows > 0, columns > 0 else { return result }
        let work = FLINTModularMatrix(rows: rows, columns: columns, prime: prime)
        nmod_mat_set(work.matrix, matrix)
        var permutation = [Int](repeating: 0, count: rows)
        let r = permutation.withUnsafeMutableBufferPointer { nmod_mat_lu($0.baseAddress, work.matrix, 0) }
        let field = PrimeField(prime)
        result.basis = [UInt32](repeating: 0, count: r * columns)
        var from = 0
        for k in 0..<r {
            let row = nnid_nmod_mat_row(work.matrix, k)!
            guard let c = (from..<columns).first(where: { row[$0] != 0 }) else { break }
            let inverse = UInt64(field.inverse(UInt32(row[c])))
            for j in c..<columns {
                result.basis[k * columns + j] = UInt32((UInt64(row[j]) * inverse) % UInt64(prime))
            }
            result.pivotRows.append(permutation[k])
            result.pivotColumns.append(c)
            result.starts.append(c)
            from = c + 1
        }
        return result
    }
}
