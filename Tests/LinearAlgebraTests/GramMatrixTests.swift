import LinearAlgebra
import Testing

/// The Gram matrix G = JᵀJ read in row blocks, and its pivoted Cholesky factorisation: G equals
/// JᵀJ however the rows are split, the rank at a cut τ² is J's at τ when the gap is clear of the
/// Gram floor, the null basis is orthonormal and annihilated by J, the Ritz values bound the
/// trailing spectrum from above, and the estimate of λ_min(G₁₁) stays below λ_r(G) (interlacing).
@Suite struct GramMatrixTests {
    typealias S = SingularValueTests

    /// J = U·diag(σ)·Vᵀ, m × n with the given singular values (zeros beyond them).
    static func withSpectrum(_ m: Int, _ n: Int, _ sigma: [Double], seed: UInt64) -> Matrix<Double> {
        let u = S.orthogonal(m, seed: seed), v = S.orthogonal(n, seed: seed + 1)
        return u.multiplied(by: S.diagonal(m, n, sigma))!.multiplied(by: v.transposed)!
    }

    static func gram(_ j: Matrix<Double>, blocks: [Int]) throws -> GramMatrix {
        var g = try GramMatrix(columns: j.columns)
        var start = 0
        for size in blocks + [j.rows] {
            let end = min(j.rows, start + size)
            if end > start { try g.accumulate(rows: TriangularFactorTests.rows(j, start..<end)) }
            start = end
        }
        return g
    }

    @Test func gramMatrixIsJTransposeJInAnyBlockSplit() throws {
        let j = S.random(11, 6, seed: 4)
        let exact = j.transposed.multiplied(by: j)!
        for blocks in [[11], [1, 3], [5, 5]] {
            var g = try Self.gram(j, blocks: blocks)
            #expect(g.rowsRead == 11)
            #expect((0..<6).allSatisfy { a in (0..<6).allSatisfy { Swift.abs(g[a, $0] - exact[a, $0]) <= 1e-13 * 11 } })
            // A factorisation leaves G in place: rows added afterwards still give JᵀJ.
            try g.factor(cut: 0)
            try g.accumulate(rows: j)
            #expect((0..<6).allSatisfy { a in (0..<6).allSatisfy { Swift.abs(g[a, $0] - 2 * exact[a, $0]) <= 1e-13 * 22 } })
        }
    }

    /// The tiles of the accumulation are fixed BLAS calls: spread over the cores or run one after
    /// another, G is the same to the last bit (so the printed output does not depend on the core count).
    @Test func concurrentTilesGiveTheSameBits() throws {
        let n = 2 * GramMatrix.tileColumns + 77
        let j = S.random(40, n, seed: 9)
        var a = try GramMatrix(columns: n), b = try GramMatrix(columns: n)
        for part in [0..<17, 17..<40] {
            try a.accumulate(rows: TriangularFactorTests.rows(j, part))
            try b.accumulate(rows: TriangularFactorTests.rows(j, part), concurrently: false)
        }
        #expect((0..<n).allSatisfy { i in (i..<n).allSatisfy { a[i, $0].bitPattern == b[i, $0].bitPattern } })
        // And it is JᵀJ, on both sides of a tile boundary.
        for (p, q) in [(0, 1), (3, GramMatrix.tileColumns + 5), (n - 1, n - 1), (GramMatrix.tileColumns, 2 * GramMatrix.tileColumns)] {
            let exact = (0..<40).reduce(0.0) { $0 + j[$1, p] * j[$1, q] }
            #expect(Swift.abs(a[p, q] - exact) <= 1e-12 * 40)
        }
    }

    /// Known spectrum 1, ½, 10⁻¹, 10⁻³ and five zeros: rank 4 at τ = 10⁻⁶ (τ² = 10⁻¹²), with a
    /// null basis J annihilates, Ritz values at round-off, λ_min(G₁₁) ≤ λ₄ = 10⁻⁶.
    @Test func rankAndNullSpaceOfAKnownSpectrum() throws {
        let sigma = [1, 0.5, 0.1, 1e-3]
        let j = Self.withSpectrum(20, 9, sigma, seed: 7)
        var g = try Self.gram(j, blocks: [3, 8])
        let f = try g.factor(cut: 1e-12)
        #expect(f.rank == 4 && f.diagonal.count == 4)
        #expect(zip(f.diagonal, f.diagonal.dropFirst()).allSatisfy { $0 >= $1 })
        let null = try g.nullSpaceBasis()
        #expect(null.rows == 5 && null.columns == 9)
        let product = null.multiplied(by: null.transposed)!
        #expect((0..<5).allSatisfy { a in (0..<5).allSatisfy { Swift.abs(product[a, $0] - (a == $0 ? 1 : 0)) <= 1e-12 } })
        let jn = j.multiplied(by: null.transposed)!
        #expect(jn.elements.allSatisfy { Swift.abs($0) <= 1e-6 })
        let ritz = try g.ritzValues(onRows: null)
        #expect(ritz.count == 5 && ritz.allSatisfy { $0 <= 1e-12 })
        let lead = try #require(try g.leadingSmallestEigenvalue())
        #expect(lead > 0 && lead <= 1e-6 * (1 + 1e-6))
        #expect(Swift.abs(g.largestEigenvalue().squareRoot() - 1) <= 1e-6)
    }

    /// A zero matrix has rank 0 and the whole space as null space; a cut above every pivot too.
    @Test func zeroAndSubCutMatricesHaveRankZero() throws {
        var g = try GramMatrix(columns: 4)
        try g.accumulate(rows: Matrix(rows: 3, columns: 4, repeating: 0))
        #expect(try g.factor(cut: 0).rank == 0)
        #expect(try g.nullSpaceBasis().rows == 4)
        var h = try Self.gram(Self.withSpectrum(6, 4, [1e-4, 1e-5], seed: 2), blocks: [])
        #expect(try h.factor(cut: 1e-6).rank == 0)
        #expect(try h.factor(cut: 1e-12).rank == 2)
    }

    @Test func invalidInputIsRejectedBeforeBLAS() throws {
        #expect(throws: LinearAlgebraError.emptyMatrix) { try GramMatrix(columns: 0) }
        #expect(throws: LinearAlgebraError.self) { try GramMatrix(columns: 50_000) }
        var g = try GramMatrix(columns: 2)
        #expect(throws: LinearAlgebraError.self) { try g.accumulate(rows: Matrix(rows: 1, columns: 3, repeating: 1)) }
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 0, column: 1)) {
            try g.accumulate(rows: Matrix(rows: 1, columns: 2, elements: [1, .nan])!)
        }
        #expect(GramMatrix.memoryNeeded(columns: 25_720) == 8 * 25_720 * 25_720 && GramMatrix.memoryNeeded(columns: Int.max) == nil)
    }
}
