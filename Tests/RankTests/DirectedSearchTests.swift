import Exact
import LinearAlgebra
import Testing
@testable import Rank

/// The directed search's basis update: taking directions out of an orthonormal basis by
/// Householder reflections leaves an orthonormal basis of exactly the rest of the span.
@Suite struct DirectedSearchTests {
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test(arguments: [1, 2, 5]) func removingDirectionsLeavesAnOrthonormalBasisOfTheRest(removed: Int) throws {
        var rng = SplitMix64(seed: UInt64(11 + removed))
        let k = 6, P = 10
        // An orthonormal basis N (k × P) and orthonormal coefficient rows C (removed × k), both
        // from the thin SVD of Gaussian matrices.
        let A = try #require(Matrix(rows: k, columns: P, elements: (0..<(k * P)).map { _ in rng.nextGaussian() }))
        let N = try A.singularValueDecomposition().vt
        let B = try #require(Matrix(rows: removed, columns: k, elements: (0..<(removed * k)).map { _ in rng.nextGaussian() }))
        let C = try B.singularValueDecomposition().vt
        let basis = (0..<k).map { Array(N.row($0)) }
        let directions = (0..<removed).map { Array(C.row($0)) }
        let rest = Sampler.removing(directions, from: basis)
        #expect(rest.count == k - removed)
        // Orthonormal rows…
        for i in rest.indices { for j in rest.indices { #expect(Swift.abs(Self.dot(rest[i], rest[j]) - (i == j ? 1 : 0)) < 1e-12) } }
        // …orthogonal to every removed direction c·N…
        for c in directions {
            let d = (0..<P).map { j in (0..<k).reduce(0.0) { $0 + c[$1] * basis[$1][j] } }
            for r in rest { #expect(Swift.abs(Self.dot(r, d)) < 1e-12) }
        }
        // …and inside span N: the projection onto N keeps each row whole.
        for r in rest {
            let projected = basis.reduce(0.0) { $0 + Self.dot(r, $1) * Self.dot(r, $1) }
            #expect(Swift.abs(projected - 1) < 1e-12)
        }
    }
}
