/// Row reduction in `Double` with partial pivoting, for displaying numeric null directions
/// sparsely: entries below `cutoff` times the row's largest entry are set to 0.
public func numericReducedRows(_ input: [[Double]], cutoff: Double = 1e-10) -> [[Double]] {
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
