import LinearAlgebra
import Networks

/// The factor stage of a rank analysis: evaluates the Jacobian rows of the points the batch
/// gained since the last round, folds them into a ``Factorization`` and reads off the numeric
/// rank of the whole batch Jacobian J (N·outputs × P).
struct FactorStage {
    let numeric: NumericNetwork
    let outputCount: Int
    var factorization: any Factorization
    /// Points of the batch whose rows are in the factorisation.
    private(set) var factoredPoints = 0
    /// The spectrum's rank at ``spectrumPoints`` factored points, kept so that it is computed once.
    private var spectrum: NumericRank?
    private var spectrumPoints: Int?
    let tolerance: Double?
    let ambiguityRatio: Double
    /// Every singular value, not only those near the cut (``RankOptions/fullSpectrum``).
    let fullSpectrum: Bool
    /// The Gram engine's evidence, kept when an ambiguous gap made a stronger engine replace it.
    private var replacedGram: GramRankEvidence?
    /// Why no stronger engine could check the Gram engine's ambiguous gap (its memory plan).
    private var gramFallbackRefused: String?
    /// The machine's memory the fallback from the Gram engine is planned against.
    let memory: Int?

    init(
        network: Network, options: RankOptions, factorization: (any Factorization)? = nil, memory: Int? = MemoryPlan.physicalMemory
    ) throws(RankError) {
        numeric = NumericNetwork(network)
        outputCount = network.outputCount
        self.memory = memory
        let P = network.parameterCount
        if let factorization {
            self.factorization = factorization
        } else {
            let method = options.factorization.resolved(
                parameters: P, kinks: network.layers.contains { $0.activation.hasKink }, memory: memory)
            self.factorization = try Self.engine(method, columns: P, fullSpectrum: options.fullSpectrum)
        }
        fullSpectrum = options.fullSpectrum
        tolerance = options.tolerance
        ambiguityRatio = options.ambiguityRatio
    }

    /// A new engine for `method` (``FactorizationMethod/auto`` must be resolved first).
    static func engine(_ method: FactorizationMethod, columns P: Int, fullSpectrum: Bool = false) throws(RankError) -> any Factorization {
        switch method {
        case .streaming: return try StreamingFactorization(columns: P, fullSpectrum: fullSpectrum)
        case .gram: return try GramFactorization(columns: P)
        case .qr, .auto: return try QRFactorization(columns: P)
        }
    }

    var columns: Int { factorization.columns }

    /// The Gram engine's evidence for the rank reported: its own, or that of the Gram engine a
    /// stronger one replaced; `nil` when no Gram engine ran.
    var gramEvidence: GramRankEvidence? {
        guard var evidence = factorization.gramEvidence else { return replacedGram }
        if evidence.ambiguous { evidence.fallback = gramFallbackRefused }
        return evidence
    }

    /// Jacobian rows evaluated and folded in at once: at most 2048 and at most 128 MiB of
    /// `Double`s (16·2²⁰ entries), never fewer than one point's rows. The Jacobian is streamed
    /// in chunks of this size and never held whole.
    var chunkRows: Int { Swift.max(outputCount, Swift.min(2048, 16_777_216 / Swift.max(1, columns))) }

    /// Points per chunk of Kronecker-factored rows: their factors n·Σ_ℓ(d_ℓ + K·u_ℓ) and the
    /// accumulation's scratch (per core n·(d_max + max P_ℓ′)) within one chunk's
    /// ``MemoryPlan/chunkBytes``, never fewer than one point. Fewer, larger chunks than dense
    /// rows: each chunk adds into every entry of G once (≈ P²/2 scattered additions).
    var factoredChunkPoints: Int {
        let layers = numeric.layers
        var widths: [Int] = []
        for layer in layers { widths.append(layer.connections.reduce(0) { $0 + $1.weights.columns } + (layer.hasBias ? 1 : 0)) }
        let factors = zip(layers, widths).reduce(0) { $0 + $1.1 + outputCount * $1.0.units }
        let wide = zip(layers, widths).dropFirst().map { $0.0.units * $0.1 }.max() ?? 0
        let perPoint = factors + 2 * ((widths.max() ?? 0) + wide)
        return Swift.max(1, (MemoryPlan.chunkBytes / 8) / Swift.max(1, perPoint))
    }

    /// An orthonormal basis (rows) of the null space of J at numeric rank `rank` (see
    /// ``Factorization/nullBasis(rank:)``).
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] { try factorization.nullBasis(rank: rank) }

    /// Folds in the rows of `batch`'s new points, ``chunkRows`` at a time, and returns the rank
    /// so far: the engine's own rank for a row-selecting engine (no spectrum is computed), else
    /// the numeric rank of J's spectrum. Between chunks `shouldStop` may end the round early:
    /// the points not yet folded in stay unfactored (``factoredPoints`` says how many are in).
    mutating func absorb(
        _ batch: SampleBatch, progress: ProgressSink?, shouldStop: () -> Bool = { false }
    ) throws(RankError) -> Int {
        let P = columns
        let total = batch.count * outputCount
        guard P > 0 else {
            factoredPoints = batch.count
            return 0
        }
        let factored = factorization.readsFactoredRows
        let rowChunkPoints = Swift.max(1, chunkRows / Swift.max(1, outputCount))
        let pointsPerChunk = factored && !factorization.factoredChunksAreRowChunks ? factoredChunkPoints : rowChunkPoints
        progress?(.step("Jacobian rows \(factoredPoints * outputCount)..<\(total) × \(P)" + (factored ? ", Kronecker-factored" : "")))
        while factoredPoints < batch.count {
            let end = Swift.min(batch.count, factoredPoints + pointsPerChunk)
            let points = Array(batch.numericPoints[factoredPoints..<end])
            do {
                if factored {
                    try factorization.append(factored: try numeric.jacobianFactors(at: points))
                } else {
                    try factorization.append(rows: try numeric.jacobian(at: points))
                }
            } catch let error as NetworkError { throw .network(error) } catch let error as RankError { throw error } catch {
                throw .linearAlgebra("\(error)")
            }
            factoredPoints = end
            progress?(.update(Self.rowsNote(done: end * outputCount, total: total, rank: factorization.engineRank)))
            if let rank = factorization.engineRank, rank == P { break }
            if end < batch.count, shouldStop() { break }
        }
        spectrumPoints = nil
        if let rank = factorization.engineRank { return rank }
        if let grown = try growthRound(batch, progress: progress) {
            (spectrum, spectrumPoints) = (grown, factoredPoints)
            return grown.rank
        }
        progress?(.step(factorization.spectrumSource == .gram ? "pivoted Cholesky of JᵀJ (\(P)×\(P))" : "singular values of R (\(P)×\(P))"))
        var rank = try numericRank()
        if factorization.gramEvidence?.wantsDeflation == true { rank = try refineGramGap(batch, progress: progress) ?? rank }
        if let evidence = factorization.gramEvidence, evidence.ambiguous, evidence.deflation == nil,
            try refactorAfterAmbiguousGram(evidence, batch, progress: progress) {
            return try absorb(batch, progress: progress, shouldStop: shouldStop)
        }
        if let why = factorization.beginGrowthChain(rank: rank.rank) { progress?(.step("no growth bounds for the next round: \(why)")) }
        return rank.rank
    }

    /// Points per block of the factored Schur deflation with k trailing columns: the block's
    /// factors, its S_B (K·k per point) and two tiles' scratch of the products (per point
    /// 2·``FactoredJacobian/productTileColumns``·u_max) within one chunk's ``MemoryPlan/chunkBytes``,
    /// never fewer than one point. Fixed by the network and k, not by the cores.
    func deflationChunkPoints(trailing k: Int) -> Int {
        let layers = numeric.layers
        var factors = 0
        for layer in layers {
            factors += layer.connections.reduce(0) { $0 + $1.weights.columns } + (layer.hasBias ? 1 : 0) + outputCount * layer.units
        }
        let widest = layers.map(\.units).max() ?? 0
        let perPoint = factors + outputCount * k + 2 * FactoredJacobian.productTileColumns * widest
        return Swift.max(1, (MemoryPlan.chunkBytes / 8) / Swift.max(1, perPoint))
    }

    /// After the Gram engine's gap came out ambiguous: reads J's spectrum below the Gram floor
    /// from J's rows by the Schur deflation (``GramFactorization/beginDeflation(memory:blockRows:)``:
    /// the batch's Jacobian again, in Kronecker-factored blocks of ``deflationChunkPoints(trailing:)``
    /// points whose rows are never formed, once per pass of the corrected semi-normal equations,
    /// at most three) and returns its rank; `nil` when the engine is not the Gram engine or the
    /// deflation could not run.
    private mutating func refineGramGap(_ batch: SampleBatch, progress: ProgressSink?) throws(RankError) -> NumericRank? {
        guard var gram = factorization as? GramFactorization, let evidence = gram.gramEvidence else { return nil }
        // The existential must not keep a second reference to G (8·P² bytes): the deflation
        // writes to G's storage, which would then be copied.
        factorization = try QRFactorization(columns: 0)
        defer { factorization = gram }
        progress?(.step("choosing the well-conditioned pivots J₁ for a Schur deflation"))
        guard try gram.beginDeflation(memory: memory, blockRows: chunkRows), let d = gram.gramEvidence?.deflation else {
            progress?(.step("no Schur deflation: \(gram.gramEvidence?.deflationRefused ?? "not started")"))
            return nil
        }
        let k = d.trailingColumns
        progress?(.step("J₁: \(d.leadingRank) pivots, σ_min ≈ \(d.leadingSmallest) (floor \(evidence.floor))"))
        let pointsPerChunk = deflationChunkPoints(trailing: k)
        var pass = 1
        repeat {
            let zero = d.zeroColumns > 0 ? " (\(d.zeroColumns) more are zero in J)" : ""
            progress?(.step("Schur deflation, pass \(pass): \(k) columns below the Gram floor\(zero) against J's \(evidence.rows) rows"))
            try Self.readFactoredBlocks(
                of: batch.numericPoints[0..<factoredPoints], numeric: numeric, outputs: outputCount, pointsPerChunk: pointsPerChunk, progress: progress
            ) { (block) throws(RankError) in try gram.deflate(factored: block) }
            pass += 1
        } while try gram.finishDeflationPass()
        progress?(.step("Schur deflation: σ(J·N) from the SVD of R_S·T⁻¹ (\(k)×\(k)) and the null directions"))
        let refined = try gram.finishDeflation(tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        if let refined {
            spectrum = refined
            spectrumPoints = factoredPoints
        }
        return refined
    }

    /// Evaluates `points` again in Kronecker-factored blocks of `pointsPerChunk` points (their rows
    /// are never formed) and hands each block to `read`, in order, reporting the rows read so far
    /// of the points' K·|points| rows: one pass over J's rows for a Schur deflation or a growth
    /// round's coupling.
    static func readFactoredBlocks(
        of points: ArraySlice<[Double]>, numeric: NumericNetwork, outputs: Int, pointsPerChunk: Int, progress: ProgressSink?,
        _ read: (FactoredJacobian) throws(RankError) -> Void
    ) throws(RankError) {
        var start = points.startIndex
        while start < points.endIndex {
            let end = Swift.min(points.endIndex, start + Swift.max(1, pointsPerChunk))
            let block: FactoredJacobian
            do { block = try numeric.jacobianFactors(at: Array(points[start..<end])) } catch { throw .network(error) }
            try read(block)
            start = end
            let done = (end - points.startIndex) * outputs, total = points.count * outputs
            progress?(.update(rowsNote(done: done, total: total, rank: nil)))
        }
    }

    /// After the Gram engine's gap came out ambiguous: replaces it by the stronger engine whose
    /// memory plan fits (streaming, else QR) and returns `true` — the caller folds the whole batch
    /// in again — or records why none fits and returns `false`.
    private mutating func refactorAfterAmbiguousGram(
        _ evidence: GramRankEvidence, _ batch: SampleBatch, progress: ProgressSink?
    ) throws(RankError) -> Bool {
        var evidence = evidence
        let P = columns, budget = memory.map { $0 / 4 * 3 }
        let machine = memory.map { "this machine has \(MemoryPlan.gigabytes($0))" } ?? "this machine's memory is unknown"
        let candidates = [FactorizationMethod.streaming, .qr].map { ($0, MemoryPlan.bytes(parameters: P, method: $0) ?? .max) }
        guard let (method, bytes) = candidates.first(where: { budget == nil || $0.1 <= budget! }) else {
            gramFallbackRefused = "streaming would need \(MemoryPlan.gigabytes(candidates[0].1)); \(machine)"
            return false
        }
        evidence.fallback = "refactored by \(method.rawValue), which needs \(MemoryPlan.gigabytes(bytes))"
        evidence.replaced = true
        replacedGram = evidence
        progress?(.step("Gram gap ambiguous at its floor: refactoring \(factoredPoints) points by \(method.rawValue)"))
        factorization = try Self.engine(method, columns: P, fullSpectrum: fullSpectrum)
        factoredPoints = 0
        spectrum = nil
        spectrumPoints = nil
        return true
    }

    /// "rows 4096 of 16000, rank 1932": how far a round has got; the rank only for an engine
    /// that knows it between chunks (a row-selecting engine).
    static func rowsNote(done: Int, total: Int, rank: Int?) -> String {
        "rows \(done) of \(total)" + (rank.map { ", rank \($0)" } ?? "")
    }

    /// The numeric rank of the rows folded in so far, from the factorisation's spectrum (computed
    /// once per state of the factor).
    mutating func numericRank() throws(RankError) -> NumericRank {
        if let cached = spectrum, spectrumPoints == factoredPoints { return cached }
        let result = try factorization.numericRank(
            rows: factoredPoints * outputCount, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        spectrum = result
        spectrumPoints = factoredPoints
        return result
    }
}
