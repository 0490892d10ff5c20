import Exact
import LinearAlgebra
import Networks
import Testing
@testable import Rank

/// The batch strategy and the QR path: the spectrum the analysis reports is that of the full
/// batch Jacobian (computed here directly, by `dgesdd` of J), whether it was reached in one
/// round or by folding growth rounds into R; and for generic ReLU networks the first batch
/// (sized from the symmetry bound, kink clusters included) already attains the bound.
@Suite struct BatchGrowthTests {
    /// |σᵢ(analysis) − σᵢ(J)| ≤ 10⁻¹²·σ₁ for every i.
    static func spectrumIsThatOfTheBatchJacobian(_ a: RankAnalysis, _ net: Network) throws -> Bool {
        let j = try net.jacobian(at: a.batch.numericPoints)
        let direct = try j.singularValues()
        let s = a.numeric.singularValues
        return a.numeric.rows == j.rows && s.count == direct.count
            && zip(s, direct).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * (direct.first ?? 1) }
    }

    /// One ReLU hidden layer, generic weights, every kink inside the domain: functional dimension
    /// P − (hidden units), reached in the first round (the first batch covers every kink).
    @Test(arguments: [[4, 6, 2], [5, 7, 1]])
    func oneReLULayerReachesTheBoundInTheFirstRound(widths: [Int]) throws {
        let net = try Fixtures.mlp(widths, [.relu, .identity], seed: 7)
        let a = try RankAnalysis.run(net)
        #expect(a.coverage.allSatisfy { $0.behaviour == .crossed })
        #expect(a.rank == a.parameterCount - widths[1])
        #expect(a.numeric.rank == a.exact?.rank)
        #expect(a.growth.count == 1)
        #expect(try Self.spectrumIsThatOfTheBatchJacobian(a, net))
    }

    /// A deeper ReLU net whose rank keeps rising as the batch grows (on [−1, 1]³ its second-layer
    /// units change pattern rarely): each growth round folds only the new rows into R, and the
    /// final spectrum is still that of the whole batch's Jacobian; the numeric rank agrees with
    /// the exact rank of the same batch.
    @Test func growthRoundsKeepTheSpectrumOfTheWholeBatch() throws {
        let net = try Fixtures.mlp([3, 5, 4, 1], [.relu, .relu, .identity], seed: 7)
        let a = try RankAnalysis.run(net)
        #expect(a.growth.count >= 2)
        #expect(a.numeric.rank == a.exact?.rank)
        #expect(try Self.spectrumIsThatOfTheBatchJacobian(a, net))
    }
}
