import Exact

extension ExactRowSource {
    /// The exact rank with its certificate, from an elimination mod p of the rows `selection`
    /// only (all rows when it lists them all): `nil` when a row outside the selection is
    /// independent of it, or when three primes gave no certificate.
    func certifiedRank(selection: [Int], preferredFree: [Int] = []) -> ExactRank? {
        if case .certified(let result) = attempt(selection, columnOrder: Self.columnOrder(columns, preferredFree: preferredFree)) { return result }
        return nil
    }

    /// The columns with `preferredFree` moved to the end (in their order), or `nil` when there
    /// are none to move: an elimination that takes its pivots from the first columns that raise
    /// the rank then leaves those columns free wherever the others span the row space.
    static func columnOrder(_ columns: Int, preferredFree: [Int]) -> [Int]? {
        var last = [Bool](repeating: false, count: columns)
        var tail: [Int] = []
        for c in preferredFree where (0..<columns).contains(c) && !last[c] { last[c] = true; tail.append(c) }
        return tail.isEmpty ? nil : (0..<columns).filter { !last[$0] } + tail
    }

    /// The exact rank with its certificate, from the rows `start` grown by the rows the exact
    /// check finds independent of them: each round adds at most max(8, n − r) of those rows
    /// (evenly spaced among them), so the selection's rank rises every round; after `rounds`
    /// rounds the selection is all rows. `nil` only when three primes fail on all rows.
    ///
    /// `preferredFree` only steers which columns the certificate leaves free (the minor's
    /// columns are taken from the others first): the null vectors are the basis that is the
    /// identity on the free columns, and their size — the number of lifting steps — depends on
    /// that choice. Any choice gives a certificate that proves the rank.
    func certifiedRank(growingFrom start: [Int], rounds: Int = 4, preferredFree: [Int] = []) -> ExactRank? {
        var selection = start
        let order = Self.columnOrder(columns, preferredFree: preferredFree)
        for _ in 0..<rounds where selection.count < rows {
            switch attempt(selection, columnOrder: order) {
            case .certified(let result): return result
            case .failed: return certifiedRank(selection: Array(0..<rows), preferredFree: preferredFree)
            case .missed(let missed, let rank):
                let count = min(missed.count, max(8, columns - rank))
                let added = (0..<count).map { missed[$0 * missed.count / count] }
                selection = (selection + added).sorted()
            }
        }
        return certifiedRank(selection: Array(0..<rows), preferredFree: preferredFree)
    }

    /// For each prime p < 2³¹ (largest first): FLINT's LU of A[selection, :] mod p (its rows
    /// scaled to integers once, ``ExactRowSource/integerRows(_:)``) gives a minor
    /// A[R, C] nonsingular mod p, so rank ≥ r = |R|; ``PAdicNullSpace`` lifts the n − r null
    /// vectors of A[R, :] from that one factor and checks them exactly, first against the other
    /// selected rows, then against the rows outside the selection. All vanish: rank ≤ r, proven.
    /// A selected row that does not vanish means p was unlucky (r is below the selection's
    /// rank): the next prime, which must see a higher rank to be worth lifting. Rows outside
    /// the selection that do not vanish mean the selection missed a direction, whatever the prime.
    /// With `columnOrder` the elimination runs on the columns in that order (``FLINTPivotFactor``).
    private func attempt(_ selection: [Int], columnOrder: [Int]?) -> SelectionOutcome {
        let factored = integerRows(selection)
        var selected = [Bool](repeating: false, count: rows)
        for i in selection { selected[i] = true }
        let outside = (0..<rows).filter { !selected[$0] }
        var bestRank = -1
        for p in PrimeField.primes.prefix(3) {
            let factor = FLINTPivotFactor(FLINTModularMatrix(residuesOf: factored, columns: columnOrder, prime: p), columnOrder: columnOrder)
            guard factor.rank > bestRank else { continue }
            bestRank = factor.rank
            let lifting = PAdicNullSpace(source: self, factored: factored, factor: factor, factoredRows: selection)
            var isPivot = [Bool](repeating: false, count: rows)
            for i in lifting.pivotRows { isPivot[i] = true }
            let otherSelected = selection.filter { !isPivot[$0] }
            switch lifting.run(checking: [otherSelected, outside]) {
            case .verified(let vectors):
                let certificate = RankCertificate(
                    rows: rows, columns: columns, prime: UInt64(p), minorRows: lifting.pivotRows,
                    minorColumns: factor.pivotColumns, nullVectors: vectors)
                return .certified(ExactRank(rank: factor.rank, certificate: certificate))
            case .independentRows(group: 0, _): continue
            case .independentRows(_, let missed): return .missed(rows: missed, rank: factor.rank)
            }
        }
        return .failed
    }
}
