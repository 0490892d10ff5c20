import Exact

extension Matrix where Scalar == Rational {
    /// The exact rank certified from a selection of r rows — the rows a numeric pass found
    /// independent (``StreamingRank/selectedRows``) — or `nil` when the selection does not prove it.
    ///
    /// An elimination mod p of the selected rows alone gives a minor nonsingular mod p on those
    /// rows, which is a minor of this matrix too: rank ≥ r_S. Its null vectors (lifted from the
    /// same factor, `PAdicNullSpace`) are then checked exactly against **every** row of this
    /// matrix (each check is one exact directional derivative per row): when all vanish,
    /// rank ≤ r_S, so rank = r_S, and the returned certificate proves it. The elimination costs
    /// O(r²·n) on the selection instead of O(m·n·r) on all m rows. `nil` means some row outside
    /// the selection is independent of it (the numeric pass missed a direction): the caller
    /// eliminates all rows instead. `backend` is that of ``exactRank(backend:)``; the native
    /// one certifies the selection's rank first and checks the result against all rows.
    public func exactRank(selectedRows: [Int], backend: ModularBackend = .flint) -> ExactRank? {
        guard selectedRows.allSatisfy({ (0..<rows).contains($0) }), Set(selectedRows).count == selectedRows.count else { return nil }
        guard backend == .native || selectedRows.isEmpty || columns == 0 else {
            return IntegerMatrix(clearingDenominatorsOf: self).certifiedRank(selection: selectedRows)
        }
        var elements: [Rational] = []
        elements.reserveCapacity(selectedRows.count * columns)
        for i in selectedRows { elements += row(i) }
        let selection = Matrix(rows: selectedRows.count, columns: columns, uncheckedElements: elements)
        let certificate = selection.exactRank(backend: backend).certificate
        let extended = RankCertificate(
            rows: rows, columns: columns, prime: certificate.prime, minorRows: certificate.minorRows.map { selectedRows[$0] },
            minorColumns: certificate.minorColumns, nullVectors: certificate.nullVectors)
        guard extended.verify(against: self) else { return nil }
        return ExactRank(rank: extended.rank, certificate: extended)
    }
}
