import CFLINT
import CGMP
import Exact

/// A dense integer matrix made from a rational matrix by clearing denominators row by row: row i
/// is multiplied by the least common multiple Lᵢ of its denominators. Scaling a row by a nonzero
/// constant changes neither the rank nor the null space, so exact-rank work can run on integers
/// (residues mod p by one division per entry, exact products without rational normalisation).
///
/// The entries live in a FLINT `fmpz_mat` (``FMPZMatrix``): one word per entry below 2⁶², GMP
/// storage only for larger ones.
final class IntegerMatrix {
    let rows: Int
    let columns: Int
    let integers: FMPZMatrix

    /// The zero matrix.
    init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
        integers = FMPZMatrix(rows: rows, columns: columns)
    }

    init(clearingDenominatorsOf a: Matrix<Rational>) {
        rows = a.rows
        columns = a.columns
        integers = FMPZMatrix(rows: rows, columns: columns)
        let scratch = GMPIntegers(count: 2)
        a.elements.withUnsafeBufferPointer { e in
            for i in 0..<rows { setRow(i, from: e.baseAddress! + i * columns, scratch: scratch) }
        }
    }

    /// Row i ← Lᵢ · `row`: in 64-bit arithmetic while the lcm and the products fit (the usual
    /// case: dyadic weights), through GMP otherwise.
    private func setRow(_ i: Int, from row: UnsafePointer<Rational>, scratch: GMPIntegers) {
        var smallLCM: UInt64? = 1
        for j in 0..<columns where !row[j].isZero {
            guard let l = smallLCM, let (_, q) = row[j].smallParts else { smallLCM = nil; break }
            let d = UInt64(q)
            if d == 1 || l % d == 0 { continue }
            let (product, overflow) = (l / Self.gcd(l, d)).multipliedReportingOverflow(by: d)
            smallLCM = overflow ? nil : product
        }
        if let l = smallLCM {
            for j in 0..<columns {
                guard let (p, q) = row[j].smallParts, p != 0 else { continue }
                let target = integers.entry(i, j)
                let factor = l / UInt64(q)
                let (product, overflow) = p.multipliedReportingOverflow(by: Int64(bitPattern: factor))
                if !overflow, factor <= UInt64(Int64.max) {
                    fmpz_set_si(target, Int(product))
                } else {
                    fmpz_set_si(target, Int(p))
                    fmpz_mul_ui(target, target, UInt(factor))
                }
            }
            return
        }
        let lcm = scratch[0], value = scratch[1]
        __gmpz_set_ui(lcm, 1)
        for j in 0..<columns where !row[j].isZero {
            row[j].withUnsafeGMPValue { q in
                let den = nnid_mpq_denref_const(q)
                if __gmpz_cmp_ui(den, 1) != 0 { __gmpz_lcm(lcm, lcm, den) }
            }
        }
        for j in 0..<columns where !row[j].isZero {
            row[j].withUnsafeGMPValue { q in
                __gmpz_divexact(value, lcm, nnid_mpq_denref_const(q))
                __gmpz_mul(value, value, nnid_mpq_numref_const(q))
            }
            nnid_fmpz_set_mpz(integers.entry(i, j), value)
        }
    }

    /// gcd(a, b) by Euclid's algorithm.
    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    @inline(__always) func entry(_ i: Int, _ j: Int) -> UnsafeMutablePointer<fmpz> { integers.entry(i, j) }

    /// The matrix mod p (entries in `0..<p`), or only the rows `rowSubset` in that order.
    func residues(modulo p: UInt32, rows rowSubset: [Int]? = nil) -> ModularMatrix {
        let chosen = rowSubset ?? Array(0..<rows)
        var out = [UInt32](repeating: 0, count: chosen.count * columns)
        for (k, i) in chosen.enumerated() {
            for j in 0..<columns {
                let x = entry(i, j)
                if nnid_fmpz_is_zero(x) == 0 { out[k * columns + j] = UInt32(truncatingIfNeeded: fmpz_fdiv_ui(x, UInt(p))) }
            }
        }
        return ModularMatrix(rows: chosen.count, columns: columns, entries: out, field: PrimeField(p))
    }

    /// The submatrix on `rowSubset × columnSubset` (in those orders), as a new integer matrix.
    func submatrix(rows rowSubset: [Int], columns columnSubset: [Int]) -> FMPZMatrix {
        let out = FMPZMatrix(rows: rowSubset.count, columns: columnSubset.count)
        for (a, i) in rowSubset.enumerated() {
            for (b, j) in columnSubset.enumerated() { fmpz_set(out.entry(a, b), entry(i, j)) }
        }
        return out
    }

    /// Whether the square submatrix on `minorRows × minorColumns` is nonsingular mod the prime p
    /// (then its determinant is a nonzero integer, so the submatrix is nonsingular over ℚ).
    func minorIsNonsingular(rows minorRows: [Int], columns minorColumns: [Int], modulo p: UInt32) -> Bool {
        guard minorRows.count == minorColumns.count else { return false }
        let r = minorRows.count
        guard r > 0 else { return true }
        return FLINTModularMatrix(residuesOf: self, rows: minorRows, columns: minorColumns, prime: p).rank() == r
    }

    /// A column t of `w` (a `support.count × k` integer matrix whose row s belongs to column
    /// `support[s]` of this matrix) with `self[rowSubset, :] · w[:, t] ≠ 0` (the first met,
    /// scanning rows in order), or `nil` when every product vanishes.
    func firstNonzeroProduct(rows rowSubset: [Int]? = nil, support: [Int], times w: FMPZMatrix) -> Int? {
        var first: Int? = nil
        scanProducts(rows: rowSubset ?? Array(0..<rows), support: support, times: w) { _, t in
            first = t
            return false
        }
        return first
    }

    /// The rows i of `rowSubset` (in that order) with `self[i, support] · w ≠ 0`.
    func nonzeroProductRows(rows rowSubset: [Int], support: [Int], times w: FMPZMatrix) -> [Int] {
        var found: [Int] = []
        scanProducts(rows: rowSubset, support: support, times: w) { i, _ in
            if found.last != i { found.append(i) }
            return true
        }
        return found
    }

    /// For each column t of `w`, whether `self[i, support] · w[:, t] ≠ 0` for some row i of
    /// `rowSubset` (each column scanned until its first nonzero product).
    func nonzeroProductColumns(rows rowSubset: [Int], support: [Int], times w: FMPZMatrix) -> [Bool] {
        var nonzero = [Bool](repeating: false, count: w.columns)
        var remaining = w.columns
        scanProducts(rows: rowSubset, support: support, times: w, skipping: { nonzero[$0] }) { _, t in
            nonzero[t] = true
            remaining -= 1
            return remaining > 0
        }
        return nonzero
    }

    /// Calls `nonzero(i, t)` for each row i of `rowSubset` and column t of `w` whose exact
    /// product `self[i, support] · w[:, t]` is not 0, until it returns false. Each column is
    /// taken on its own support (null vectors of Jacobians are sparse: a rescaling symmetry
    /// touches one unit's weights), so the cost is |rows| · Σ_t |support of w[:, t]| products of
    /// entries, with no copy of the rows.
    /// Columns t with `skipping(t)` are passed over.
    private func scanProducts(
        rows rowSubset: [Int], support: [Int], times w: FMPZMatrix, skipping: (Int) -> Bool = { _ in false },
        _ nonzero: (Int, Int) -> Bool
    ) {
        let supports = (0..<w.columns).map { t in (0..<w.rows).filter { nnid_fmpz_is_zero(w.entry($0, t)) == 0 } }
        let sum = FMPZScalars(count: 1)
        for i in rowSubset {
            for (t, rowsOfW) in supports.enumerated() where !skipping(t) {
                fmpz_zero(sum[0])
                for s in rowsOfW { fmpz_addmul(sum[0], entry(i, support[s]), w.entry(s, t)) }
                if nnid_fmpz_is_zero(sum[0]) == 0, !nonzero(i, t) { return }
            }
        }
    }

    /// The vectors as the columns of an integer matrix on their joint support (each scaled by
    /// the lcm of its denominators), with that support.
    static func integerColumns(_ vectors: [[Rational]], columns: Int) -> ([Int], FMPZMatrix) {
        let support = (0..<columns).filter { j in vectors.contains { !$0[j].isZero } }
        let w = FMPZMatrix(rows: support.count, columns: vectors.count)
        let scratch = GMPIntegers(count: 2)
        let lcm = scratch[0], value = scratch[1]
        for (t, v) in vectors.enumerated() {
            __gmpz_set_ui(lcm, 1)
            for j in support where !v[j].isZero {
                v[j].withUnsafeGMPValue { q in __gmpz_lcm(lcm, lcm, nnid_mpq_denref_const(q)) }
            }
            for (s, j) in support.enumerated() where !v[j].isZero {
                v[j].withUnsafeGMPValue { q in
                    __gmpz_divexact(value, lcm, nnid_mpq_denref_const(q))
                    __gmpz_mul(value, value, nnid_mpq_numref_const(q))
                }
                nnid_fmpz_set_mpz(w.entry(s, t), value)
            }
        }
        return (support, w)
    }

    /// Whether `self · w = 0` exactly for the integer vector `w` given by its support: entry
    /// `values[t]` at column `support[t]`.
    func annihilates(support: [Int], values: UnsafePointer<__mpz_struct>) -> Bool {
        let w = FMPZMatrix(rows: support.count, columns: 1)
        for t in support.indices { nnid_fmpz_set_mpz(w.entry(t, 0), values + t) }
        return firstNonzeroProduct(support: support, times: w) == nil
    }
}

extension IntegerMatrix {
    /// The same integers as a matrix of rationals.
    func rationalMatrix() -> Matrix<Rational> {
        let mpz = GMPIntegers(count: 2)
        __gmpz_set_ui(mpz[1], 1)
        var elements = [Rational](repeating: .zero, count: rows * columns)
        for i in 0..<rows {
            for j in 0..<columns where nnid_fmpz_is_zero(entry(i, j)) == 0 {
                nnid_fmpz_get_mpz(mpz[0], entry(i, j))
                elements[i * columns + j] = Rational(gmpNumerator: mpz[0], denominator: mpz[1]) ?? .zero
            }
        }
        return Matrix(rows: rows, columns: columns, elements: elements) ?? Matrix(rows: rows, columns: columns, repeating: .zero)
    }
}
