import CLAPACKE
@testable import LinearAlgebra
import Testing

/// ``TiledPivotedCholesky`` against LAPACK's `dpstrf` on semidefinite matrices of known rank:
/// the same rank, the same pivots on a well-conditioned full-rank matrix, Π·G·Πᵀ = L·Lᵀ + S to
/// the backward-error bound of Cholesky, a trailing diagonal ≤ the cut, and the same bits on
/// any number of cores.
///
/// The bound: a computed partial Cholesky factorisation with r steps satisfies
/// Π·G·Πᵀ + E = L̂·L̂ᵀ + [0 0; 0 Ŝ] with |E| ≤ γ_{r+1}·(|L̂|·|L̂|ᵀ + |Ŝ|) componentwise,
/// γ_k = k·u/(1 − k·u), u = 2⁻⁵³, whatever the order of the inner products (blocked, with fused
/// multiply-adds: Higham, *Accuracy and Stability of Numerical Algorithms*, ch. 10). Forming
/// L̂·L̂ᵀ + Ŝ again in floating point adds at most γ_{r+1} of the same quantity, so the tests
/// allow 2·γ_{r+2}·(|L̂|·|L̂|ᵀ + |Ŝ|)_ij per entry — a bound from the analysis, not a tuned
/// tolerance.
@Suite struct TiledPivotedCholeskyTests {
    typealias S = SingularValueTests

    /// G = AᵀA (n × n, column-major, lower triangle from `dsyrk`, the upper its mirror image).
    static func gram(_ a: Matrix<Double>) -> [Double] {
        _ = BLASThreads.pinnedToOne
        let n = a.columns
        var g = [Double](repeating: 0, count: n * n)
        // Row-major m × n read column-major is Aᵀ (n × m): AᵀA = Aᵀ·(Aᵀ)ᵀ.
        cblas_dsyrk(CblasColMajor, CblasLower, CblasNoTrans, Int32(n), Int32(a.rows), 1, a.elements, Int32(n), 0, &g, Int32(n))
        for j in 0..<n { for i in (j + 1)..<n { g[j + i * n] = g[i + j * n] } }
        return g
    }

    /// A random m × n matrix of rank k ≤ min(m, n): B·C for random B (m × k) and C (k × n),
    /// or a random A itself when k = m < n (a square B would be needlessly ill-conditioned).
    static func lowRank(_ m: Int, _ n: Int, rank k: Int, seed: UInt64) -> Matrix<Double> {
        if k == m && m <= n { return S.random(m, n, seed: seed) }
        return S.random(m, k, seed: seed).multiplied(by: S.random(k, n, seed: seed + 1))!
    }

    /// The largest diagonal entry.
    static func largestDiagonal(_ g: [Double], _ n: Int) -> Double { (0..<n).map { g[$0 + $0 * n] }.max() ?? 0 }

    /// The cut the rank tests use: √u·max G_ii, far above the round-off of the factorisation
    /// (≈ n·u·max G_ii) and far below the last nonzero pivot of these random matrices.
    static func cut(_ g: [Double], _ n: Int) -> Double { Double.ulpOfOne.squareRoot() * largestDiagonal(g, n) }

    /// `dpstrf` on a copy: the factored array, the rank and the pivot order (0-based).
    static func lapack(_ g: [Double], _ n: Int, cut: Double) -> (a: [Double], rank: Int, order: [Int]) {
        _ = BLASThreads.pinnedToOne
        var a = g, pivots = [Int32](repeating: 0, count: n), rank: Int32 = 0
        let info = LAPACKE_dpstrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), &a, Int32(n), &pivots, &rank, cut)
        precondition(info >= 0)
        return (a, Int(rank), pivots.map { Int($0) - 1 })
    }

    static func tiled(_ g: [Double], _ n: Int, cut: Double, concurrently: Bool = true) -> (a: [Double], outcome: TiledPivotedCholesky.Outcome) {
        var a = g
        let outcome = TiledPivotedCholesky.factor(&a, order: n, cut: cut, concurrently: concurrently)
        return (a, outcome)
    }

    static func gamma(_ k: Int) -> Double {
        let u = Double.ulpOfOne / 2
        return Double(k) * u / (1 - Double(k) * u)
    }

    /// The largest violation of |(L̂L̂ᵀ + Ŝ)_ij − (ΠGΠᵀ)_ij| ≤ 2·γ_{r+2}·(|L̂||L̂|ᵀ + |Ŝ|)_ij over
    /// the lower triangle, as a ratio (≤ 1 when the bound holds everywhere): the rows and
    /// columns < r are L̂'s alone, the trailing block adds the remainder Ŝ the routine left there.
    static func reconstructionRatio(_ g: [Double], _ a: [Double], _ n: Int, rank r: Int, order: [Int]) -> Double {
        _ = BLASThreads.pinnedToOne
        var l = [Double](repeating: 0, count: n * max(r, 1)), absL = l
        for c in 0..<r { for i in c..<n { l[i + c * n] = a[i + c * n]; absL[i + c * n] = Swift.abs(a[i + c * n]) } }
        var product = [Double](repeating: 0, count: n * n), magnitude = product
        if r > 0 {
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(r), 1, l, Int32(n), l, Int32(n), 0, &product, Int32(n))
            cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(n), Int32(n), Int32(r), 1, absL, Int32(n), absL, Int32(n), 0, &magnitude, Int32(n))
        }
        let bound = 2 * gamma(r + 2)
        var worst = 0.0
        for j in 0..<n {
            for i in j..<n {
                let s = i >= r && j >= r ? a[i + j * n] : 0
                let exact = g[max(order[i], order[j]) + min(order[i], order[j]) * n]
                let error = Swift.abs(product[i + j * n] + s - exact)
                let allowed = bound * (magnitude[i + j * n] + Swift.abs(s))
                if error > 0 { worst = max(worst, allowed > 0 ? error / allowed : .infinity) }
            }
        }
        return worst
    }

    /// Rank-deficient G = AᵀA — fewer rows than columns, or dependent columns — across the
    /// panel (64) and tile (256) boundaries: the rank is dpstrf's and the known one, L·Lᵀ + S
    /// reproduces Π·G·Πᵀ to the bound, the order is a permutation, the remaining diagonal is ≤
    /// the cut and every pivot above it, and the strict upper triangle is untouched.
    @Test(arguments: [
        (1, 1, 1), (5, 3, 3), (37, 20, 20), (64, 40, 40), (65, 64, 64), (65, 90, 31), (300, 131, 131), (300, 400, 257),
        (700, 450, 450), (700, 800, 333),
    ])
    func rankDeficientMatchesDpstrf(n: Int, m: Int, rank k: Int) throws {
        let a = Self.lowRank(m, n, rank: k, seed: UInt64(n * 1000 + m))
        let g = Self.gram(a)
        let cut = Self.cut(g, n)
        let (f, outcome) = Self.tiled(g, n, cut: cut)
        let reference = Self.lapack(g, n, cut: cut)
        #expect(outcome.rank == k)
        #expect(outcome.rank == reference.rank)
        #expect(!outcome.stoppedAtNaN)
        #expect(outcome.order.sorted() == Array(0..<n))
        #expect((0..<outcome.rank).allSatisfy { f[$0 + $0 * n] * f[$0 + $0 * n] > cut })
        #expect((outcome.rank..<n).allSatisfy { f[$0 + $0 * n] <= cut })
        #expect(Self.reconstructionRatio(g, f, n, rank: outcome.rank, order: outcome.order) <= 1)
        #expect((0..<n).allSatisfy { j in (0..<j).allSatisfy { f[$0 + j * n].bitPattern == g[$0 + j * n].bitPattern } })
    }

    /// Full rank and well conditioned (A of 2n + 5 random rows): both take the largest updated
    /// diagonal at every step, so the pivot orders are the same, and L·Lᵀ is Π·G·Πᵀ to the bound.
    @Test(arguments: [1, 2, 63, 64, 129, 300, 520])
    func fullRankHasDpstrfPivotOrder(n: Int) throws {
        let g = Self.gram(S.random(2 * n + 5, n, seed: UInt64(n) + 17))
        let (f, outcome) = Self.tiled(g, n, cut: 0)
        let reference = Self.lapack(g, n, cut: 0)
        #expect(outcome.rank == n && reference.rank == n)
        #expect(outcome.order == reference.order)
        #expect(Self.reconstructionRatio(g, f, n, rank: n, order: outcome.order) <= 1)
    }

    /// Stopped inside a panel, the trailing block is the Schur complement S = Π·G·Πᵀ − L·Lᵀ
    /// there (checked by the reconstruction), not dpstrf's partly updated block; with a cut
    /// between two groups of pivots, the stop falls where dpstrf's does.
    @Test func stopInsideAPanelLeavesTheSchurComplement() throws {
        let n = 333
        // Columns 0..<100 carry weight 1, the others 10⁻⁶: the pivots drop by 10⁻¹² after 100 steps.
        var a = S.random(2 * n, n, seed: 5)
        for i in 0..<a.rows { for j in 100..<n { a[i, j] *= 1e-6 } }
        let g = Self.gram(a)
        let cut = 1e-6 * Self.largestDiagonal(g, n)
        let (f, outcome) = Self.tiled(g, n, cut: cut)
        #expect(outcome.rank == 100 && Self.lapack(g, n, cut: cut).rank == 100)
        #expect(Self.reconstructionRatio(g, f, n, rank: outcome.rank, order: outcome.order) <= 1)
        // The remainder is semidefinite with entries of the small group's scale (G_ij ≈ 10⁻¹²·n/3).
        #expect((100..<n).allSatisfy { f[$0 + $0 * n] > 0 && f[$0 + $0 * n] <= cut })
    }

    /// G = 0 and a G below the cut have rank 0 (dpstrf takes its first pivot without testing
    /// the cut unless it is 0; here the cut is tested at every step); a NaN among the remaining
    /// diagonal entries stops the factorisation and is reported.
    @Test func zeroSubCutAndNaN() throws {
        for n in [1, 7, 70] {
            let zero = Self.tiled([Double](repeating: 0, count: n * n), n, cut: 0)
            #expect(zero.outcome.rank == 0 && zero.outcome.order == Array(0..<n) && !zero.outcome.stoppedAtNaN)
            // Every entry of G is ≤ 3·10⁻⁸ in magnitude, every diagonal entry below the cut 1.
            let small = Self.gram(Self.lowRank(3, n, rank: min(3, n), seed: 3)).map { $0 * 1e-8 }
            #expect(Self.tiled(small, n, cut: 1).outcome.rank == 0)
        }
        var g = Self.gram(S.random(20, 5, seed: 8))
        g[3 + 3 * 5] = .nan
        let stopped = Self.tiled(g, 5, cut: 0)
        #expect(stopped.outcome.rank == 0 && stopped.outcome.stoppedAtNaN)
        let one = Self.tiled([.nan], 1, cut: 0).outcome
        #expect(one.rank == 0 && one.order == [0] && one.stoppedAtNaN)
    }

    /// The tiles are fixed BLAS calls on disjoint columns: two concurrent runs and a serial one
    /// give the same bits (so the core count cannot change the rank or the factor).
    @Test func concurrentTilesGiveTheSameBits() throws {
        let n = 3 * TiledPivotedCholesky.tileColumns + 2 * TiledPivotedCholesky.panelColumns + 9
        let g = Self.gram(Self.lowRank(n + 40, n, rank: 611, seed: 12))
        let cut = Self.cut(g, n)
        let first = Self.tiled(g, n, cut: cut), second = Self.tiled(g, n, cut: cut)
        let serial = Self.tiled(g, n, cut: cut, concurrently: false)
        #expect(first.outcome.rank == 611)
        for other in [second, serial] {
            #expect(other.outcome == first.outcome)
            #expect(zip(other.a, first.a).allSatisfy { $0.bitPattern == $1.bitPattern })
        }
    }

    /// Large enough for a step's column to spread over the cores (≥ 4 tiles of rows for the
    /// first ≈ 260 steps): still the same bits as one tile after another, still the bound.
    @Test func concurrentStepsGiveTheSameBits() throws {
        let n = 4 * TiledPivotedCholesky.stepRows - 250
        let g = Self.gram(S.random(n + 100, n, seed: 31))
        let first = Self.tiled(g, n, cut: 0), serial = Self.tiled(g, n, cut: 0, concurrently: false)
        #expect(first.outcome.rank == n && serial.outcome == first.outcome)
        #expect(zip(serial.a, first.a).allSatisfy { $0.bitPattern == $1.bitPattern })
        #expect(first.outcome.order == Self.lapack(g, n, cut: 0).order)
        #expect(Self.reconstructionRatio(g, first.a, n, rank: n, order: first.outcome.order) <= 1)
    }

    /// The blocked copy of the upper triangle onto the lower one is the element-wise mirror.
    @Test(arguments: [1, 2, 255, 256, 600])
    func upperToLowerCopyIsTheMirror(n: Int) {
        var a = S.random(n, n, seed: UInt64(n)).elements
        let original = a
        a.withUnsafeMutableBufferPointer { TiledPivotedCholesky.copyUpperToLower($0.baseAddress!, order: n, leadingDimension: n) }
        #expect((0..<n).allSatisfy { j in (0..<n).allSatisfy { i in a[i + j * n] == (i > j ? original[j + i * n] : original[i + j * n]) } })
    }

    /// ``GramMatrix/factor(cut:)`` on the tiled routine: G stays in the upper triangle and on
    /// the diagonal, the rank and order are dpstrf's, L₂₁ is the routine's, and a NaN put on
    /// G's diagonal is rejected before any factorisation.
    @Test func gramMatrixFactorKeepsItsContract() throws {
        let n = 150
        let j = Self.lowRank(200, n, rank: 97, seed: 21)
        var gram = try GramMatrix(columns: n)
        try gram.accumulate(rows: j)
        let before = gram.storage
        let full = gram.symmetricElements
        let cut = Self.cut(full, n)
        let f = try gram.factor(cut: cut)
        let reference = Self.lapack(full, n, cut: cut)
        #expect(f.rank == 97 && f.rank == reference.rank && f.diagonal.count == 97)
        #expect(Array(f.order.prefix(97)) == Array(reference.order.prefix(97)))
        #expect((0..<n).allSatisfy { c in (0...c).allSatisfy { gram.storage[$0 + c * n].bitPattern == before[$0 + c * n].bitPattern } })
        let direct = Self.tiled(full, n, cut: cut)
        #expect(f.order == direct.outcome.order && f.diagonal == (0..<97).map { direct.a[$0 + $0 * n] })
        let rows = try gram.trailingFactorRows(prefix: 97)
        #expect((0..<97).allSatisfy { c in (97..<n).allSatisfy { rows[c * (n - 97) + $0 - 97] == direct.a[$0 + c * n] } })
        gram.storage[7 + 7 * n] = .nan
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 7, column: 7)) { try gram.factor(cut: cut) }
    }
}
