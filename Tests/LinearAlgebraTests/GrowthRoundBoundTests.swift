import LinearAlgebra
import Testing

/// The bounds of a growth round that does not refactor (proofs/growth-without-refactoring.md),
/// checked as mathematics: J_old with a planted spectrum and its exact null basis, new rows of
/// several kinds, and every bound compared with the full SVD of A = [J_old; J_new].
@Suite struct GrowthRoundBoundTests {
    typealias S = SingularValueTests

    /// J_old = U·diag(σ)·Vᵀ (m × P), and V (P × P orthogonal).
    static func planted(_ m: Int, _ p: Int, _ sigma: [Double], seed: UInt64) -> (j: Matrix<Double>, v: Matrix<Double>) {
        let u = S.orthogonal(m, seed: seed), v = S.orthogonal(p, seed: seed + 1)
        return (u.multiplied(by: S.diagonal(m, p, sigma))!.multiplied(by: v.transposed)!, v)
    }

    static func stacked(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: a.rows + b.rows, columns: a.columns, elements: a.elements + b.elements)!
    }

    /// The columns `range` of V as rows (an orthonormal basis of their span).
    static func rows(of v: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        Matrix(rowArrays: range.map { c in (0..<v.rows).map { v[$0, c] } }, columns: v.rows)!
    }

    static func frobenius(_ m: Matrix<Double>) -> Double { m.elements.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// σ_min([[λ, 0], [L, c]]) in closed form against LAPACK's SVD of the 2 × 2 matrix, over six
    /// orders of magnitude of each entry.
    @Test func triangularSmallestIsTheTwoByTwoSmallestSingularValue() throws {
        let scales = [1e-6, 1e-3, 0.5, 1, 7, 1e3]
        for lambda in scales {
            for cross in scales + [0] {
                for c in scales {
                    let t = Matrix(rowArrays: [[lambda, 0], [cross, c]])!
                    let svd = try t.singularValues()
                    let closed = GrowthRoundBound.triangularSmallest(lambda: lambda, cross: cross, new: c)
                    #expect(Swift.abs(closed - svd[1]) <= 1e-10 * svd[1] + S.roundOffBound(2, 2, norm: svd[0]))
                }
            }
        }
        #expect(GrowthRoundBound.triangularSmallest(lambda: 0, cross: 1, new: 1) == 0)
    }

    /// The sharp case of the proof: A = [[λ, 0], [0, 0], [L, c]] with N = e₂ (β = 0) attains the
    /// lower bound — and a cross term below ‖J_new‖ (here L/2) would claim more than A has, so
    /// the bound depends on L bounding ‖J_new‖ and a test of it can fail.
    @Test func lowerBoundIsAttained() throws {
        for (lambda, l, c) in [(1e-3, 2.0, 1e-2), (0.3, 1.0, 0.2), (1e-5, 50.0, 1e-4)] {
            let a = Matrix(rowArrays: [[lambda, 0], [0, 0], [l, c]])!
            let sigma2 = try a.singularValues()[1]
            let bound = GrowthRoundBound.lower(newDirections: 1, values: [c], lambda: lambda, beta: 0, cross: l, previous: lambda)
            #expect(bound <= sigma2 * (1 + 1e-9))
            #expect(bound >= sigma2 * (1 - 1e-9))
            let tooSmallCross = GrowthRoundBound.lower(newDirections: 1, values: [c], lambda: lambda, beta: 0, cross: l / 2, previous: lambda)
            #expect(tooSmallCross > sigma2 * 1.5)
        }
    }

    /// J_old (m = 30, P = 12) of rank 8 up to a planted σ₉…σ₁₂ = 10⁻¹⁰ (so β = 10⁻¹⁰ > 0) and its
    /// exact null basis N = V's last 4 columns; new rows of three kinds — generic (every null
    /// direction gains: s = k), one row (s = 1), and rows in span(N)^⊥ plus a 10⁻⁹ component along N
    /// (no new direction at the cut 10⁻⁷: s = 0) — against A's full SVD: σ_{r+s}(A) ≥ the lower bound,
    /// σ_{r+s+i}(A) ≤ √(β² + c_{s+i}²) for every i, and the new null rows are orthonormal with
    /// ‖A·N'‖ ≤ the upper bound.
    @Test(arguments: [UInt64(3), 8, 21])
    func boundsHoldAgainstTheFullSVD(seed: UInt64) throws {
        let p = 12, r = 8, k = p - r, beta = 1e-10
        let sigma = [2, 1, 0.5, 0.2, 0.1, 3e-2, 1e-2, 4e-3] + [Double](repeating: beta, count: k)
        let (old, v) = Self.planted(30, p, sigma, seed: seed)
        let null = Self.rows(of: v, r..<p)
        // Claim 0: λ = σ_r − β ≤ σ_min(J_old) on span(N)^⊥ (here σ_r exactly: N is exact).
        let previous = sigma[r - 1], lambda = previous - beta
        let generic = S.random(6, p, seed: seed + 5)
        let single = S.random(1, p, seed: seed + 6)
        // Rows in span(N)^⊥: combinations of V's first r columns, plus 10⁻⁹ along N.
        let inside = S.random(5, r, seed: seed + 7).multiplied(by: Self.rows(of: v, 0..<r))!
        let along = S.random(5, k, seed: seed + 8).multiplied(by: null)!
        let quiet = Matrix(rows: 5, columns: p, elements: zip(inside.elements, along.elements).map { $0 + 1e-9 * $1 })!
        for (fresh, cut, expected) in [(generic, 1e-7, k), (single, 1e-7, 1), (quiet, 1e-7, 0)] {
            var growth = try NullSpaceGrowth(nullRows: null)
            // Two blocks, as the factor stage reads them.
            let split = fresh.rows / 2
            if split > 0 { try growth.absorb(rows: Matrix(rows: split, columns: p, elements: Array(fresh.elements[0..<(split * p)]))!) }
            try growth.absorb(rows: Matrix(rows: fresh.rows - split, columns: p, elements: Array(fresh.elements[(split * p)...]))!)
            #expect(growth.rowsRead == fresh.rows)
            let cross = growth.squaredFrobeniusNorm.squareRoot()
            #expect(Swift.abs(cross - Self.frobenius(fresh)) <= 1e-12 * cross)
            let (values, yt) = try growth.spectrum()
            let s = GrowthRoundBound.newDirections(values: values, beta: beta, cut: cut)
            #expect(s == expected)
            let a = Self.stacked(old, fresh)
            let truth = try a.singularValues()
            let slack = S.roundOffBound(a.rows, p, norm: truth[0])
            let lower = GrowthRoundBound.lower(newDirections: s, values: values, lambda: lambda, beta: beta, cross: cross, previous: previous)
            #expect(lower > 0 && lower <= truth[r + s - 1] + slack)
            for i in stride(from: s + 1, through: k, by: 1) {
                #expect(truth[r + i - 1] <= GrowthRoundBound.upper(beta: beta, next: values[i - 1]) + slack)
            }
            // N' = N·Y_⊥: orthonormal rows, and ‖A·N'ᵀ‖ within the bound on σ_{r+s+1}.
            let next = growth.nullRows(after: s, yt: yt)
            #expect(next.rows == k - s)
            guard s < k else { continue }
            let gram = next.multiplied(by: next.transposed)!
            for i in 0..<next.rows { for j in 0..<next.rows { #expect(Swift.abs(gram[i, j] - (i == j ? 1 : 0)) <= 1e-12) } }
            let image = try a.multiplied(by: next.transposed)!.singularValues()
            #expect(image[0] <= GrowthRoundBound.upper(beta: beta, next: values[s]) + slack)
        }
    }
}
