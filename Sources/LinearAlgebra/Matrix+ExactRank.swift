import Exact

extension Matrix where Scalar == Rational {
    /// The exact rank over ℚ, with a ``RankCertificate`` that proves it.
    ///
    /// Method (see `docs/exact-rank.md` for the reasoning and measurements):
    /// 1. Clear denominators row by row (row i times the lcm of its denominators): an integer
    ///    matrix B with the same rank and null space (FLINT's `fmpz_mat`).
    /// 2. Reduce B modulo a prime p < 2³¹ and factor it, PB = LU over 𝔽_p: rank r_p, pivot rows
    ///    R, pivot columns C. A minor nonsingular mod p has a determinant not divisible by p,
    ///    hence nonzero: rank ≥ r_p.
    /// 3. Solve for the n − r_p null vectors v_f (v_f[f] = 1 on a non-pivot column f, 0 on the
    ///    other non-pivot columns, v_f[C] = −B[R,C]⁻¹·B[R,f]) exactly.
    /// 4. Check B·v = 0 exactly on every row. Success proves rank ≤ r_p, so rank = r_p. Failure
    ///    means p was unlucky (r_p < rank): try the next prime, and after three unlucky primes
    ///    fall back to Gauss–Jordan elimination over ℚ.
    ///
    /// The answer is therefore always exact; primes only decide how fast it comes.
    ///
    /// `backend` chooses steps 2–3. ``ModularBackend/flint`` (the default): FLINT's `nmod_mat_lu`
    /// once, then Dixon's p-adic lifting from that same factor (`PAdicNullSpace`: two
    /// triangular solves and one integer product per step, stopping at the first rational
    /// reconstruction that passes the exact check) — O(m·n·r) word operations for the
    /// elimination and O(r²·(n − r)) per lifting step. ``ModularBackend/native``: the native
    /// elimination and multi-prime lifting (`NullSpaceLifter`), kept for comparison.
    public func exactRank(backend: ModularBackend = .flint) -> ExactRank {
        guard rows > 0, columns > 0 else {
            let identity = (0..<columns).map { j in (0..<columns).map { $0 == j ? Rational.one : Rational.zero } }
            let certificate = RankCertificate(
                rows: rows, columns: columns, prime: UInt64(PrimeField.primes[0]), minorRows: [], minorColumns: [],
                nullVectors: identity)
            return ExactRank(rank: 0, certificate: certificate)
        }
        let integers = IntegerMatrix(clearingDenominatorsOf: self)
        if backend == .flint {
            return integers.certifiedRank(selection: Array(0..<rows)) ?? rationalEliminationRank(integers: integers)
        }
        var next = 0
        var bestRank = -1
        for _ in 0..<3 {
            guard next < PrimeField.primes.count else { break }
            let p = PrimeField.primes[next]
            next += 1
            let modular = integers.residues(modulo: p)
            guard let echelon = modular.echelon(), echelon.rank > bestRank else { continue }
            bestRank = echelon.rank
            let lifter = NullSpaceLifter(matrix: integers, echelon: echelon)
            let vectors: [[Rational]]
            if echelon.rank == columns {
                vectors = []
            } else {
                switch lifter.run(residues: echelon.nullSpaceResidues(field: modular.field), prime: p, next: &next) {
                case .verified(let found): vectors = found
                case .rankTooLow: continue
                case .primesExhausted: return rationalEliminationRank(integers: integers)
                }
            }
            let certificate = RankCertificate(
                rows: rows, columns: columns, prime: UInt64(p), minorRows: echelon.pivotRows,
                minorColumns: echelon.pivotColumns, nullVectors: vectors)
            return ExactRank(rank: echelon.rank, certificate: certificate)
        }
        return rationalEliminationRank(integers: integers)
    }

    /// A basis of the null space {v : A·v = 0} over ℚ: for each column f outside the pivot columns
    /// of ``exactRank(backend:)``'s certificate, the vector with 1 at f, 0 at the other non-pivot columns.
    public func nullSpace(backend: ModularBackend = .flint) -> [[Rational]] {
        exactRank(backend: backend).certificate.nullVectors
    }

    /// Fallback: Gauss–Jordan elimination over ℚ with row interchanges (exact, slow), then a prime
    /// modulo which the pivot minor stays nonsingular. Used only after three unlucky primes.
    func rationalEliminationRank(integers: IntegerMatrix) -> ExactRank {
        var a = rowArrays
        var order = Array(0..<rows)
        var pivotColumns: [Int] = []
        var r = 0
        for c in 0..<columns where r < rows {
            guard let i = (r..<rows).first(where: { !a[$0][c].isZero }) else { continue }
            a.swapAt(r, i)
            order.swapAt(r, i)
            let inverse = Rational.one / a[r][c]
            for j in c..<columns where !a[r][j].isZero { a[r][j] *= inverse }
            for i in 0..<rows where i != r && !a[i][c].isZero {
                let f = a[i][c]
                for j in c..<columns where !a[r][j].isZero { a[i][j] -= f * a[r][j] }
            }
            pivotColumns.append(c)
            r += 1
        }
        let pivotRows = Array(order[0..<r])
        let isPivot = Set(pivotColumns)
        let vectors = (0..<columns).filter { !isPivot.contains($0) }.map { f in
            var v = [Rational](repeating: .zero, count: columns)
            v[f] = .one
            for (k, c) in pivotColumns.enumerated() { v[c] = -a[k][f] }
            return v
        }
        // The pivot minor is nonsingular over ℚ, so only the finitely many primes dividing its
        // determinant fail: the search below ends.
        var prime: UInt64 = 0
        for p in PrimeField.primes where integers.minorIsNonsingular(rows: pivotRows, columns: pivotColumns, modulo: p) {
            prime = UInt64(p)
            break
        }
        if prime == 0 {
            for p in PrimeField.primes(after: PrimeField.primes.last ?? 5)
            where integers.minorIsNonsingular(rows: pivotRows, columns: pivotColumns, modulo: p) {
                prime = UInt64(p)
                break
            }
        }
        let certificate = RankCertificate(
            rows: rows, columns: columns, prime: prime, minorRows: pivotRows, minorColumns: pivotColumns,
            nullVectors: vectors)
        return ExactRank(rank: r, certificate: certificate)
    }
}
