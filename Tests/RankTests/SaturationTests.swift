import Exact
import LinearAlgebra
import Networks
import Testing
@testable import Rank

/// The analytic analogue of rare regions: tanh units saturated on almost all of the domain.
@Suite struct SaturationTests {
    /// tanh 2-3-1 on [−1, 1]² with incoming weights of size 1000: unit i is tanh(1000·(aᵢ·x − cᵢ)),
    /// neither saturated nor nearly linear (0.15 ≤ |z| ≤ 3) only on a slab of width ≈ 0.006 around
    /// the line aᵢ·x = cᵢ — about 0.2 % of the box. Elsewhere sech²(z) < 10⁻⁶⁰⁰ is 0 in `Double`, so
    /// the incoming columns of the Jacobian vanish there. tanh has no continuous symmetry, so the
    /// bound is P = 13, and a generic network of this shape reaches it.
    static let network: Network = {
        let q = { (p: Int, d: Int) in Rational(p, d) }
        let w: [[Rational]] = [[q(1000, 1), q(1000, 3)], [q(-500, 1), q(1000, 1)], [q(250, 1), q(-1000, 1)]]
        let b: [Rational] = [q(-100, 1), q(200, 1), q(50, 1)]
        return try! Network.mlp(
            widths: [2, 3, 1], activations: [.tanh, .identity], weights: [w, [[q(1, 1), q(-2, 1), q(3, 2)]]], biases: [b, [q(1, 5)]])
    }()

    /// Points in each unit's unsaturated band: at least 2·(fan-in + 1) = 6 per unit.
    static func bandCounts(_ a: RankAnalysis) throws -> [Int] {
        let numeric = NumericNetwork(network)
        var counts = [0, 0, 0]
        for x in a.batch.numericPoints {
            let z = try numeric.forward(x).pre[1]
            for i in 0..<3 where Sampler.band.contains(abs(z[i])) { counts[i] += 1 }
        }
        return counts
    }

    @Test func unitsSaturatedAlmostEverywhereAreSampledWhereTheyBendAndTheRankReachesP() throws {
        // Random points alone see the units saturated: their incoming directions are missed.
        let blind = try RankAnalysis.run(Self.network, options: RankOptions(lineWalks: 0))
        #expect(blind.rank < 13)
        #expect(try Self.bandCounts(blind).contains { $0 < 6 })
        // The band chains put six points where each unit bends, and the rank is P.
        let a = try RankAnalysis.run(Self.network)
        let counts = try Self.bandCounts(a)
        #expect(counts.allSatisfy { $0 >= 6 }, "\(counts), \(a.batch.count) points")
        #expect(a.rank == 13)
        #expect(a.bracket.isDecided)
        #expect(a.hidden == 0)
    }
}
