import LinearAlgebra
import Testing

@testable import Rank

/// A Schur deflation whose lower bound on σ_r does not clear its cut compares no ratio: the rank
/// it reads is ambiguous whatever ``RankOptions/ambiguityRatio`` is (its threshold is ∞, which the
/// report replaces by the bound and the cut).
@Suite struct DeflationBelowItsCutTests {
    /// σ = 1, ½, 10⁻⁴, 2.5·10⁻¹⁴ (m = 40, P = 6): J₁ is the three leading pivot columns, and
    /// σ₄ is above the deflation's cut σ₁·m·ε·‖W‖ ≈ 2.1·10⁻¹⁴ (‖W‖ ≈ 2.3) while its lower bound
    /// (σ₄ − 2ρ)/√2 ≈ 1.8·10⁻¹⁴ is not.
    @Test(arguments: [10.0, 1e3])
    func aLowerBoundUnderTheCutIsAmbiguousAtAnyRatio(ratio: Double) throws {
        let j = GramFactorizationTests.withSpectrum(40, 6, [1, 0.5, 1e-4, 2.5e-14], seed: 3)
        let (_, deflated, engine) = try GramFactorizationTests.deflated(j, ratio: ratio)
        let result = try #require(deflated)
        let d = try #require(engine.gramEvidence?.deflation)
        #expect(d.lowerBound <= d.cut && d.trailingRank >= 1)
        #expect(result.isAmbiguous && d.ambiguous && result.ambiguityRatio.isInfinite)
    }
}
