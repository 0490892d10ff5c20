import CLAPACKE
import Dispatch

/// The pivoted Cholesky factorisation of a symmetric positive semidefinite n × n matrix A,
/// Π·A·Πᵀ = L·Lᵀ + [0 0; 0 S], stopped at a cut — LAPACK's `dpstrf` (Lucas, LAWN 161: panels,
/// the pivot chosen on the updated diagonal, a level-3 update after each panel), with the
/// trailing update spread over the cores in tiles that do not depend on the core count.
///
/// **The step.** After j steps the not-yet-factored part of Π·A·Πᵀ is the Schur complement
/// S⁽ʲ⁾ = A₂₂ − L₂₁·L₂₁ᵀ of the j pivoted columns. Step j + 1 takes as pivot the largest
/// remaining diagonal entry of S⁽ʲ⁾,
///
///     d_i = A_ii − Σ_{c<j} L_ic²,  p = the first i ≥ j with d_p = max_{i≥j} d_i,
///
/// stops if d_p ≤ cut (or is NaN), else exchanges rows and columns j and p symmetrically,
/// sets L_jj = √d_p and L_ij = (A_ij − Σ_{c<j} L_ic·L_jc)/L_jj for i > j. Since every
/// principal 2 × 2 minor of a semidefinite S is ≥ 0, |S_ij| ≤ √(S_ii·S_jj) ≤ d_p: the largest
/// diagonal bounds all of S, so stopping at d_p ≤ cut leaves a remainder with every entry ≤ cut
/// in magnitude (in exact arithmetic).
///
/// **Panels.** Columns go in panels of ``panelColumns``. Within the panel starting at k, the
/// trailing matrix in memory is S⁽ᵏ⁾ (updated by the earlier panels only); d_i is formed as
/// S⁽ᵏ⁾_ii minus the squares of the panel's finished columns (kept as running sums), and
/// column j subtracts the panel's earlier columns by `dgemv` before the scaling. A step's
/// column work — its part of the exchange, the `dgemv`, the scaling, the running sums and the
/// next pivot's candidates — goes in fixed tiles of ``stepRows`` rows (over the cores when
/// there are at least four), the candidates merged in row order so the first largest wins.
/// After the panel's w columns the trailing block becomes S⁽ᵏ⁺ʷ⁾ = S⁽ᵏ⁾₂₂ − P·Pᵀ for the
/// panel's rows P below it: `dsyrk` on the diagonal tiles and `dgemm` below them, in fixed tiles of
/// ``tileColumns`` columns (`DispatchQueue.concurrentPerform`, each call on one BLAS thread).
/// The row exchanges of the columns left of the panel are applied after it, all of the panel's
/// exchanges in order on each column (they touch no column the panel reads), in the same tiles.
///
/// **Result.** On return, for r = ``Outcome/rank``: the lower triangle holds L's first r
/// columns (rows in the pivoted order, L_jj on the diagonal), and the trailing block (rows and
/// columns r..<n, lower triangle) holds what is left unfactored, Π·A·Πᵀ − L·Lᵀ restricted to
/// that block — its diagonal the d_i the stop saw, each ≤ cut. (`dpstrf` leaves this block only
/// partly updated when it stops inside a panel; here the panel's finished columns are applied
/// to it too, so it is the Schur complement S⁽ʳ⁾.) The strict upper triangle is not read or
/// written.
///
/// **Differences from `dpstrf`**, all at the boundary: the cut is tested at the first step too
/// (`dpstrf` always takes its first pivot unless it is 0 or NaN, so an A whose diagonal is
/// ≤ cut gives rank 0 here and 1 there); a NaN anywhere among the d_i stops the factorisation
/// (Fortran's `MAXLOC` skips NaNs); and the row exchanges left of a panel are deferred to the
/// panel's end. The pivot rule and the arithmetic of each column are `dpstrf`'s, so the pivot
/// order agrees unless two candidates are within round-off of each other.
///
/// **Determinism.** Every tile is one BLAS call (or one loop of exchanges) with arguments fixed
/// by n, the panel and the tile, run on one BLAS thread; the tiles write disjoint columns (or
/// disjoint rows of a step's column and of the running sums). The
/// output is therefore the same bits on any number of cores, and with `concurrently: false`.
public enum TiledPivotedCholesky {
    /// Columns per panel (the block size LAPACK's `ilaenv` gives `dpotrf`, which `dpstrf` uses).
    public static let panelColumns = 64
    /// Columns per tile of the trailing update: fixed, not derived from the core count.
    public static let tileColumns = 256

    /// The rank and pivot order of a factorisation.
    public struct Outcome: Sendable, Equatable {
        /// r: the number of pivots taken (each > cut).
        public let rank: Int
        /// Π as indices, 0-based: position i of the factor is row and column `order[i]` of A.
        public let order: [Int]
        /// Whether the factorisation stopped at a NaN among the remaining diagonal entries
        /// (`dpstrf` reports this, like rank deficiency, as info > 0).
        public let stoppedAtNaN: Bool
    }

    /// Rows per tile of a step's column (the exchanges in it, the `dgemv`, the scaling, and the
    /// next step's candidates): fixed, so each row's arithmetic is the same on any core count.
    public static let stepRows = 512
    /// The fewest tiles a step spreads over the cores: below it the step's level-2 work is too
    /// small to pay for waking the other threads once per column (the tiles then run in order:
    /// the same arithmetic, so the same bits).
    static let concurrentStepTiles = 4

    /// The storage, shared by the tiles: each tile writes columns (or rows of a column, and
    /// entries of the work arrays) that no other tile touches.
    struct Shared: @unchecked Sendable {
        let a: UnsafeMutablePointer<Double>
        var diagonal: UnsafeMutablePointer<Double>? = nil
        var squares: UnsafeMutablePointer<Double>? = nil
        var candidates: UnsafeMutablePointer<Candidate>? = nil
    }

    /// The largest d_i of a range of rows (the first one of equal values), or a NaN seen there.
    struct Candidate: Sendable {
        var value = -Double.infinity
        var index = -1
        var sawNaN = false

        /// The next rows' candidate, after these rows (so the first largest wins ties).
        mutating func merge(_ later: Candidate) {
            sawNaN = sawNaN || later.sawNaN
            if later.index >= 0 && (index < 0 || later.value > value) { value = later.value; index = later.index }
        }
    }

    /// Factors the lower triangle of the column-major n × n matrix at `a` (leading dimension
    /// `lda`) in place, stopping when the largest remaining pivot d is ≤ `cut` or NaN.
    /// - Parameter concurrently: spread the tiles over the cores (`false`: one after another, in
    ///   order — the same bits).
    public static func factor(
        _ a: UnsafeMutablePointer<Double>, order n: Int, leadingDimension lda: Int, cut: Double, concurrently: Bool = true
    ) -> Outcome {
        _ = BLASThreads.pinnedToOne
        precondition(n >= 0 && lda >= max(1, n) && lda <= Int(Int32.max))
        var order = Array(0..<n)
        guard n > 0 else { return Outcome(rank: 0, order: order, stoppedAtNaN: false) }
        // S⁽ᵏ⁾_ii for the current panel, and the running Σ L_ic² over its finished columns.
        let diagonal = UnsafeMutablePointer<Double>.allocate(capacity: n), squares = UnsafeMutablePointer<Double>.allocate(capacity: n)
        let tiles = (n + stepRows - 1) / stepRows
        let candidates = UnsafeMutablePointer<Candidate>.allocate(capacity: tiles)
        candidates.initialize(repeating: Candidate(), count: tiles)
        defer { diagonal.deallocate(); squares.deallocate(); candidates.deallocate() }
        let shared = Shared(a: a, diagonal: diagonal, squares: squares, candidates: candidates)
        var rank = n, stoppedAtNaN = false
        let ld = Int32(lda)
        var k = 0
        while k < n {
            let width = min(panelColumns, n - k)
            var next = Candidate()
            for i in k..<n {
                diagonal[i] = a[i + i * lda]
                squares[i] = 0
                next.merge(Candidate(value: diagonal[i], index: diagonal[i].isNaN ? -1 : i, sawNaN: diagonal[i].isNaN))
            }
            var exchanges: [(Int, Int)] = []
            var done = k, stopped = false
            for j in k..<(k + width) {
                // The pivot: the first largest d_i = S⁽ᵏ⁾_ii − Σ L_ic², i ≥ j (found by the last step).
                let p = next.index, best = next.value
                if next.sawNaN || best <= cut {
                    rank = j; stopped = true; stoppedAtNaN = next.sawNaN
                    break
                }
                if p != j {
                    // Symmetric exchange of j and p on the lower triangle: here the diagonal and
                    // the rows in the panel's finished columns; the column parts below j (with
                    // row p's part between j and p, its mirror image) go with the step's tiles.
                    a[p + p * lda] = a[j + j * lda]
                    diagonal[p] = diagonal[j]
                    if j > k { cblas_dswap(Int32(j - k), a + j + k * lda, ld, a + p + k * lda, ld) }
                    (squares[j], squares[p]) = (squares[p], squares[j])
                    order.swapAt(j, p)
                    exchanges.append((j, p))
                }
                let pivot = best.squareRoot()
                a[j + j * lda] = pivot
                done = j + 1
                guard j < n - 1 else { break }
                // Column j below the diagonal, in tiles of rows, each also returning its rows'
                // candidate for the next step when there is one in this panel.
                let track = j + 1 < k + width, first = j + 1, count = (n - first + stepRows - 1) / stepRows
                let step = Step(column: j, panelStart: k, pivotRow: p, pivot: pivot, track: track)
                let tile: @Sendable (Int) -> Void = { t in
                    let rows = (first + t * stepRows)..<min(first + (t + 1) * stepRows, n)
                    shared.candidates![t] = step.run(shared, leadingDimension: lda, rows: rows)
                }
                if concurrently && count >= concurrentStepTiles {
                    DispatchQueue.concurrentPerform(iterations: count, execute: tile)
                } else {
                    (0..<count).forEach(tile)
                }
                next = Candidate()
                for t in 0..<count { next.merge(candidates[t]) }
            }
            finishPanel(a, order: n, leadingDimension: lda, panel: k..<done, exchanges: exchanges, concurrently: concurrently)
            if stopped {
                // The remainder's diagonal: the d_i the stop was decided on (each ≤ cut).
                for i in rank..<n { a[i + i * lda] = diagonal[i] - squares[i] }
                break
            }
            k += width
        }
        return Outcome(rank: rank, order: order, stoppedAtNaN: stoppedAtNaN)
    }

    /// One step's work on a tile of rows of column j (after the pivot p is chosen and L_jj set).
    struct Step: Sendable {
        let column: Int, panelStart: Int, pivotRow: Int, pivot: Double, track: Bool

        /// For rows i in the tile: the exchange with p (i < p: A_ij ↔ A_pi, the mirror image;
        /// i > p: A_ij ↔ A_ip), then L_ij = (A_ij − Σ_{k≤c<j} L_ic·L_jc) / L_jj (`dgemv`, `dscal`),
        /// then, if `track`, Σ L_ic² += L_ij² and the rows' candidate d_i = S⁽ᵏ⁾_ii − Σ L_ic².
        func run(_ shared: Shared, leadingDimension lda: Int, rows: Range<Int>) -> Candidate {
            let a = shared.a, j = column, k = panelStart, p = pivotRow, ld = Int32(lda)
            let r0 = rows.lowerBound, r1 = rows.upperBound
            if p != j {
                if r0 < p { for i in r0..<min(r1, p) { let v = a[i + j * lda]; a[i + j * lda] = a[p + i * lda]; a[p + i * lda] = v } }
                if r1 > p + 1 { for i in max(r0, p + 1)..<r1 { let v = a[i + j * lda]; a[i + j * lda] = a[i + p * lda]; a[i + p * lda] = v } }
            }
            if j > k {
                cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(rows.count), Int32(j - k), -1, a + r0 + k * lda, ld, a + j + k * lda, ld, 1, a + r0 + j * lda, 1)
            }
            cblas_dscal(Int32(rows.count), 1 / pivot, a + r0 + j * lda, 1)
            var best = Candidate()
            guard track, let diagonal = shared.diagonal, let squares = shared.squares else { return best }
            let column = a + j * lda
            for i in rows {
                squares[i] += column[i] * column[i]
                let d = diagonal[i] - squares[i]
                if d.isNaN { best.sawNaN = true } else if best.index < 0 || d > best.value { best.value = d; best.index = i }
            }
            return best
        }
    }

    /// Factors a column-major n × n array (its lower triangle) in place; see the pointer form.
    public static func factor(_ a: inout [Double], order n: Int, cut: Double, concurrently: Bool = true) -> Outcome {
        precondition(a.count >= n * n)
        return a.withUnsafeMutableBufferPointer { factor($0.baseAddress!, order: n, leadingDimension: max(n, 1), cut: cut, concurrently: concurrently) }
    }

    /// After a panel of finished columns [k, s): the trailing block (rows and columns ≥ s) gets
    /// S ← S − P·Pᵀ for P = L[s..<n, k..<s], tile [c, c + w) by `dsyrk` on its diagonal block and
    /// `dgemm` on the rows below it; the columns left of k get the panel's row exchanges.
    static func finishPanel(
        _ a: UnsafeMutablePointer<Double>, order n: Int, leadingDimension lda: Int, panel: Range<Int>,
        exchanges: [(Int, Int)], concurrently: Bool
    ) {
        let s = panel.upperBound, width = panel.count, k = panel.lowerBound, t = tileColumns, ld = Int32(lda)
        let updates = s < n && width > 0 ? (n - s + t - 1) / t : 0
        let moves = exchanges.isEmpty ? 0 : (k + t - 1) / t
        guard updates + moves > 0 else { return }
        let shared = Shared(a: a)
        let tile: @Sendable (Int) -> Void = { index in
            let a = shared.a
            if index < updates {
                // The leftmost tiles are the tallest: they come first.
                let c = s + index * t, w = min(t, n - c), below = n - c - w
                cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(w), Int32(width), -1, a + c + k * lda, ld, 1, a + c + c * lda, ld)
                if below > 0 {
                    cblas_dgemm(
                        CblasColMajor, CblasNoTrans, CblasTrans, Int32(below), Int32(w), Int32(width), -1, a + (c + w) + k * lda, ld,
                        a + c + k * lda, ld, 1, a + (c + w) + c * lda, ld)
                }
            } else {
                let first = (index - updates) * t
                for column in first..<min(first + t, k) {
                    let x = a + column * lda
                    for (i, p) in exchanges { let v = x[i]; x[i] = x[p]; x[p] = v }
                }
            }
        }
        let count = updates + moves
        if concurrently && count > 1 { DispatchQueue.concurrentPerform(iterations: count, execute: tile) } else { (0..<count).forEach(tile) }
    }

    /// Copies the strict upper triangle of a column-major n × n matrix onto its strict lower
    /// triangle (A_ij ← A_ji, i > j), in tiles of ``tileColumns`` lower columns: within a tile,
    /// row i of the lower part is column i of the upper part, read contiguously, and the tile's
    /// columns stay in cache across 8 consecutive rows — no n²-strided element walk.
    public static func copyUpperToLower(_ a: UnsafeMutablePointer<Double>, order n: Int, leadingDimension lda: Int, concurrently: Bool = true) {
        precondition(n >= 0 && lda >= max(1, n))
        let t = tileColumns, tiles = (n + t - 1) / t
        let shared = Shared(a: a)
        let tile: @Sendable (Int) -> Void = { index in
            let a = shared.a, c = index * t, end = min(c + t, n)
            guard c + 1 < n else { return }
            for i in (c + 1)..<n {
                let source = a + i * lda
                for j in c..<min(end, i) { a[i + j * lda] = source[j] }
            }
        }
        if concurrently && tiles > 1 { DispatchQueue.concurrentPerform(iterations: tiles, execute: tile) } else { (0..<tiles).forEach(tile) }
    }
}
