/// The reduced rows of the span V of `input`'s rows, for displaying numeric null directions
/// sparsely: one row per dimension of V, each with a pivot entry 1 in a column where every other
/// returned row is 0, entries below `cutoff` times the row's largest set to 0, rows ordered by
/// their pivot column. Rows of `input` whose part outside the span of the rows before them is
/// at most `cutoff` times their norm add no dimension.
///
/// The pivot columns are chosen greedily: each is the column c whose unit vector e_c has the
/// longest projection on the part of V that vanishes on the pivots chosen before (QR with column
/// pivoting of an orthonormal basis of V; ties within a relative 10⁻⁶ go to the lowest index).
/// That choice, and the reduced rows — the unique basis of V that is the identity on the pivot
/// columns — depend on V only, not on the basis `input` gives (an SVD's round-off, a BLAS
/// kernel), and every pivot is as large as the greedy choice allows, so the coefficients stay of
/// order one. Reduced row echelon form, which pivots on the first column with any entry above a
/// threshold, is canonical too but divides by pivots as small as round-off.
public func numericReducedRows(_ input: [[Double]], cutoff: Double = 1e-10) -> [[Double]] {
    guard let n = input.first?.count, n > 0, input.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) }) else { return [] }
    let basis = orthonormalRows(input, cutoff: cutoff)
    guard !basis.isEmpty else { return [] }
    let pivots = greedyPivotColumns(basis)
    var rows = basis
    var used = [Bool](repeating: false, count: rows.count)
    var pivotOfRow = [Int](repeating: 0, count: rows.count)
    for c in pivots {
        guard let r = rows.indices.filter({ !used[$0] }).max(by: { Swift.abs(rows[$0][c]) < Swift.abs(rows[$1][c]) }) else { break }
        used[r] = true
        pivotOfRow[r] = c
        let inverse = 1 / rows[r][c]
        for j in 0..<n { rows[r][j] *= inverse }
        rows[r][c] = 1
        for k in rows.indices where k != r && rows[k][c] != 0 {
            let f = rows[k][c]
            for j in 0..<n { rows[k][j] -= f * rows[r][j] }
            rows[k][c] = 0
        }
    }
    return rows.indices.sorted { pivotOfRow[$0] < pivotOfRow[$1] }.map { r in
        let largest = rows[r].reduce(0) { Swift.max($0, Swift.abs($1)) }
        return rows[r].map { Swift.abs($0) <= cutoff * largest ? 0 : $0 }
    }
}

/// An orthonormal basis of the rows' span by modified Gram–Schmidt, each row orthogonalised
/// twice ("twice is enough", Giraud, Langou and Rozložník 2005); a row whose remainder is at
/// most `cutoff` times its norm is dropped.
private func orthonormalRows(_ input: [[Double]], cutoff: Double) -> [[Double]] {
    var basis: [[Double]] = []
    for row in input {
        let norm = norm2(row)
        guard norm > 0 else { continue }
        var v = row
        for _ in 0..<2 {
            for q in basis {
                let d = zip(q, v).reduce(0) { $0 + $1.0 * $1.1 }
                for j in v.indices { v[j] -= d * q[j] }
            }
        }
        let rest = norm2(v)
        guard rest > cutoff * norm else { continue }
        basis.append(v.map { $0 / rest })
    }
    return basis
}

/// The pivot columns of QR with column pivoting of `basis` (orthonormal rows spanning V): the
/// column norms of the current basis M are the lengths of e_c's projections on the subspace
/// it spans; the chosen column's direction u = M[:, c]/‖M[:, c]‖ is removed by a Householder
/// reflection taking u to ∓ the first coordinate, after which the other rows span the part of
/// that subspace vanishing at c.
private func greedyPivotColumns(_ basis: [[Double]]) -> [Int] {
    var m = basis
    let n = basis[0].count
    var pivots: [Int] = []
    while !m.isEmpty {
        var norms = [Double](repeating: 0, count: n)
        for row in m { for j in 0..<n { norms[j] += row[j] * row[j] } }
        let largest = norms.max() ?? 0
        guard largest > 0, let c = norms.firstIndex(where: { $0 >= largest * (1 - 2e-6) }) else { break }
        pivots.append(c)
        // w = u + sign(u₁)·e₁, so that ‖w‖² = 2 + 2|u₁| ≥ 2 is no cancellation; H = I − 2wwᵀ/‖w‖²
        // takes u to ∓e₁.
        let eta = norms[c].squareRoot()
        var w = m.map { $0[c] / eta }
        w[0] += w[0] < 0 ? -1 : 1
        let ww = w.reduce(0) { $0 + $1 * $1 }
        if ww > 0 {
            var projection = [Double](repeating: 0, count: n)
            for (i, row) in m.enumerated() where w[i] != 0 { for j in 0..<n { projection[j] += w[i] * row[j] } }
            for i in m.indices where w[i] != 0 {
                let f = 2 * w[i] / ww
                for j in 0..<n { m[i][j] -= f * projection[j] }
            }
        }
        m.removeFirst()
    }
    return pivots
}

private func norm2(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
