import Exact

/// Gauss–Jordan elimination over ℚ one row at a time: the reduced row echelon form of the
/// rows inserted so far, kept exact. Inserting a row costs O(rank · columns) rational
/// operations, so spans can be grown and tested incrementally (the rank analysis's tangent spans).
public struct IncrementalRowEchelon: Sendable {
    /// Nonzero rows of the RREF, by increasing pivot: each pivot entry is 1 and is the only
    /// nonzero in its column.
    public private(set) var rows: [[Rational]] = []
    /// The pivot column of each row, increasing.
    public private(set) var pivots: [Int] = []

    public init(_ input: [[Rational]] = []) {
        for row in input { _ = insert(row) }
    }

    /// The dimension of the span of the rows inserted so far.
    public var rank: Int { rows.count }

    /// `v` with its entries at the pivot columns eliminated by the rows: zero exactly when `v`
    /// lies in their span.
    public func reduce(_ v: [Rational]) -> [Rational] {
        var v = v
        for (row, p) in zip(rows, pivots) where !v[p].isZero {
            let f = v[p]
            for j in 0..<v.count where !row[j].isZero { v[j] -= f * row[j] }
        }
        return v
    }

    /// Adds `v` to the span; returns whether it was independent of the rows so far.
    @discardableResult
    public mutating func insert(_ v: [Rational]) -> Bool {
        var v = reduce(v)
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return false }
        // The leading entry is nonzero, so the division is safe.
        let inverse = Rational.one / v[p]
        for j in p..<v.count where !v[j].isZero { v[j] *= inverse }
        for k in 0..<rows.count where !rows[k][p].isZero {
            let f = rows[k][p]
            for j in 0..<v.count where !v[j].isZero { rows[k][j] -= f * v[j] }
        }
        let position = pivots.firstIndex { $0 > p } ?? pivots.count
        rows.insert(v, at: position)
        pivots.insert(p, at: position)
        return true
    }
}
