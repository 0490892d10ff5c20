import Exact

/// Reduced row echelon form over ℚ (Gauss–Jordan, exact), for the small matrices of the
/// null-space attribution: tangent spans and hidden null vectors (a few rows of length P).
struct ExactRowReduction {
    /// Nonzero rows of the RREF: each pivot entry is 1 and is the only nonzero in its column.
    private(set) var rows: [[Rational]] = []
    /// The pivot column of each row.
    private(set) var pivots: [Int] = []

    init(_ input: [[Rational]]) {
        for row in input { _ = insert(row) }
    }

    /// `v` with its entries at the pivot columns eliminated by the rows (v minus its component
    /// in their span along the pivot coordinates): zero exactly when v is in the span.
    func reduce(_ v: [Rational]) -> [Rational] {
        var v = v
        for (row, p) in zip(rows, pivots) where !v[p].isZero {
            let f = v[p]
            for j in 0..<v.count where !row[j].isZero { v[j] -= f * row[j] }
        }
        return v
    }

    /// Adds `v` to the span; returns whether it was independent of the rows so far.
    mutating func insert(_ v: [Rational]) -> Bool {
        var v = reduce(v)
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return false }
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

    var rank: Int { rows.count }
}

/// Row reduction in `Double` with partial pivoting, for displaying numeric null directions
/// sparsely: entries below `cutoff` times the row's largest entry are set to 0.
func numericReducedRows(_ input: [[Double]], cutoff: Double = 1e-10) -> [[Double]] {
    var a = input
    guard let n = a.first?.count else { return [] }
    var r = 0
    for c in 0..<n where r < a.count {
        guard let i = (r..<a.count).max(by: { Swift.abs(a[$0][c]) < Swift.abs(a[$1][c]) }),
            Swift.abs(a[i][c]) > cutoff
        else { continue }
        a.swapAt(r, i)
        let inverse = 1 / a[r][c]
        for j in 0..<n { a[r][j] *= inverse }
        for k in 0..<a.count where k != r && a[k][c] != 0 {
            let f = a[k][c]
            for j in 0..<n { a[k][j] -= f * a[r][j] }
        }
        r += 1
    }
    return a[0..<r].map { row in
        let scale = row.reduce(0) { Swift.max($0, Swift.abs($1)) }
        return row.map { Swift.abs($0) <= cutoff * scale ? 0 : $0 }
    }
}
