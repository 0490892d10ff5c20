import Exact

extension IntegerMatrix {
    /// The exact rank with its certificate, from an elimination mod p of the rows `selection`
    /// only (all rows when it lists them all): `nil` when a row outside the selection is
    /// independent of it, or when three primes gave no certificate.
    ///
    /// For each prime p < 2³¹ (largest first): FLINT's LU of A[selection, :] mod p gives a minor
    /// A[R, C] nonsingular mod p, so rank ≥ r = |R|; ``PAdicNullSpace`` lifts the n − r null
    /// vectors of A[R, :] from that one factor and checks them exactly, first against the other
    /// selected rows, then against the rows outside the selection. All vanish: rank ≤ r, proven.
    /// A selected row that does not vanish means p was unlucky (r is below the selection's
    /// rank): the next prime, which must see a higher rank to be worth lifting. A row outside
    /// the selection means the selection missed a direction: `nil`, whatever the prime.
    func certifiedRank(selection: [Int]) -> ExactRank? {
        var selected = [Bool](repeating: false, count: rows)
        for i in selection { selected[i] = true }
        let outside = (0..<rows).filter { !selected[$0] }
        var bestRank = -1
        for p in PrimeField.primes.prefix(3) {
            let factor = FLINTPivotFactor(FLINTModularMatrix(residuesOf: self, rows: selection, prime: p))
            guard factor.rank > bestRank else { continue }
            bestRank = factor.rank
            let lifting = PAdicNullSpace(matrix: self, factor: factor, factoredRows: selection)
            var isPivot = [Bool](repeating: false, count: rows)
            for i in lifting.pivotRows { isPivot[i] = true }
            let otherSelected = selection.filter { !isPivot[$0] }
            switch lifting.run(checking: [otherSelected, outside]) {
            case .verified(let vectors):
                let certificate = RankCertificate(
                    rows: rows, columns: columns, prime: UInt64(p), minorRows: lifting.pivotRows,
                    minorColumns: factor.pivotColumns, nullVectors: vectors)
                return ExactRank(rank: factor.rank, certificate: certificate)
            case .independentRow(group: 0): continue
            case .independentRow: return nil
            }
        }
        return nil
    }
}
