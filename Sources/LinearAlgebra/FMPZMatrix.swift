import CFLINT

/// A dense integer matrix held by FLINT's `fmpz_mat_t`, owned and cleared by this object.
///
/// FLINT stores an entry below 2⁶² in absolute value inline in one word and allocates GMP
/// storage only for larger ones, so the Jacobians of the rank analysis (mostly small integers
/// after clearing denominators) cost a word per entry; products (`fmpz_mat_mul`) choose between
/// word-size, multi-word and multimodular kernels by the entries' size.
final class FMPZMatrix {
    let rows: Int
    let columns: Int
    let matrix: UnsafeMutablePointer<fmpz_mat_struct>

    /// The zero matrix.
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        matrix = .allocate(capacity: 1)
        fmpz_mat_init(matrix, rows, columns)
    }

    deinit {
        fmpz_mat_clear(matrix)
        matrix.deallocate()
    }

    /// A pointer to entry (i, j), valid while this object lives.
    @inline(__always) func entry(_ i: Int, _ j: Int) -> UnsafeMutablePointer<fmpz> {
        nnid_fmpz_mat_entry(matrix, i, j)!
    }

    /// The product `self · other`.
    func multiplied(by other: FMPZMatrix) -> FMPZMatrix {
        let out = FMPZMatrix(rows: rows, columns: other.columns)
        if rows > 0, other.columns > 0, columns > 0 { fmpz_mat_mul(out.matrix, matrix, other.matrix) }
        return out
    }

    /// The columns of this matrix that are not identically zero, increasing.
    func nonzeroColumnIndices() -> [Int] {
        var nonzero = [Bool](repeating: false, count: columns)
        for i in 0..<rows {
            for j in 0..<columns where !nonzero[j] && nnid_fmpz_is_zero(entry(i, j)) == 0 { nonzero[j] = true }
        }
        return (0..<columns).filter { nonzero[$0] }
    }
}
