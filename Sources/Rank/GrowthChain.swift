import LinearAlgebra

/// What the Gram engine carries from a round whose rank stands into the next round's growth
/// bounds (proofs/growth-without-refactoring.md, "What a round reports"): the batch of ``rows``
/// rows has rank ``rank`` with the engine's null basis N (P − rank orthonormal rows, held by the
/// engine), β ≥ ‖J·N‖₂, λ ≤ σ_min(J) on span(N)^⊥ (Claim 0: ℓ − β), ℓ ≤ σ_rank(J), and σ̂₁ for
/// the cut; while a round's rows arrive, ``reader`` folds C = J_new·N.
struct GrowthChain {
    var rank: Int
    var rows: Int
    var lower: Double
    var lambda: Double
    var beta: Double
    var sigma1: Double
    var cut: Double
    /// ℓ came from a Schur deflation's lower bound (else from the Gram engine's estimate).
    let lowerIsBound: Bool
    /// The spectrum shown for the batch so far (P values, largest first).
    var spectrum: [Double]
    /// The evidence of the round that last factored the batch.
    let base: GramRankEvidence
    /// C = J_new·N of the round under way (`nil` before its first rows).
    var reader: NullSpaceGrowth? = nil
    /// The round's σ(C) and Yᵀ, its least cut τ₀ and s = #{cᵢ > τ₀}, once its rows are read.
    var bounds: (values: [Double], yt: Matrix<Double>, least: Double, newDirections: Int)? = nil
    /// The second pass's coupling of the s new directions (``GrowthCrossTerm``), when s > 0.
    var cross: GrowthCrossTerm? = nil

    /// The chain after a round established `rank` from `evidence`: ℓ and β from the Schur
    /// deflation (its lower bound on σ_r and σ_{r_S+1}(J·N), never below S's floor) when it ran,
    /// else the Gram engine's inverse-iteration estimate of √λ_min(G₁₁) and its Ritz bound on the
    /// null basis, never below the Gram floor; `nil` when the evidence gives no ℓ or β.
    init?(rank: Int, evidence: GramRankEvidence) {
        let ell: Double, beta: Double, cut: Double
        if let d = evidence.deflation {
            guard let upper = d.upperBound else { return nil }
            (ell, beta, cut, lowerIsBound) = (d.lowerBound, upper, d.cut, true)
        } else {
            guard let lead = evidence.leadingSmallest else { return nil }
            (ell, beta, cut, lowerIsBound) = (lead, max(evidence.nullBound ?? evidence.floor, evidence.floor), evidence.cut, false)
        }
        guard ell > 0, evidence.spectrum.count > rank else { return nil }
        self.rank = rank
        rows = evidence.rows
        lower = ell
        lambda = max(0, ell - beta)
        self.beta = beta
        sigma1 = evidence.sigma1
        self.cut = cut
        spectrum = evidence.spectrum
        base = evidence
    }
}
