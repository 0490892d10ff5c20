import CLAPACKE

extension RowSpaceSpectrum {
    /// A Rayleigh–Ritz step on X (column-major r × ℓ, orthonormal columns): Rᵀ·X = U·Θ·Vᵀ,
    /// θ largest first, the left vectors W = X·V (Rᵀ·w_j = θ_j·u_j) and the right vectors U.
    struct Ritz {
        var values: [Double]
        var left: [Double]
        var right: [Double]
    }

    /// Whether a Ritz value has settled: it moved by `change` in the last step, and subspace
    /// iteration shrinks its error by about q² a step (q = `rate`), so what is left is about
    /// change·q²/(1 − q²); accepted when that is below 10⁻⁷·θ.
    static func settled(_ theta: Double, change: Double, rate q: Double) -> Bool {
        let shrink = Swift.max(0, 1 - q * q)
        return change <= 1e-7 * theta * shrink
    }

    /// σ₁ by subspace iteration on R·Rᵀ with ℓ = 8 vectors: X ← R·U after each Rayleigh–Ritz
    /// step (span R·Rᵀ·X), until θ₁ has settled (``settled(_:change:rate:)`` with q = θ_ℓ/θ₁,
    /// an upper estimate of σ_{ℓ+1}/σ₁); `nil` when it has not within ``maximumIterations`` steps.
    func largestByIteration() throws(LinearAlgebraError) -> Double? {
        let r = rows, l = Swift.min(r, 8)
        var x = Self.fixedStart(rows: r, columns: l)
        try Self.orthonormalise(&x, rows: r, columns: l)
        var previous = 0.0
        for _ in 0..<Self.maximumIterations {
            let step = try ritz(x, width: l)
            let theta = step.values[0]
            if theta == 0 { return 0 }
            if Self.settled(theta, change: theta - previous, rate: step.values[l - 1] / theta) { return theta }
            previous = theta
            x = step.right
            multiplyByR(&x, width: l, transpose: false)
            try Self.orthonormalise(&x, rows: r, columns: l)
        }
        return nil
    }

    /// The `count` smallest singular values (smallest first) and R's left singular vectors for
    /// them (column-major r × count), by inverse subspace iteration on `width` vectors,
    /// X ← R̃⁻ᵀ·R̃⁻¹·X, started from `start`'s columns and fixed pseudo-random ones, until every
    /// wanted Ritz value has settled (``settled(_:change:rate:)`` with q = θ_j/θ_max, an upper
    /// estimate of σ_j over the first σ outside the block) or is at round-off (below r·ε·σ₁:
    /// by interlacing the true value is smaller still). After ``maximumIterations`` steps without: `nil` when `required`,
    /// else the last step's values and vectors (as good as the gaps allow).
    func smallestByIteration(count: Int, width l: Int, start: [Double], required: Bool) throws(LinearAlgebraError)
        -> (values: [Double], left: [Double])?
    {
        let r = rows
        var x = Self.fixedStart(rows: r, columns: l)
        let kept = Swift.min(start.count / Swift.max(1, r), l)
        for p in 0..<(kept * r) { x[p] = start[p] }
        try Self.orthonormalise(&x, rows: r, columns: l)
        let noise = noiseLevel
        let wanted = (l - count)..<l
        var previous: [Double]? = nil
        for iteration in 1...Self.maximumIterations {
            for transpose in [CblasNoTrans, CblasTrans] {
                cblas_dtrsm(
                    CblasColMajor, CblasLeft, CblasUpper, transpose, CblasNonUnit, Int32(r), Int32(l), 1, factors, Int32(columns),
                    &x, Int32(r))
                if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: bad % r, column: bad / r) }
                try Self.orthonormalise(&x, rows: r, columns: l)
            }
            let step = try ritz(x, width: l)
            let top = step.values[0]
            let accepted = previous.map { before in
                wanted.allSatisfy { j in
                    let theta = step.values[j]
                    return theta <= noise || Self.settled(theta, change: Swift.abs(before[j] - theta), rate: top > 0 ? theta / top : 1)
                }
            } ?? false
            previous = step.values
            guard accepted || (!required && iteration == Self.maximumIterations) else { continue }
            var left = [Double](repeating: 0, count: r * count)
            for (c, j) in wanted.reversed().enumerated() { for p in 0..<r { left[c * r + p] = step.left[j * r + p] } }
            return (wanted.reversed().map { step.values[$0] }, left)
        }
        return nil
    }

    /// The Rayleigh–Ritz step on X (see ``Ritz``).
    func ritz(_ x: [Double], width l: Int) throws(LinearAlgebraError) -> Ritz {
        let r = rows
        var b = x
        multiplyByR(&b, width: l, transpose: true)
        var s = [Double](repeating: 0, count: l), u = [Double](repeating: 0, count: r * l), vt = [Double](repeating: 0, count: l * l)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(r), Int32(l), &b, Int32(r), &s, &u, Int32(r), &vt, Int32(l))
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        // W = X·V = X·(Vᵀ)ᵀ.
        var w = [Double](repeating: 0, count: r * l)
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasTrans, Int32(r), Int32(l), Int32(l), 1, x, Int32(r), vt, Int32(l), 0, &w, Int32(r))
        return Ritz(values: s, left: w, right: u)
    }

    /// Y ← R·Y or Rᵀ·Y (Y column-major r × ℓ) with R itself: `dtrmm` with the stored R̃, then
    /// the raised diagonal entries taken back, (R̃ − R)·Y being diagonal.
    func multiplyByR(_ y: inout [Double], width l: Int, transpose: Bool) {
        let r = rows
        let saved = raised.map { entry in (0..<l).map { y[$0 * r + entry.index] } }
        cblas_dtrmm(
            CblasColMajor, CblasLeft, CblasUpper, transpose ? CblasTrans : CblasNoTrans, CblasNonUnit, Int32(r), Int32(l), 1,
            factors, Int32(columns), &y, Int32(r))
        for (k, entry) in raised.enumerated() {
            for c in 0..<l { y[c * r + entry.index] -= entry.amount * saved[k][c] }
        }
    }

    /// A column-major rows × columns block of SplitMix64 values in [−1, 1), the same on every machine.
    static func fixedStart(rows: Int, columns: Int) -> [Double] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<(rows * columns)).map { _ in
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) * 0x1p-52 - 1
        }
    }

    /// X (column-major rows × columns) ← the Q of its QR factorisation (orthonormal columns).
    static func orthonormalise(_ x: inout [Double], rows: Int, columns: Int) throws(LinearAlgebraError) {
        var tau = [Double](repeating: 0, count: columns)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(rows), Int32(columns), &x, Int32(rows), &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(rows), Int32(columns), Int32(columns), &x, Int32(rows), tau)
        guard info == 0 else { throw .lapackFailure(routine: "dorgqr", info: Int(info)) }
    }
}

