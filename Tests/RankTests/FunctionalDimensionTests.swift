import Exact
import Networks
import Testing
@testable import Rank

@Suite struct FunctionalDimensionTests {
    @Test func reluTwoTwoOneGenericHasDimensionSevenOfNine() throws {
        let net = try Fixtures.mlp([2, 2, 1], [.relu, .identity])
        let a = try RankAnalysis.run(net)
        #expect(a.parameterCount == 9)
        #expect(a.rank == 7)
        #expect(a.numeric.rank == 7)
        #expect(a.exact?.rank == 7)
        #expect(a.exact?.certificateVerified == true)
        #expect(a.hidden == 0)
        #expect(a.explained == 2)
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func reluOneNOneWithKinksInsideHasDimensionTwoNPlusOne(n: Int) throws {
        let net = try Fixtures.relu1n1(n)
        let a = try RankAnalysis.run(net)
        #expect(a.parameterCount == 3 * n + 1)
        #expect(a.rank == 2 * n + 1)
        #expect(a.numeric.rank == a.exact?.rank)
        #expect(a.hidden == 0)
    }

    @Test(arguments: [(3, 2, 4), (2, 2, 2), (4, 1, 3), (3, 3, 5)])
    func deepLinearBiasFreeHasRankHMPlusNMinusHSquared(dims: (Int, Int, Int)) throws {
        let (m, h, n) = dims
        let net = try Fixtures.mlp([m, h, n], [.identity, .identity], bias: false, seed: 7)
        let a = try RankAnalysis.run(net)
        #expect(a.rank == h * (m + n) - h * h)
        #expect(a.hidden == 0)
        #expect(a.continuousSymmetryDimension == h * h)
    }

    @Test func oneTanhLayerIrreducibleHasFullRank() throws {
        let net = try Fixtures.mlp([2, 3, 1], [.tanh, .identity], seed: 3)
        let a = try RankAnalysis.run(net)
        #expect(a.exact == nil)
        #expect(a.rank == net.parameterCount)
        #expect(!a.numeric.isAmbiguous)
    }
}
