
/// A dense matrix of residues mod a prime p < 2³¹, row-major.
struct ModularMatrix {
    let rows: Int
    let columns: Int
    var entries: [UInt32]
    let field: PrimeField

    /// The row echelon form by left-looking blocked Gaussian elimination.
    ///
    /// Rows are taken in the order `rowOrder` (default: all rows in order), in blocks: each block
    /// is reduced against every existing basis row (one pass over a basis row serves the whole
    /// block, so the basis streams through the cache once per block, not once per row), then
    /// against the new rows of the block. A row that stays nonzero becomes a basis row with pivot
    /// at its first nonzero column among `allowedPivots` (all columns when `nil`).
    ///
    /// When `requireAllRows` is set, every row must become a pivot row (the caller expects the
    /// rows to be independent on the allowed columns): the result is `nil` otherwise.
    /// Stops early once the rank equals the number of allowed columns.
    func echelon(rowOrder: [Int]? = nil, allowedPivots: [Bool]? = nil, requireAllRows: Bool = false) -> ModularEchelon? {
        let n = columns, order = rowOrder ?? Array(0..<rows)
        let maxRank = allowedPivots.map { $0.lazy.filter { $0 }.count } ?? n
        var result = ModularEchelon(columns: n)
        guard n > 0, maxRank > 0, !order.isEmpty else {
            if requireAllRows && !order.isEmpty { return nil }
            return result
        }
        let capacity = min(order.count, maxRank)
        let basis = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * n)
        defer { basis.deallocate() }
        let blockSize = max(1, min(32, (1 << 18) / max(1, n * 4)))
        let block = UnsafeMutablePointer<UInt32>.allocate(capacity: blockSize * n)
        defer { block.deallocate() }
        let field = self.field
        var r = 0
        var failed = false
        entries.withUnsafeBufferPointer { a in
            var blockStart = 0
            outer: while blockStart < order.count && r < maxRank {
                let b = min(blockSize, order.count - blockStart)
                for t in 0..<b {
                    (block + t * n).update(from: a.baseAddress! + order[blockStart + t] * n, count: n)
                }
                let oldR = r
                for k in 0..<oldR {
                    let c = result.pivotColumns[k], s = result.starts[k]
                    let src = UnsafePointer(basis + k * n + s)
                    for t in 0..<b {
                        let row = block + t * n
                        let f = row[c]
                        if f != 0 { field.subtractMultiple(row + s, src, count: n - s, f) }
                    }
                }
                for t in 0..<b {
                    let row = block + t * n
                    for k in oldR..<r {
                        let c = result.pivotColumns[k], s = result.starts[k]
                        let f = row[c]
                        if f != 0 { field.subtractMultiple(row + s, basis + k * n + s, count: n - s, f) }
                    }
                    var first = -1, pivot = -1
                    for j in 0..<n where row[j] != 0 {
                        if first < 0 { first = j }
                        if allowedPivots?[j] ?? true { pivot = j; break }
                    }
                    if pivot < 0 {
                        if requireAllRows { failed = true; break outer }
                        continue
                    }
                    field.scale(row + first, count: n - first, by: field.inverse(row[pivot]))
                    (basis + r * n).update(from: row, count: n)
                    result.pivotRows.append(order[blockStart + t])
                    result.pivotColumns.append(pivot)
                    result.starts.append(first)
                    r += 1
                    if r == maxRank { break outer }
                }
                blockStart += b
            }
        }
        if failed || (requireAllRows && r < order.count) { return nil }
        result.basis = Array(UnsafeBufferPointer(start: basis, count: r * n))
        return result
    }
}

extension ModularEchelon {
    /// The non-pivot columns, increasing.
    var freeColumns: [Int] {
        var isPivot = [Bool](repeating: false, count: columns)
        for c in pivotColumns { isPivot[c] = true }
        return (0..<columns).filter { !isPivot[$0] }
    }

    /// The null space mod p in the normalisation of the certificate: for the t-th free column
    /// f_t, the vector v with v[f_t] = 1, v = 0 on the other free columns, and v[pivotColumns[k]] =
    /// `result[k * freeCount + t]` (returned row-major, `rank × freeCount`).
    ///
    /// Back substitution on the free columns only: with basis row k already free of every later
    /// pivot column, subtracting basis_j[c_k]·(row k) from each earlier row j leaves the reduced
    /// row echelon form, whose free-column block Q gives v_C = −Q·v_F.
    func nullSpaceResidues(field: PrimeField) -> [UInt32] {
        let free = freeColumns, k = free.count, r = rank, n = columns
        guard k > 0 else { return [] }
        var q = [UInt32](repeating: 0, count: r * k)
        q.withUnsafeMutableBufferPointer { qp in
            let q = qp.baseAddress!
            basis.withUnsafeBufferPointer { bp in
                for j in 0..<r {
                    for t in 0..<k { q[j * k + t] = bp[j * n + free[t]] }
                }
                for kk in stride(from: r - 1, through: 1, by: -1) {
                    let c = pivotColumns[kk]
                    for j in 0..<kk {
                        let f = bp[j * n + c]
                        if f != 0 { field.subtractMultiple(q + j * k, q + kk * k, count: k, f) }
                    }
                }
            }
            for i in 0..<(r * k) { q[i] = field.negate(q[i]) }
        }
        return q
    }
}
