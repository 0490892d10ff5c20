import Exact

extension Matrix where Scalar == Rational {
    /// The exact rank certified from a row selection that grows until it proves the rank of the
    /// whole matrix, and whether the certificate then passes ``RankCertificate/failure(against:)``'s
    /// independent check — both on one integer copy of the matrix.
    ///
    /// The selection starts from `selection` (a numeric pass's independent rows) or, without
    /// one, from ⌈1.25·n⌉ rows evenly spaced over the matrix. Each round eliminates only the
    /// selection mod p, lifts its null vectors (`PAdicNullSpace`) and checks them exactly
    /// against every row; rows found independent join the selection, which after a few rounds
    /// is all rows (`IntegerMatrix.certifiedRank(growingFrom:rounds:)`). The answer is exact
    /// whatever the start; the start only decides how many rows are eliminated.
    public func exactRank(growingFrom selection: [Int]?) -> (rank: ExactRank, verified: Bool) {
        guard rows > 0, columns > 0 else {
            let rank = exactRank()
            return (rank, rank.certificate.verify(against: self))
        }
        let integers = IntegerMatrix(clearingDenominatorsOf: self)
        let valid = selection.flatMap { s -> [Int]? in
            !s.isEmpty && s.allSatisfy { (0..<rows).contains($0) } && Set(s).count == s.count ? s.sorted() : nil
        }
        let count = Swift.min(rows, columns + (columns + 3) / 4)
        let start = valid ?? (0..<count).map { $0 * rows / count }
        let rank = integers.certifiedRank(growingFrom: start) ?? rationalEliminationRank(integers: integers)
        return (rank, rank.certificate.failure(against: integers) == nil)
    }
}
