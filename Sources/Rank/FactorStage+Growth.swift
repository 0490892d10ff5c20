import LinearAlgebra

extension FactorStage {
    /// A growth round read through C = J_new·N (``Factorization/settleGrowthRound(rows:tolerance:ambiguityRatio:)``):
    /// the grown batch's rank from the bounds when they settle it, `nil` — the round then refactors
    /// — when no round is pending or the bounds are not separated. The verbose notes say which.
    mutating func growthRound(_ batch: SampleBatch, progress: ProgressSink?) throws(RankError) -> NumericRank? {
        guard factorization.growthRoundPending else { return nil }
        progress?(.step("growth bounds from σ(J_new·N) against the last null basis"))
        if let pass = try factorization.growthCrossPass(rows: factoredPoints * outputCount, tolerance: tolerance) {
            progress?(.step("growth bounds: the new directions' coupling, the round's rows once more"))
            try readGrowthCross(batch, from: pass.row / outputCount, newDirections: pass.newDirections, progress: progress)
        }
        let tried = factorization.growthRounds.count
        let grown = try factorization.settleGrowthRound(
            rows: factoredPoints * outputCount, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        if factorization.growthRounds.count > tried, let round = factorization.growthRounds.last {
            progress?(.step("growth round: " + round.text(short: { "\($0)" })))
        }
        return grown
    }

    /// The round's points from `first` on, re-evaluated in Kronecker-factored blocks of
    /// ``deflationChunkPoints(trailing:)`` points for the s new directions (each point's J·V has K·s
    /// entries, as a deflation's S_B has K·k), for the coupling.
    private mutating func readGrowthCross(_ batch: SampleBatch, from first: Int, newDirections s: Int, progress: ProgressSink?) throws(RankError) {
        let stage = numeric, pointsPerChunk = deflationChunkPoints(trailing: s)
        var engine = factorization
        // One reference to the engine while its blocks are read, as in the deflation.
        factorization = try QRFactorization(columns: 0)
        defer { factorization = engine }
        try Self.readFactoredBlocks(
            of: batch.numericPoints[first..<factoredPoints], numeric: stage, outputs: outputCount, pointsPerChunk: pointsPerChunk, progress: progress
        ) { (block) throws(RankError) in try engine.readGrowthCross(factored: block) }
    }
}
