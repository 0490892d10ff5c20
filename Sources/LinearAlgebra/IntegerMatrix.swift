import CGMP
import Exact

/// A dense integer matrix of GMP integers in one allocation, made from a rational matrix by
/// clearing denominators row by row: row i is multiplied by the least common multiple Lᵢ of its
/// denominators. Scaling a row by a nonzero constant changes neither the rank nor the null space,
/// so exact-rank work can run on integers (residues mod p by one `mpz_fdiv_ui` per entry, exact
/// products without rational normalisation).
final class IntegerMatrix {
    let rows: Int
    let columns: Int
    let entries: UnsafeMutablePointer<__mpz_struct>
    /// Per row, the columns with nonzero entries.
    private(set) var nonzeroColumns: [[Int32]]

    init(clearingDenominatorsOf a: Matrix<Rational>) {
        rows = a.rows
        columns = a.columns
        let count = rows * columns
        entries = .allocate(capacity: max(count, 1))
        for i in 0..<count { __gmpz_init(entries + i) }
        nonzeroColumns = Array(repeating: [], count: rows)
        let lcm = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 1)
        __gmpz_init(lcm)
        defer { __gmpz_clear(lcm); lcm.deallocate() }
        a.elements.withUnsafeBufferPointer { e in
            for i in 0..<rows {
                let row = e.baseAddress! + i * columns
                var nz: [Int32] = []
                // Small entries (64-bit p/q) first: the row's lcm in 64-bit arithmetic while it fits.
                var smallLCM: UInt64? = 1
                for j in 0..<columns where !row[j].isZero {
                    nz.append(Int32(j))
                    guard let l = smallLCM, let (_, q) = row[j].smallParts else { smallLCM = nil; continue }
                    let d = UInt64(q)
                    if d == 1 || l % d == 0 { continue }
                    let (product, overflow) = (l / Self.gcd(l, d)).multipliedReportingOverflow(by: d)
                    smallLCM = overflow ? nil : product
                }
                nonzeroColumns[i] = nz
                if let l = smallLCM {
                    for j in nz {
                        let target = entries + i * columns + Int(j)
                        guard let (p, q) = row[Int(j)].smallParts else { continue }
                        let factor = l / UInt64(q)
                        let (product, overflow) = p.multipliedReportingOverflow(by: Int64(bitPattern: factor))
                        if !overflow, factor <= UInt64(Int64.max) {
                            __gmpz_set_si(target, Int(product))
                        } else {
                            __gmpz_set_si(target, Int(p))
                            __gmpz_mul_ui(target, target, UInt(factor))
                        }
                    }
                    continue
                }
                __gmpz_set_ui(lcm, 1)
                for j in nz {
                    row[Int(j)].withUnsafeGMPValue { q in
                        let den = nnid_mpq_denref_const(q)
                        if __gmpz_cmp_ui(den, 1) != 0 { __gmpz_lcm(lcm, lcm, den) }
                    }
                }
                let unitLCM = __gmpz_cmp_ui(lcm, 1) == 0
                for j in nz {
                    let target = entries + i * columns + Int(j)
                    row[Int(j)].withUnsafeGMPValue { q in
                        if unitLCM {
                            __gmpz_set(target, nnid_mpq_numref_const(q))
                        } else {
                            __gmpz_divexact(target, lcm, nnid_mpq_denref_const(q))
                            __gmpz_mul(target, target, nnid_mpq_numref_const(q))
                        }
                    }
                }
            }
        }
    }

    /// gcd(a, b) by Euclid's algorithm.
    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }

    deinit {
        for i in 0..<(rows * columns) { __gmpz_clear(entries + i) }
        entries.deallocate()
    }

    /// The matrix mod p (entries in `0..<p`), or only the rows `rowSubset` in that order.
    func residues(modulo p: UInt32, rows rowSubset: [Int]? = nil) -> ModularMatrix {
        let chosen = rowSubset ?? Array(0..<rows)
        var out = [UInt32](repeating: 0, count: chosen.count * columns)
        for (k, i) in chosen.enumerated() {
            for j in nonzeroColumns[i] {
                let index = i * columns + Int(j)
                out[k * columns + Int(j)] = UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(entries + index, UInt(p)))
            }
        }
        return ModularMatrix(rows: chosen.count, columns: columns, entries: out, field: PrimeField(p))
    }

    /// Whether the square submatrix on `minorRows × minorColumns` is nonsingular mod the prime p
    /// (then its determinant is a nonzero integer, so the submatrix is nonsingular over ℚ).
    func minorIsNonsingular(rows minorRows: [Int], columns minorColumns: [Int], modulo p: UInt32) -> Bool {
        guard minorRows.count == minorColumns.count else { return false }
        let r = minorRows.count
        guard r > 0 else { return true }
        var out = [UInt32](repeating: 0, count: r * r)
        for (a, i) in minorRows.enumerated() {
            for (b, j) in minorColumns.enumerated() {
                out[a * r + b] = UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(entries + i * columns + j, UInt(p)))
            }
        }
        return FLINTModularMatrix(ModularMatrix(rows: r, columns: r, entries: out, field: PrimeField(p))).rank() == r
    }

    /// Whether `self · w = 0` exactly for the integer vector `w` given by its support: entry
    /// `values[t]` at column `support[t]`. Checks every row; stops at the first nonzero product.
    func annihilates(support: [Int], values: UnsafePointer<__mpz_struct>) -> Bool {
        let sum = UnsafeMutablePointer<__mpz_struct>.allocate(capacity: 1)
        __gmpz_init(sum)
        defer { __gmpz_clear(sum); sum.deallocate() }
        for i in 0..<rows {
            __gmpz_set_ui(sum, 0)
            let row = entries + i * columns
            for (t, j) in support.enumerated() where nnid_mpz_sgn(row + j) != 0 {
                __gmpz_addmul(sum, row + j, values + t)
            }
            if nnid_mpz_sgn(sum) != 0 { return false }
        }
        return true
    }

    /// Whether `self · v = 0` exactly for a rational vector v of length ``columns`` (multiplied by
    /// the lcm of its denominators first, which does not change whether the product vanishes).
    func annihilates(_ v: [Rational]) -> Bool {
        guard v.count == columns else { return false }
        let support = v.indices.filter { !v[$0].isZero }
        let values = GMPIntegers(count: support.count + 1)
        let lcm = values[support.count]
        __gmpz_set_ui(lcm, 1)
        for j in support {
            v[j].withUnsafeGMPValue { q in __gmpz_lcm(lcm, lcm, nnid_mpq_denref_const(q)) }
        }
        for (t, j) in support.enumerated() {
            v[j].withUnsafeGMPValue { q in
                __gmpz_divexact(values[t], lcm, nnid_mpq_denref_const(q))
                __gmpz_mul(values[t], values[t], nnid_mpq_numref_const(q))
            }
        }
        return annihilates(support: support, values: values.base)
    }
}
