import CLAPACKE

/// The two ends of the spectrum of an r × n matrix M with r ≤ n, from one QR factorisation
/// Mᵀ = Q·R (`dgeqrf`; Q n × r with orthonormal columns, R r × r upper triangular): M = Rᵀ·Qᵀ
/// has R's singular values, and M's right singular vectors are Q·w for R's left singular
/// vectors w (R·Rᵀ·w = σ²·w).
///
/// What a numeric rank needs near its cut, and no more: σ₁ (``largest``, subspace iteration on
/// R·Rᵀ) and the smallest σ (``smallest``, inverse subspace iteration: two triangular solves a
/// step), each read by a Rayleigh–Ritz step on ℓ orthonormal vectors X — the singular values θ
/// of Rᵀ·X. By Cauchy interlacing (Rᵀ·X is Rᵀ restricted to an ℓ-dimensional subspace) the
/// largest θ is ≤ σ₁ and the j-th smallest θ ≥ the j-th smallest σ: a value at or below the
/// cut bounds the true one from above. A value is accepted once a step moves it by so little
/// that, at the convergence rate the block's values imply, less than 10⁻⁷·θ is left to move,
/// or once it is below the round-off level r·ε·σ₁ (where every SVD's values are noise). An
/// iteration that has not settled within ``maximumIterations`` steps gives way to every
/// singular value (`dgesdd` of R, values only), as does a matrix of fewer than
/// ``completeBelowRows`` rows.
///
/// The solves use R̃: R with each diagonal entry below δ = r·ε·max|R| raised to δ (so that
/// they never divide by zero; ‖R̃ − R‖ ≤ δ, and the vectors are those of a matrix within δ of
/// M). The Ritz values use R itself.
///
/// Cost: ≈ 2·n·r² − 2r³/3 flops for the QR (BLAS-3) and ≈ 4·r²·ℓ a step, against ≈ 4·n·r² − 4r³/3
/// for the bidiagonalisation in `dgesdd` of M (half of it BLAS-2). Memory: the factored Mᵀ,
/// 8·n·r bytes.
public struct RowSpaceSpectrum: Sendable {
    public let rows: Int
    public let columns: Int
    /// σ₁ (0 for a matrix without rows).
    public private(set) var largest = 0.0
    /// The smallest singular values computed so far, smallest first (σ_r, σ_{r−1}, …).
    public private(set) var smallest: [Double] = []
    /// Every singular value, largest first, when all were computed (few rows, or an iteration
    /// that did not converge); `nil` otherwise.
    public private(set) var all: [Double]?
    /// The Householder form of Mᵀ = Q·R (column-major n × r): R in the upper triangle, with its
    /// small diagonal entries raised to δ; the reflectors below it.
    let factors: [Double]
    let tauQ: [Double]
    /// The raised diagonal entries: index and R̃_jj − R_jj.
    let raised: [(index: Int, amount: Double)]
    /// The left singular vectors of R that go with ``smallest`` (column-major r × count).
    var smallestLeft: [Double] = []

    /// Steps of an iteration before it gives way to every singular value.
    public static let maximumIterations = 60
    /// Below this many rows every singular value is computed (cheaper than iterating).
    public static let completeBelowRows = 64

    /// Factors Mᵀ and computes σ₁ (every singular value when M has few rows or the iteration for
    /// σ₁ does not converge). M must not have more rows than columns.
    public init(_ M: Matrix<Double>) throws(LinearAlgebraError) {
        let r = M.rows, n = M.columns
        rows = r
        columns = n
        guard r > 0 else {
            factors = []
            tauQ = []
            raised = []
            all = []
            return
        }
        guard r <= n else { throw .dimensionTooLarge(rows: r, columns: n) }
        try M.validateForLAPACK()
        // M row-major r × n is Mᵀ column-major n × r.
        var qr = M.elements
        var tau = [Double](repeating: 0, count: r)
        let info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(r), &qr, Int32(n), &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        var top = 0.0
        for j in 0..<r { for i in 0...j { top = Swift.max(top, Swift.abs(qr[j * n + i])) } }
        let delta = Double(r) * Double.ulpOfOne * Swift.max(top, Double.leastNormalMagnitude)
        var raised: [(index: Int, amount: Double)] = []
        for j in 0..<r where Swift.abs(qr[j * n + j]) < delta {
            let target = qr[j * n + j] < 0 ? -delta : delta
            raised.append((j, target - qr[j * n + j]))
            qr[j * n + j] = target
        }
        factors = qr
        tauQ = tau
        self.raised = raised
        if r < Self.completeBelowRows {
            try computeAll()
            return
        }
        guard let sigma1 = try largestByIteration() else {
            try computeAll()
            return
        }
        largest = sigma1
    }

    /// The round-off level of R's singular values, r·ε·σ₁: a Ritz value below it is accepted as is.
    var noiseLevel: Double { Double(rows) * Double.ulpOfOne * largest }

    /// Computes the `count` smallest singular values (and their vectors) if not known yet.
    public mutating func computeSmallest(count: Int) throws(LinearAlgebraError) {
        let count = Swift.min(count, rows)
        guard count > smallest.count else { return }
        if let all {
            smallest = Array(all.reversed().prefix(count))
            return
        }
        let l = Swift.min(rows, count + Swift.max(8, count))
        guard 2 * l < rows, let found = try smallestByIteration(count: count, width: l, start: smallestLeft, required: true) else {
            try computeAll()
            smallest = Array(all!.reversed().prefix(count))
            return
        }
        smallest = found.values
        smallestLeft = found.left
    }

    /// Computes smallest singular values until `above` of them exceed `threshold` or every
    /// value is known (doubling the count from `start`).
    public mutating func computeSmallest(untilAbove threshold: Double, count above: Int, start: Int = 8) throws(LinearAlgebraError) {
        var count = Swift.max(start, above)
        while true {
            try computeSmallest(count: count)
            if smallest.count == rows || smallest.filter({ $0 > threshold }).count >= above { return }
            count *= 2
        }
    }

    /// The right singular vectors of M for its `count` smallest singular values, one per row
    /// (count × n, smallest first): Q·[w; 0] for R's left singular vectors w.
    public func smallestRightSingularVectors(count: Int) throws(LinearAlgebraError) -> Matrix<Double> {
        let r = rows, n = columns
        guard count > 0 else { return Matrix(rows: 0, columns: n, repeating: 0) }
        guard count <= r else { throw .dimensionTooLarge(rows: r, columns: n) }
        var left: [Double]
        if smallestLeft.count >= count * r {
            left = Array(smallestLeft.prefix(count * r))
        } else {
            let l = Swift.min(r, count + Swift.max(8, count))
            left = try smallestByIteration(count: count, width: l, start: smallestLeft, required: false)!.left
        }
        var w = [Double](repeating: 0, count: n * count)  // column-major n × count: [W; 0]
        for c in 0..<count { for p in 0..<r { w[c * n + p] = left[c * r + p] } }
        let info = LAPACKE_dormqr(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")), Int32(n), Int32(count), Int32(r),
            factors, Int32(n), tauQ, &w, Int32(n))
        guard info == 0 else { throw .lapackFailure(routine: "dormqr", info: Int(info)) }
        // Column-major n × count is row-major count × n: one vector per row.
        return Matrix(rows: count, columns: n, uncheckedElements: w)
    }

    /// Every singular value of R (R's own diagonal restored), by `dgesdd` without vectors.
    private mutating func computeAll() throws(LinearAlgebraError) {
        let r = rows, n = columns
        var a = [Double](repeating: 0, count: r * r)  // column-major r × r
        for j in 0..<r { for i in 0...j { a[j * r + i] = factors[j * n + i] } }
        for (j, amount) in raised { a[j * r + j] -= amount }
        var s = [Double](repeating: 0, count: r)
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(r), Int32(r), &a, Int32(r), &s, &u, 1, &vt, 1)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        all = s
        largest = s.first ?? 0
    }
}
