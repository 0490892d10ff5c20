import LinearAlgebra

extension FactorStage {
    /// A growth round read through C = J_new·N (``Factorization/settleGrowthRound(rows:tolerance:ambiguityRatio:)``):
    /// the grown batch's rank from the bounds when they settle it, `nil` — the round then refactors
    /// — when no round is pending or the bounds are not separated. The verbose notes say which.
    mutating func growthRound(progress: ProgressSink?) throws(RankError) -> NumericRank? {
        guard factorization.growthRoundPending else { return nil }
        progress?(.step("growth bounds from σ(J_new·N) against the last null basis"))
        let tried = factorization.growthRounds.count
        let grown = try factorization.settleGrowthRound(
            rows: factoredPoints * outputCount, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        if factorization.growthRounds.count > tried, let round = factorization.growthRounds.last {
            progress?(.step("growth round: " + round.text(short: { "\($0)" })))
        }
        return grown
    }
}
