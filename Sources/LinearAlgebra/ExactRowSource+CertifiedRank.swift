import Exact

extension ExactRowSource {
    /// The exact rank with its certificate, from an elimination mod p of the rows `selection`
    /// only (all rows when it lists them all), verified: the certificate passes
    /// ``RankCertificate/failure(against:)`` on this matrix. `nil` when a row outside the
    /// selection is independent of it, or when three primes gave no verified certificate.
    func certifiedRank(selection: [Int]) -> ExactRank? {
        if case .certified(let result) = attempt(selection) { return result }
        return nil
    }

    /// The exact rank with its certificate, from the rows `start` grown by the rows the exact
    /// check finds independent of them: each round adds at most max(8, n − r) of those rows
    /// (evenly spaced among them), so the selection's rank rises every round; after `rounds`
    /// rounds the selection is all rows. The certificate is verified as in
    /// ``certifiedRank(selection:)``; `nil` only when three primes fail on all rows.
    func certifiedRank(growingFrom start: [Int], rounds: Int = 4) -> ExactRank? {
        var selection = start
        for _ in 0..<rounds where selection.count < rows {
            switch attempt(selection) {
            case .certified(let result): return result
            case .failed: return certifiedRank(selection: Array(0..<rows))
            case .missed(let missed, let rank):
                let count = min(missed.count, max(8, columns - rank))
                let added = (0..<count).map { missed[$0 * missed.count / count] }
                selection = (selection + added).sorted()
            }
        }
        return certifiedRank(selection: Array(0..<rows))
    }

    /// For each prime p < 2³¹ (largest first): FLINT's LU of A[selection, :] mod p (its rows
    /// scaled to integers once, ``ExactRowSource/integerRows(_:)``) gives a minor
    /// A[R, C] nonsingular mod p, so rank ≥ r = |R|; ``PAdicNullSpace`` lifts the n − r null
    /// vectors of A[R, :] from that one factor, proves them on the rows R, and screens them mod p
    /// against the other selected rows and the rows outside the selection. The certificate is
    /// then checked by its own verification, ``RankCertificate/failure(against:)`` — the minor's
    /// rows recomputed and eliminated mod p, A·v = 0 exactly on every row — which is the one
    /// exact pass over all rows: when it passes, rank = r is proven.
    ///
    /// A nonzero residue, or a failed verification traced by the exact products to rows
    /// (``firstIndependentGroup(of:groups:)``: p divided every such product), names rows
    /// independent of R. A selected one means p was unlucky (r is below the selection's rank):
    /// the next prime, which must see a higher rank to be worth lifting. Rows outside the
    /// selection mean the selection missed a direction, whatever the prime. A verification that
    /// fails with every product zero (a defect, not an unlucky prime) gives `.failed`.
    private func attempt(_ selection: [Int]) -> SelectionOutcome {
        let factored = integerRows(selection)
        var selected = [Bool](repeating: false, count: rows)
        for i in selection { selected[i] = true }
        let outside = (0..<rows).filter { !selected[$0] }
        var bestRank = -1
        for p in PrimeField.primes.prefix(3) {
            let factor = FLINTPivotFactor(FLINTModularMatrix(residuesOf: factored, prime: p))
            guard factor.rank > bestRank else { continue }
            bestRank = factor.rank
            let lifting = PAdicNullSpace(source: self, factored: factored, factor: factor, factoredRows: selection)
            var isPivot = [Bool](repeating: false, count: rows)
            for i in lifting.pivotRows { isPivot[i] = true }
            let groups = [selection.filter { !isPivot[$0] }, outside]
            switch lifting.run(screening: groups) {
            case .independentRows(group: 0, _): continue
            case .independentRows(_, let missed): return .missed(rows: missed, rank: factor.rank)
            case .lifted(let vectors):
                let certificate = RankCertificate(
                    rows: rows, columns: columns, prime: UInt64(p), minorRows: lifting.pivotRows,
                    minorColumns: factor.pivotColumns, nullVectors: vectors)
                if certificate.failure(against: self) == nil {
                    return .certified(ExactRank(rank: factor.rank, certificate: certificate))
                }
                switch firstIndependentGroup(of: vectors, groups: groups) {
                case (0, _)?: continue
                case (_, let missed)?: return .missed(rows: missed, rank: factor.rank)
                case nil: return .failed
                }
            }
        }
        return .failed
    }

    /// The first of `groups` (its index, and its rows in increasing order) with rows i such that
    /// (cᵢ·A[i, :])·v ≠ 0 exactly for some v of `vectors`; `nil` when every product vanishes.
    /// The products are formed for groups of vectors of similar size.
    func firstIndependentGroup(of vectors: [[Rational]], groups: [[Int]]) -> (group: Int, rows: [Int])? {
        guard !vectors.isEmpty else { return nil }
        let (support, w) = IntegerMatrix.integerColumns(vectors, columns: columns)
        for (g, rows) in groups.enumerated() where !rows.isEmpty {
            let independent = nonzeroProductRowsBySize(rows, support: support, times: w)
            if !independent.isEmpty { return (g, independent) }
        }
        return nil
    }
}
