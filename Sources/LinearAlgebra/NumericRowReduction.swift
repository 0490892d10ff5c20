/// Gauss–Jordan reduction in `Double` with complete pivoting, for displaying numeric null
/// directions sparsely: the rows returned span the same space as `input`'s rows (up to the
/// rows whose remaining entries are all below `cutoff` times the largest entry of `input`), each
/// has a pivot entry 1 in a column where every other returned row is 0, and entries below
/// `cutoff` times the row's largest are set to 0. Rows are ordered by their pivot column.
///
/// Complete pivoting — each pivot the largest remaining entry in magnitude — keeps the
/// coefficients of the display of order one: the returned rows are A_p⁻¹·A for the pivot columns'
/// block A_p, whose growth stays small in practice (Wilkinson's bound for complete pivoting).
/// Pivoting column by column instead takes the first column with any entry above the cutoff,
/// however tiny against the rest of its row, and dividing by it turns round-off into
/// coefficients of 10⁸ and more.
public func numericReducedRows(_ input: [[Double]], cutoff: Double = 1e-10) -> [[Double]] {
    var a = input
    guard let n = a.first?.count, n > 0 else { return [] }
    let scale = a.reduce(0) { m, row in row.reduce(m) { Swift.max($0, Swift.abs($1)) } }
    guard scale > 0, scale.isFinite else { return [] }
    var pivotColumns: [Int] = []
    for r in 0..<a.count {
        guard let (i, c) = largestEntry(of: a, fromRow: r), Swift.abs(a[i][c]) > cutoff * scale else { break }
        a.swapAt(r, i)
        let inverse = 1 / a[r][c]
        for j in 0..<n { a[r][j] *= inverse }
        a[r][c] = 1
        for k in 0..<a.count where k != r && a[k][c] != 0 {
            let f = a[k][c]
            for j in 0..<n { a[k][j] -= f * a[r][j] }
            a[k][c] = 0
        }
        pivotColumns.append(c)
    }
    let order = pivotColumns.indices.sorted { pivotColumns[$0] < pivotColumns[$1] }
    return order.map { r in
        let row = a[r]
        let largest = row.reduce(0) { Swift.max($0, Swift.abs($1)) }
        return row.map { Swift.abs($0) <= cutoff * largest ? 0 : $0 }
    }
}

/// The position (row ≥ `first`, column) of the entry of largest magnitude among rows `first...`.
private func largestEntry(of a: [[Double]], fromRow first: Int) -> (Int, Int)? {
    var best: (Int, Int)?
    var magnitude = 0.0
    for i in first..<a.count {
        for (j, x) in a[i].enumerated() where Swift.abs(x) > magnitude {
            magnitude = Swift.abs(x)
            best = (i, j)
        }
    }
    return best
}
