import CLAPACKE

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
    _ = BLASThreads.pinnedToOne
    let basis = orthonormalRows(input, cutoff: cutoff)
    guard !basis.isEmpty else { return [] }
    // Only the columns where some basis row is nonzero can be pivots or hold entries.
    let live = (0..<n).filter { j in basis.contains { $0[j] != 0 } }
    let d = basis.count, w = live.count
    var m = [Double](repeating: 0, count: d * w)
    for (i, row) in basis.enumerated() { for (t, j) in live.enumerated() { m[i * w + t] = row[j] } }
    let pivots = greedyPivotColumns(m, rows: d, columns: w)
    guard let reduced = reducedRows(m, rows: d, columns: w, pivots: pivots) else { return [] }
    // Row i has its pivot 1 at column pivots[i]; rows ordered by their pivot column.
    return pivots.indices.sorted { pivots[$0] < pivots[$1] }.map { i in
        var row = [Double](repeating: 0, count: n)
        for t in 0..<w { row[live[t]] = reduced[i * w + t] }
        for (k, c) in pivots.enumerated() { row[live[c]] = k == i ? 1 : 0 }
        let largest = row.reduce(0) { Swift.max($0, Swift.abs($1)) }
        return row.map { Swift.abs($0) <= cutoff * largest ? 0 : $0 }
    }
}

/// The unique basis R of V that is the identity on the pivot columns: with B the orthonormal
/// basis (d × w, row-major) and B_P its d × d block at the pivots, R = B_P⁻¹·B (so R_P = I and
/// R spans B's rows). Solved by LU with partial pivoting (`dgesv`), the elimination the greedy
/// pivots keep well conditioned: each pivot is as large as the greedy choice allows.
/// `nil` if B_P is singular (it cannot be for pivots chosen greedily from a basis of V).
private func reducedRows(_ b: [Double], rows d: Int, columns w: Int, pivots: [Int]) -> [Double]? {
    guard pivots.count == d else { return nil }
    var a = [Double](repeating: 0, count: d * d)
    for i in 0..<d { for (k, c) in pivots.enumerated() { a[i * d + k] = b[i * w + c] } }
    var x = b, ipiv = [Int32](repeating: 0, count: d)
    let info = LAPACKE_dgesv(LAPACK_ROW_MAJOR, Int32(d), Int32(w), &a, Int32(d), &ipiv, &x, Int32(w))
    return info == 0 ? x : nil
}

/// An orthonormal basis of the rows' span by modified Gram–Schmidt, each row orthogonalised
/// twice ("twice is enough", Giraud, Langou and Rozložník 2005); a row whose remainder is at
/// most `cutoff` times its norm is dropped.
private func orthonormalRows(_ input: [[Double]], cutoff: Double) -> [[Double]] {
    if let q = choleskyOrthonormalRows(input) { return q }
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

/// The same basis as Gram–Schmidt's when the rows are well conditioned, by Cholesky QR twice
/// (Fukaya, Nakatsukasa, Yanagisawa and Yamamoto, "CholeskyQR2", 2014): A = L·Q with
/// A·Aᵀ = L·Lᵀ (`dsyrk`, `dpotrf`) and Q = L⁻¹A (`dtrsm`), whose rows are Gram–Schmidt's
/// (L is its triangular factor: L_ii is row i's part outside the rows before it). One pass
/// leaves Q orthonormal to ≈ κ(A)²·ε, the second to ≈ ε. Used when LAPACK's estimate of κ(L)
/// (`dtrcon`) is at most 10⁴: then every L_ii ≥ σ_min(A) ≥ 10⁻⁴·max‖row‖, far above any
/// cutoff, so Gram–Schmidt would drop no row either. `nil` otherwise (or for a singular A).
private func choleskyOrthonormalRows(_ input: [[Double]]) -> [[Double]]? {
    let d = input.count, n = input[0].count
    guard d <= n else { return nil }
    var q = input.flatMap { $0 }
    for pass in 0..<2 {
        var g = [Double](repeating: 0, count: d * d)
        cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, Int32(d), Int32(n), 1, q, Int32(n), 0, &g, Int32(d))
        guard LAPACKE_dpotrf(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "L")), Int32(d), &g, Int32(d)) == 0 else { return nil }
        if pass == 0 {
            var rcond = 0.0
            let info = LAPACKE_dtrcon(
                LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "1")), CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")), Int32(d), g, Int32(d), &rcond)
            guard info == 0, rcond >= 1e-4 else { return nil }
        }
        cblas_dtrsm(CblasRowMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(d), Int32(n), 1, g, Int32(d), &q, Int32(n))
    }
    return (0..<d).map { Array(q[($0 * n)..<(($0 + 1) * n)]) }
}

/// The pivot columns of QR with column pivoting of `basis` (orthonormal rows spanning V, d × w
/// row-major): the column norms of the current basis M are the lengths of e_c's projections on
/// the subspace it spans; the chosen column's direction u = M[:, c]/‖M[:, c]‖ is removed by a
/// Householder reflection taking u to ∓ the first coordinate (`dgemv`, `dger`), after which the
/// other rows span the part of that subspace vanishing at c. H is orthogonal, so H·M has M's
/// column norms, and dropping its first row lowers each squared norm by that row's square:
/// the norms are downdated, and recomputed from M when the largest has fallen below 10⁻³ of
/// its value at the last recomputation (the downdate's cancellation stays below ~10³·ε).
private func greedyPivotColumns(_ basis: [Double], rows d: Int, columns n: Int) -> [Int] {
    var m = basis
    var pivots: [Int] = []
    var norms = [Double](repeating: 0, count: n), reference = 0.0
    func recompute(from top: Int) {
        for j in 0..<n { norms[j] = 0 }
        for i in top..<d { for j in 0..<n { norms[j] += m[i * n + j] * m[i * n + j] } }
        reference = norms.max() ?? 0
    }
    recompute(from: 0)
    var w = [Double](repeating: 0, count: d), projection = [Double](repeating: 0, count: n)
    for top in 0..<d {
        var largest = norms.max() ?? 0
        if largest < 1e-3 * reference {
            recompute(from: top)
            largest = reference
        }
        guard largest > 0, let c = norms.firstIndex(where: { $0 >= largest * (1 - 2e-6) }) else { break }
        pivots.append(c)
        // w = u + sign(u₁)·e₁, so that ‖w‖² = 2 + 2|u₁| ≥ 2 is no cancellation; H = I − 2wwᵀ/‖w‖²
        // takes u to ∓e₁. Rows top..<d are M.
        let rows = d - top, eta = norms[c].squareRoot()
        for i in 0..<rows { w[i] = m[(top + i) * n + c] / eta }
        w[0] += w[0] < 0 ? -1 : 1
        let ww = (0..<rows).reduce(0) { $0 + w[$1] * w[$1] }
        m.withUnsafeMutableBufferPointer { mp in
            let block = mp.baseAddress! + top * n
            // projection = Mᵀw; M −= (2/‖w‖²)·w·projectionᵀ.
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(n), 1, block, Int32(n), w, 1, 0, &projection, 1)
            cblas_dger(CblasRowMajor, Int32(rows), Int32(n), -2 / ww, w, 1, projection, 1, block, Int32(n))
        }
        for j in 0..<n { norms[j] = Swift.max(0, norms[j] - m[top * n + j] * m[top * n + j]) }
        norms[c] = 0
    }
    return pivots
}

private func norm2(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
