import CLAPACKE

extension Matrix where Scalar == Double {
    /// The right singular vectors of the `count` smallest singular values σ_{r−count+1} … σ_r of
    /// this r × n matrix M (r ≤ n, linearly independent rows), as the rows of a count × n matrix:
    /// directions of M's row space only, not the n − r directions of its null space.
    ///
    /// Mᵀ = Q·R (`dgeqrf`; Q n × r with orthonormal columns, R r × r upper triangular), so
    /// M = Rᵀ·Qᵀ and M's right singular vectors are Q·w for the left singular vectors w of R
    /// (R·Rᵀ·w = σ²·w). Those of the smallest σ come from inverse subspace iteration on
    /// ℓ = count + 8 vectors, X ← R⁻ᵀ·R⁻¹·X (two `dtrsm`, then re-orthonormalised), started from
    /// a fixed pseudo-random X (the result does not depend on anything but M), and a
    /// Rayleigh–Ritz step: the SVD of Rᵀ·X, whose smallest `count` right singular vectors
    /// rotate X. A diagonal entry of R below δ = r·ε·max|R| is raised to δ first (a perturbation
    /// of R below δ, so the vectors are those of a matrix within δ of M). Each iteration reduces
    /// the error by (σ_{r−count+1} / σ_{r−ℓ+1})²; the vectors are as good as the gap between
    /// σ_{r−count} and σ_{r−count+1} allows, like any computed singular vectors.
    ///
    /// Cost: ≈ 2·n·r² flops for the QR and 2·r²·ℓ per iteration, with 8·n·r bytes beside M —
    /// against ≈ 22·n³ flops and five n × n matrices for the SVD with vectors of M padded to
    /// n × n.
    public func smallestRowSpaceSingularVectors(count: Int, iterations: Int = 8) throws(LinearAlgebraError) -> Matrix<Double> {
        let r = rows, n = columns
        guard count > 0 else { return Matrix(rows: 0, columns: n, repeating: 0) }
        guard r <= n, count <= r else { throw .dimensionTooLarge(rows: r, columns: n) }
        try validateForLAPACK()
        // M row-major r × n is Mᵀ column-major n × r.
        var qr = elements
        var tauQ = [Double](repeating: 0, count: r)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(r), &qr, Int32(n), &tauQ)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        var R = [Double](repeating: 0, count: r * r)  // column-major r × r
        var largest = 0.0
        for j in 0..<r {
            for i in 0...j {
                R[j * r + i] = qr[j * n + i]
                largest = Swift.max(largest, Swift.abs(qr[j * n + i]))
            }
        }
        let delta = Double(r) * Double.ulpOfOne * Swift.max(largest, Double.leastNormalMagnitude)
        for j in 0..<r where Swift.abs(R[j * r + j]) < delta { R[j * r + j] = R[j * r + j] < 0 ? -delta : delta }
        let l = Swift.min(r, count + 8)
        var x = Self.fixedStart(rows: r, columns: l)
        try Self.orthonormalise(&x, rows: r, columns: l)
        for _ in 0..<iterations {
            // X ← R⁻ᵀ·(R⁻¹·X), re-orthonormalised after each solve (so nothing overflows).
            for transpose in [CblasNoTrans, CblasTrans] {
                cblas_dtrsm(CblasColMajor, CblasLeft, CblasUpper, transpose, CblasNonUnit, Int32(r), Int32(l), 1, R, Int32(r), &x, Int32(r))
                if let bad = x.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: bad % r, column: bad / r) }
                try Self.orthonormalise(&x, rows: r, columns: l)
            }
        }
        // Rayleigh–Ritz: B = Rᵀ·X (r × ℓ); X·V_B's last `count` columns.
        var b = x
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasUpper, CblasTrans, CblasNonUnit, Int32(r), Int32(l), 1, R, Int32(r), &b, Int32(r))
        var s = [Double](repeating: 0, count: l), u = [Double](repeating: 0, count: r * l), vt = [Double](repeating: 0, count: l * l)
        info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "S")), Int32(r), Int32(l), &b, Int32(r), &s, &u, Int32(r), &vt, Int32(l))
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        // Column j of V_B is row j of Vᵀ (column-major ℓ × ℓ: entry (j, i) at i·ℓ + j).
        var w = [Double](repeating: 0, count: n * count)  // column-major n × count: [X·V_B[:, ℓ−count..<ℓ]; 0]
        for (c, j) in ((l - count)..<l).enumerated() {
            for i in 0..<l {
                let weight = vt[i * l + j]
                for p in 0..<r { w[c * n + p] += weight * x[i * r + p] }
            }
        }
        info = LAPACKE_dormqr(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")), Int32(n), Int32(count), Int32(r),
            qr, Int32(n), tauQ, &w, Int32(n))
        guard info == 0 else { throw .lapackFailure(routine: "dormqr", info: Int(info)) }
        // Column-major n × count is row-major count × n: one vector per row.
        return Matrix(rows: count, columns: n, uncheckedElements: w)
    }

    /// The singular values, largest first, as those of the transpose: the row-major elements are
    /// Mᵀ column-major, which LAPACK's `dgesdd` (no vectors) reads after one copy, without the
    /// transposed copy ``singularValues()`` makes through LAPACKE's row-major interface.
    public func singularValuesOfTranspose() throws(LinearAlgebraError) -> [Double] {
        try validateForLAPACK()
        var a = elements
        var s = [Double](repeating: 0, count: Swift.min(rows, columns))
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(columns), Int32(rows), &a, Int32(columns), &s, &u, 1, &vt, 1)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        return s
    }

    /// A column-major rows × columns block of SplitMix64 values in [−1, 1), the same on every machine.
    private static func fixedStart(rows: Int, columns: Int) -> [Double] {
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
    private static func orthonormalise(_ x: inout [Double], rows: Int, columns: Int) throws(LinearAlgebraError) {
        var tau = [Double](repeating: 0, count: columns)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(rows), Int32(columns), &x, Int32(rows), &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(rows), Int32(columns), Int32(columns), &x, Int32(rows), tau)
        guard info == 0 else { throw .lapackFailure(routine: "dorgqr", info: Int(info)) }
    }
}
