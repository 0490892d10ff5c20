import Testing

@testable import Rank

/// The rule that ends the deflation's passes (``GramFactorization/wantsCorrection(rho:previous:passes:qrCut:trailingFloor:)``).
@Suite struct SchurDeflationPassTests {
    /// A correction follows while ρ is above QR's cut, fell 10× and passes remain; after a pass
    /// that read K, only while ρ is above a quarter of S's floor (a lower bound on the cut).
    @Test func passesEndWhenTheResidualIsBelowAQuarterOfTheCut() {
        let qrCut = 1e-15, floor = 1e-13
        // After the first pass (no K): ρ above QR's cut is corrected, whatever S's floor will be.
        #expect(GramFactorization.wantsCorrection(rho: 1e-14, previous: .infinity, passes: 1, qrCut: qrCut, trailingFloor: nil))
        #expect(!GramFactorization.wantsCorrection(rho: 1e-16, previous: .infinity, passes: 1, qrCut: qrCut, trailingFloor: nil))
        // After a pass that read K: ρ between QR's cut and floor/4 ends the passes; above it, not.
        #expect(!GramFactorization.wantsCorrection(rho: 2e-14, previous: 1e-12, passes: 2, qrCut: qrCut, trailingFloor: floor))
        #expect(GramFactorization.wantsCorrection(rho: 3e-14, previous: 1e-12, passes: 2, qrCut: qrCut, trailingFloor: floor))
        // A floor below 4× QR's cut leaves QR's cut as the rule.
        #expect(GramFactorization.wantsCorrection(rho: 2e-15, previous: 1e-12, passes: 2, qrCut: qrCut, trailingFloor: 2e-15))
        // No 10× fall, or no pass left: no correction.
        #expect(!GramFactorization.wantsCorrection(rho: 3e-14, previous: 1e-13, passes: 2, qrCut: qrCut, trailingFloor: floor))
        #expect(!GramFactorization.wantsCorrection(rho: 3e-14, previous: 1e-12, passes: GramFactorization.maximumPasses, qrCut: qrCut, trailingFloor: floor))
    }
}
