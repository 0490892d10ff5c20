import LinearAlgebra
import Testing

/// The smallest row-space singular vectors (QR of Mᵀ, inverse subspace iteration, Rayleigh–Ritz)
/// against matrices built with known singular values and vectors: M = U·diag(σ)·V[:, 0..<r]ᵀ.
@Suite struct RowSpaceSingularVectorTests {
    @Test(arguments: [UInt64(3), 4, 5])
    func smallestVectorsSpanTheConstructedOnes(seed: UInt64) throws {
        let r = 20, n = 26, count = 3
        let U = SingularValueTests.orthogonal(r, seed: seed), V = SingularValueTests.orthogonal(n, seed: seed + 100)
        // σ = 20, 19, …, 4 and then 10⁻³, 10⁻⁶, 10⁻⁹ (the last `count`): a gap of 4000 at the cut.
        let sigma = (4...20).reversed().map(Double.init) + [1e-3, 1e-6, 1e-9]
        var scaled = Matrix(rows: r, columns: n, repeating: 0.0)
        for i in 0..<r { for j in 0..<r { scaled[i, j] = U[i, j] * sigma[j] } }
        let M = scaled.multiplied(by: V.transposed)!
        let vectors = try M.smallestRowSpaceSingularVectors(count: count)
        #expect(vectors.rows == count && vectors.columns == n)
        // Each returned vector lies in span{V[:, 17], V[:, 18], V[:, 19]} and has unit norm.
        for i in 0..<count {
            let v = Array(vectors.row(i))
            let coefficients = (17..<20).map { j in (0..<n).reduce(0.0) { $0 + v[$1] * V[$1, j] } }
            #expect(abs(v.reduce(0) { $0 + $1 * $1 } - 1) < 1e-10)
            #expect(abs(coefficients.reduce(0) { $0 + $1 * $1 } - 1) < 1e-8)
        }
        let values = try M.singularValuesOfTranspose()
        #expect(SingularValueTests.close(values, sigma, tolerance: SingularValueTests.roundOffBound(r, n, norm: 20)))
    }

    @Test func noVectorsAskedIsAnEmptyMatrixAndTooManyIsRefused() throws {
        let M = SingularValueTests.random(3, 5, seed: 1)
        #expect(try M.smallestRowSpaceSingularVectors(count: 0).rows == 0)
        #expect(throws: LinearAlgebraError.self) { try M.smallestRowSpaceSingularVectors(count: 4) }
        #expect(throws: LinearAlgebraError.self) { try M.transposed.smallestRowSpaceSingularVectors(count: 1) }
    }
}
