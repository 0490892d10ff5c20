import Exact

extension Matrix where Scalar == Rational {
    /// The exact rank certified from a row selection that grows until it proves the rank of the
    /// whole matrix, and whether the certificate then passes ``RankCertificate/failure(against:)``'s
    /// independent check — both on one integer copy of the matrix.
    ///
    /// The selection starts from `selection` (a numeric pass's independent rows) or, without
    /// one, from ⌈1.25·n⌉ rows evenly spaced over the matrix. Each round eliminates only the
    /// selection mod p, lifts its null vectors (`PAdicNullSpace`), screens them mod p against
    /// the other rows and hands the certificate to its verification, whose exact products with
    /// every row are the one exact check; rows found independent (mod p, or by a failed
    /// verification) join the selection, which after a few rounds is all rows
    /// (`ExactRowSource.certifiedRank(growingFrom:rounds:)`). The answer is exact whatever the
    /// start; the start only decides how many rows are eliminated.
    public func exactRank(growingFrom selection: [Int]?) -> (rank: ExactRank, verified: Bool) {
        guard rows > 0, columns > 0 else {
            let rank = exactRank()
            return (rank, rank.certificate.verify(against: self))
        }
        let integers = IntegerMatrix(clearingDenominatorsOf: self)
        if let rank = integers.certifiedRank(growingFrom: integers.startingSelection(selection)) { return (rank, true) }
        let rank = rationalEliminationRank(integers: integers)
        return (rank, rank.certificate.failure(against: integers) == nil)
    }
}

extension ExactRowSource {
    /// `selection` when it is a nonempty set of distinct row indices (sorted), else ⌈1.25·n⌉ rows
    /// (at most all) evenly spaced over the matrix.
    func startingSelection(_ selection: [Int]?) -> [Int] {
        let valid = selection.flatMap { s -> [Int]? in
            !s.isEmpty && s.allSatisfy { (0..<rows).contains($0) } && Set(s).count == s.count ? s.sorted() : nil
        }
        let count = Swift.min(rows, columns + (columns + 3) / 4)
        return valid ?? (0..<count).map { $0 * rows / count }
    }
}

extension PiecewiseLinearJacobianRows {
    /// The exact rank of the Jacobian, certified from a row selection grown as in
    /// ``Matrix/exactRank(growingFrom:)`` — with the exact rows of the selection only, never
    /// forming J — and whether the certificate passes ``certificateFailure(_:)``, which
    /// recomputes the minor's rows and every product J·v (an exact directional derivative at
    /// every point) from the network. That verification is the search's own exact check: its
    /// products are computed once.
    package func exactRank(growingFrom selection: [Int]?) -> (rank: ExactRank, verified: Bool) {
        guard rows > 0, columns > 0 else {
            let empty = Matrix<Rational>(rows: rows, columns: columns, repeating: .zero)
            let rank = empty.exactRank()
            return (rank, certificateFailure(rank.certificate) == nil)
        }
        if let rank = certifiedRank(growingFrom: startingSelection(selection)) { return (rank, true) }
        let rank = denseRank()
        return (rank, certificateFailure(rank.certificate) == nil)
    }

    /// Why `certificate` does not prove the rank of this Jacobian, or `nil` when it does: the
    /// checks of ``RankCertificate/failure(against:)``, the minor on rows computed afresh from
    /// the network, A·v = 0 by exact forward-mode differentiation at every point.
    package func certificateFailure(_ certificate: RankCertificate) -> String? { certificate.failure(against: self) }

    /// Whether J·v = 0 exactly (at every point of the batch).
    package func annihilatesVector(_ v: [Rational]) -> Bool { annihilates(v) }

    /// The fallback after three unlucky primes on all rows (never met in practice): Gauss–Jordan
    /// elimination over ℚ on all rows, formed as integers.
    private func denseRank() -> ExactRank {
        let integers = integerRows(Array(0..<rows))
        return integers.rationalMatrix().rationalEliminationRank(integers: integers)
    }
}
