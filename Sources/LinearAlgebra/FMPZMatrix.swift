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

    /// The columns `chosen` of this matrix, in that order.
    func columns(_ chosen: [Int]) -> FMPZMatrix {
        let out = FMPZMatrix(rows: rows, columns: chosen.count)
        for i in 0..<rows {
            for (b, j) in chosen.enumerated() { fmpz_set(out.entry(i, b), entry(i, j)) }
        }
        return out
    }

    /// The column indices grouped by the size of their largest entry (bits up to 64, 128, 256,
    /// …, doubling), smallest first. A product with this matrix costs what its largest entry
    /// costs in every column (`fmpz_mat_mul` picks one kernel and one prime count for all), so
    /// columns of very different sizes are multiplied group by group.
    func columnGroupsBySize() -> [[Int]] {
        var groups: [Int: [Int]] = [:]
        for j in 0..<columns {
            var bits = 0
            for i in 0..<rows { bits = Swift.max(bits, Int(fmpz_bits(entry(i, j)))) }
            var bucket = 0
            while (64 << bucket) < bits { bucket += 1 }
            groups[bucket, default: []].append(j)
        }
        return groups.keys.sorted().map { groups[$0]! }
    }

    /// Whether column j is zero.
    func columnIsZero(_ j: Int) -> Bool { (0..<rows).allSatisfy { nnid_fmpz_is_zero(entry($0, j)) != 0 } }

    /// The columns of this matrix that are not identically zero, increasing.
    func nonzeroColumnIndices() -> [Int] {
        var nonzero = [Bool](repeating: false, count: columns)
        for i in 0..<rows {
            for j in 0..<columns where !nonzero[j] && nnid_fmpz_is_zero(entry(i, j)) == 0 { nonzero[j] = true }
        }
        return (0..<columns).filter { nonzero[$0] }
    }
}
