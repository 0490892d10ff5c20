import CGMP
import Exact

/// Exact null vectors from their images mod many primes (Chinese remaindering and rational
/// reconstruction with early termination).
///
/// Given pivot rows R and columns C of a minor that is nonsingular mod p₀, the null space of
/// A[R, :] has the unique basis {v_f : f free} with v_f[f] = 1, v_f = 0 on the other free
/// columns and v_f[C] = −A[R,C]⁻¹·A[R,f]. Its entries are rationals; mod every prime p for which
/// A[R,C] stays nonsingular they reduce to the same basis computed over 𝔽_p. So the residues for
/// p₀, p₁, … are combined by the Chinese remainder theorem into residues mod M = ∏pᵢ, and each
/// entry is recovered as the unique a/b ≡ x (mod M) with |a|, b ≤ √(M/2) (Wang's rational
/// reconstruction by the extended Euclidean algorithm; see von zur Gathen & Gerhard, *Modern
/// Computer Algebra*, §5.10). The primes stop as soon as a reconstruction agrees with one further
/// prime it was not built from, and the candidate is then checked exactly: A·v = 0 on every row.
/// The cost follows the size of the answer, not Hadamard's bound on it: null vectors of
/// Jacobians (rescaling symmetries) have small entries, and one or two primes usually suffice.
///
/// Entries share denominators, so each vector keeps a running common denominator D: an entry
/// x is first tried as (x·D mod M)/D, and the Euclidean reconstruction runs only when that
/// numerator is not small.
struct NullSpaceLifter {
    enum Outcome {
        /// Exact null vectors, checked against every row.
        case verified([[Rational]])
        /// A candidate that agreed with an independent prime failed the exact check: A has more
        /// independent rows than R, so the first prime saw too low a rank.
        case rankTooLow
        /// The supply of primes ran out before the reconstruction settled.
        case primesExhausted
    }

    let matrix: IntegerMatrix
    let pivotRows: [Int]
    let pivotColumns: [Int]
    let free: [Int]

    init(matrix: IntegerMatrix, echelon: ModularEchelon) {
        self.matrix = matrix
        pivotRows = echelon.pivotRows
        pivotColumns = echelon.pivotColumns
        free = echelon.freeColumns
    }

    /// Lifts the null space whose residues mod `p0` are `residues0` (`rank × freeCount`, in the
    /// order of ``pivotColumns``), drawing further primes from `PrimeField.primes[next...]`.
    func run(residues residues0: [UInt32], prime p0: UInt32, next: inout Int) -> Outcome {
        let r = pivotColumns.count, k = free.count
        let count = r * k
        let x = GMPIntegers(count: count)
        let scratch = GMPIntegers(count: 2)
        let modulus = scratch[0], step = scratch[1]
        for i in 0..<count { __gmpz_set_ui(x[i], UInt(residues0[i])) }
        __gmpz_set_ui(modulus, UInt(p0))
        let candidate = Candidate(rank: r, freeCount: k)
        var haveCandidate = candidate.reconstruct(from: x, modulus: modulus)
        while next < PrimeField.primes.count {
            let p = PrimeField.primes[next]
            next += 1
            guard let q = nullSpaceResidues(modulo: p) else { continue }
            if haveCandidate && candidate.matches(q, modulo: p) {
                return candidate.annihilated(by: matrix, pivotColumns: pivotColumns, free: free)
                    ? .verified(candidate.vectors(columns: matrix.columns, pivotColumns: pivotColumns, free: free))
                    : .rankTooLow
            }
            // Chinese remaindering: x ← x + M·((q − x)·M⁻¹ mod p), M ← M·p.
            let field = PrimeField(p)
            let mInverse = field.inverse(UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(modulus, UInt(p))))
            for i in 0..<count {
                let xi = UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(x[i], UInt(p)))
                let delta = field.multiply(q[i] >= xi ? q[i] - xi : q[i] &+ (p - xi), mInverse)
                if delta != 0 { __gmpz_addmul_ui(x[i], modulus, UInt(delta)) }
            }
            __gmpz_mul_ui(step, modulus, UInt(p))
            __gmpz_swap(modulus, step)
            haveCandidate = candidate.reconstruct(from: x, modulus: modulus)
        }
        return .primesExhausted
    }

    /// The null-space residues mod p in the order of ``pivotColumns``, or `nil` when A[R, C] is
    /// singular mod p (p divides its determinant: skip it).
    func nullSpaceResidues(modulo p: UInt32) -> [UInt32]? {
        let m = matrix.residues(modulo: p, rows: pivotRows)
        var allowed = [Bool](repeating: false, count: matrix.columns)
        for c in pivotColumns { allowed[c] = true }
        guard let e = m.echelon(allowedPivots: allowed, requireAllRows: true) else { return nil }
        let q = e.nullSpaceResidues(field: m.field)
        let k = free.count, r = pivotColumns.count
        var position = [Int](repeating: 0, count: matrix.columns)
        for (index, c) in e.pivotColumns.enumerated() { position[c] = index }
        var out = [UInt32](repeating: 0, count: r * k)
        for (i, c) in pivotColumns.enumerated() {
            let from = position[c] * k
            for t in 0..<k { out[i * k + t] = q[from + t] }
        }
        return out
    }
}

/// Rationals num/den for the pivot-column entries of every null vector, with per-vector common
/// denominators.
private final class Candidate {
    let rank: Int
    let freeCount: Int
    let numerators: GMPIntegers
    let denominators: GMPIntegers
    /// Per vector, the common denominator of its entries.
    let common: GMPIntegers
    let scratch = GMPIntegers(count: 10)

    init(rank: Int, freeCount: Int) {
        self.rank = rank
        self.freeCount = freeCount
        numerators = GMPIntegers(count: rank * freeCount)
        denominators = GMPIntegers(count: rank * freeCount)
        common = GMPIntegers(count: freeCount)
    }

    /// Rational reconstruction of every residue in `x` mod `modulus`; false when some entry has
    /// no reconstruction within the bound √(M/2) (more primes are needed).
    func reconstruct(from x: GMPIntegers, modulus: UnsafeMutablePointer<__mpz_struct>) -> Bool {
        let bound = scratch[0], half = scratch[1], w = scratch[2]
        __gmpz_fdiv_q_2exp(half, modulus, 1)
        __gmpz_sqrt(bound, half)
        let k = freeCount
        for t in 0..<k {
            let d = common[t]
            __gmpz_set_ui(d, 1)
            for i in 0..<rank {
                let index = i * k + t
                __gmpz_mul(w, x[index], d)
                __gmpz_mod(w, w, modulus)
                if __gmpz_cmp(w, half) > 0 { __gmpz_sub(w, w, modulus) }
                if __gmpz_cmpabs(w, bound) <= 0 {
                    __gmpz_set(numerators[index], w)
                    __gmpz_set(denominators[index], d)
                    continue
                }
                if nnid_mpz_sgn(w) < 0 { __gmpz_add(w, w, modulus) }
                guard euclid(w, modulus, bound, numerator: numerators[index], denominator: denominators[index]) else { return false }
                // x ≡ a/(b·D): the new common denominator is b·D.
                __gmpz_mul(d, d, denominators[index])
                __gmpz_set(denominators[index], d)
                if __gmpz_cmp(d, bound) > 0 { return false }
            }
        }
        return true
    }

    /// Wang's reconstruction: a/b ≡ w (mod M) with |a| ≤ N, 0 < b ≤ N, gcd(a, b) = 1.
    private func euclid(
        _ w: UnsafeMutablePointer<__mpz_struct>, _ modulus: UnsafeMutablePointer<__mpz_struct>,
        _ bound: UnsafeMutablePointer<__mpz_struct>,
        numerator: UnsafeMutablePointer<__mpz_struct>, denominator: UnsafeMutablePointer<__mpz_struct>
    ) -> Bool {
        let r0 = scratch[3], r1 = scratch[4], t0 = scratch[5], t1 = scratch[6], q = scratch[7], tmp = scratch[8]
        __gmpz_set(r0, modulus)
        __gmpz_set(r1, w)
        __gmpz_set_ui(t0, 0)
        __gmpz_set_ui(t1, 1)
        while __gmpz_cmp(r1, bound) > 0 {
            __gmpz_fdiv_qr(q, tmp, r0, r1)
            __gmpz_swap(r0, r1)
            __gmpz_swap(r1, tmp)  // r1 ← r0 mod r1
            __gmpz_mul(tmp, q, t1)
            __gmpz_sub(tmp, t0, tmp)
            __gmpz_swap(t0, t1)
            __gmpz_swap(t1, tmp)  // t1 ← t0 − q·t1
        }
        guard nnid_mpz_sgn(t1) != 0, __gmpz_cmpabs(t1, bound) <= 0 else { return false }
        __gmpz_gcd(tmp, r1, t1)
        guard __gmpz_cmp_ui(tmp, 1) == 0 else { return false }
        if nnid_mpz_sgn(t1) < 0 {
            __gmpz_neg(numerator, r1)
            __gmpz_neg(denominator, t1)
        } else {
            __gmpz_set(numerator, r1)
            __gmpz_set(denominator, t1)
        }
        return true
    }

    /// Whether the candidate reduces mod p to the residues `q`.
    func matches(_ q: [UInt32], modulo p: UInt32) -> Bool {
        let field = PrimeField(p)
        for index in 0..<(rank * freeCount) {
            let den = UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(denominators[index], UInt(p)))
            guard den != 0 else { return false }
            let num = UInt32(truncatingIfNeeded: __gmpz_fdiv_ui(numerators[index], UInt(p)))
            if field.multiply(num, field.inverse(den)) != q[index] { return false }
        }
        return true
    }

    /// The exact check A·v = 0 on every row, on integer multiples D·v of the candidates.
    func annihilated(by matrix: IntegerMatrix, pivotColumns: [Int], free: [Int]) -> Bool {
        let k = freeCount
        let values = GMPIntegers(count: rank + 1)
        for t in 0..<k {
            var support: [Int] = []
            var used = 0
            for i in 0..<rank {
                let index = i * k + t
                guard nnid_mpz_sgn(numerators[index]) != 0 else { continue }
                __gmpz_divexact(values[used], common[t], denominators[index])
                __gmpz_mul(values[used], values[used], numerators[index])
                support.append(pivotColumns[i])
                used += 1
            }
            __gmpz_set(values[used], common[t])
            support.append(free[t])
            if !matrix.annihilates(support: support, values: values.base) { return false }
        }
        return true
    }

    /// The exact null vectors (length `columns`), one per free column.
    func vectors(columns: Int, pivotColumns: [Int], free: [Int]) -> [[Rational]] {
        let k = freeCount
        return (0..<k).map { t in
            var v = [Rational](repeating: .zero, count: columns)
            v[free[t]] = .one
            for i in 0..<rank {
                let index = i * k + t
                guard nnid_mpz_sgn(numerators[index]) != 0 else { continue }
                v[pivotColumns[i]] = Rational(gmpNumerator: numerators[index], denominator: denominators[index]) ?? .zero
            }
            return v
        }
    }
}
