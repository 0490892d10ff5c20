import Exact
import Foundation
import LinearAlgebra
import NetworkFormats
import Networks
import Testing

@testable import Rank

/// ``RankOptions/ambiguityRatio`` R decides whether a numeric rank is ambiguous: the cut is
/// ambiguous when σ_r/σ_{r+1} < R (at full rank when σ_r/τ < R). It must be finite and in
/// (1, 10¹⁵]: at R ≤ 1 every cut would be clear, above 10¹⁵ none could be.
@Suite struct AmbiguityRatioTests {
    /// σ = 1, ½, 1/20, 10⁻³ (m = 8, n = 6) at τ = 10⁻²: rank 3 with the gap σ₃/σ₄ = 50, which lies
    /// between the ratios 10 and 1000.
    static let gapOfFifty = GramFactorizationTests.withSpectrum(8, 6, [1, 0.5, 0.05, 1e-3], seed: 7)

    @Test("a ratio outside (1, 10¹⁵] is refused, naming the setting", arguments: [1, 0.5, 0, -3, .nan, .infinity, 1e16])
    func outOfRangeRatiosAreRefused(ratio: Double) throws {
        var options = RankOptions()
        options.ambiguityRatio = ratio
        let network = try Fixtures.mlp([1, 3, 1], [.tanh, .identity])
        #expect {
            try RankAnalysis.run(network, options: options)
        } throws: { error in
            guard case .invalidOption(.ambiguityRatio, let reason)? = error as? RankError else { return false }
            return reason.contains("(1, 10¹⁵]") && (error as? RankError)?.description.contains("RankOptions.ambiguityRatio") == true
        }
    }

    @Test("the ends of the range are accepted", arguments: [Double(1).nextUp, 1e15])
    func boundaryRatiosAreAccepted(ratio: Double) throws {
        var options = RankOptions()
        options.ambiguityRatio = ratio
        let analysis = try RankAnalysis.run(try Fixtures.mlp([1, 3, 1], [.tanh, .identity]), options: options)
        #expect(analysis.numeric.ambiguityRatio == ratio)
    }

    /// The SVD's rank of the gap-of-50 matrix: 3 either way, ambiguous at R = 1000, clear at R = 10.
    @Test func aGapOfFiftyIsAmbiguousAtAThousandAndClearAtTen() throws {
        let j = Self.gapOfFifty
        let strict = try j.numericRank(tolerance: 1e-2, ambiguityRatio: 1e3)
        let loose = try j.numericRank(tolerance: 1e-2, ambiguityRatio: 10)
        #expect(strict.rank == 3 && loose.rank == 3)
        let gap = try #require(strict.gapRatio)
        #expect(Swift.abs(gap - 50) < 1e-6 * 50)
        #expect(strict.isAmbiguous && !loose.isAmbiguous)
    }

    /// The Gram engine reads the same matrix through JᵀJ: σ₃ from the pivoted block, σ₄ from the
    /// Ritz bound on its null space, a gap near 50 — ambiguous at 1000, clear at 10.
    @Test(arguments: [(1e3, true), (10, false)])
    func theGramEngineJudgesTheGapByTheRatio(ratio: Double, ambiguous: Bool) throws {
        var engine = try GramFactorization(columns: 6)
        try engine.append(rows: Self.gapOfFifty)
        let rank = try engine.numericRank(rows: 8, tolerance: 1e-2, ambiguityRatio: ratio)
        let gap = try #require(rank.gapRatio)
        #expect(rank.rank == 3 && gap > 10 && gap < 1e3)
        #expect(rank.isAmbiguous == ambiguous && engine.gramEvidence?.ambiguous == ambiguous)
    }

    /// The whole analysis of tanh(x) + tanh(1.001·x) (examples/tanh-near-duplicate.json): full
    /// rank 7 with σ₇/τ ≈ 46, so the cut is ambiguous at the default 1000 and at 100, clear at 10.
    @Test(arguments: [(1e3, true), (100, true), (10, false)])
    func aShallowFullRankCutFollowsTheRatio(ratio: Double, ambiguous: Bool) throws {
        let network = try NetworkReader.read(path: DataDomainTests.root.appendingPathComponent("examples/tanh-near-duplicate.json").path)
        var options = RankOptions()
        options.ambiguityRatio = ratio
        let analysis = try RankAnalysis.run(network, options: options)
        #expect(analysis.rank == 7 && analysis.numeric.gapRatio == nil)
        let depth = try #require(analysis.numeric.singularValue(7)) / analysis.numeric.tolerance
        #expect(depth > 10 && depth < 100)
        #expect(analysis.numeric.isAmbiguous == ambiguous)
    }
}
