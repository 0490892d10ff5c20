import LinearAlgebra
import Networks

/// The factor stage of a rank analysis: evaluates the Jacobian rows of the points the batch
/// gained since the last round, folds them into a ``Factorization`` and reads off the numeric
/// rank of the whole batch Jacobian J (N·outputs × P).
struct FactorStage {
    let numeric: NumericNetwork
    let outputCount: Int
    private(set) var factorization: any Factorization
    /// Points of the batch whose rows are in the factorisation.
    private(set) var factoredPoints = 0
    /// The spectrum's rank at ``spectrumPoints`` factored points, kept so that it is computed once.
    private var spectrum: NumericRank?
    private var spectrumPoints: Int?
    let tolerance: Double?
    let ambiguityRatio: Double

    init(network: Network, options: RankOptions, factorization: (any Factorization)? = nil) throws(RankError) {
        numeric = NumericNetwork(network)
        outputCount = network.outputCount
        if let factorization {
            self.factorization = factorization
        } else if options.factorization.resolved(
            parameters: network.parameterCount, kinks: network.layers.contains { $0.activation.hasKink }) == .streaming {
            self.factorization = try StreamingFactorization(columns: network.parameterCount)
        } else {
            self.factorization = try QRFactorization(columns: network.parameterCount)
        }
        tolerance = options.tolerance
        ambiguityRatio = options.ambiguityRatio
    }

    var columns: Int { factorization.columns }

    /// Jacobian rows evaluated and folded in at once: at most 2048 and at most 128 MiB of
    /// `Double`s (16·2²⁰ entries), never fewer than one point's rows. The Jacobian is streamed
    /// in chunks of this size and never held whole.
    var chunkRows: Int { Swift.max(outputCount, Swift.min(2048, 16_777_216 / Swift.max(1, columns))) }

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
        let pointsPerChunk = Swift.max(1, chunkRows / Swift.max(1, outputCount))
        progress?(.step("Jacobian rows \(factoredPoints * outputCount)..<\(total) × \(P)"))
        while factoredPoints < batch.count {
            let end = Swift.min(batch.count, factoredPoints + pointsPerChunk)
            let block: Matrix<Double>
            do { block = try numeric.jacobian(at: Array(batch.numericPoints[factoredPoints..<end])) } catch { throw .network(error) }
            try factorization.append(rows: block)
            factoredPoints = end
            progress?(.update(Self.rowsNote(done: end * outputCount, total: total, rank: factorization.engineRank)))
            if let rank = factorization.engineRank, rank == P { break }
            if end < batch.count, shouldStop() { break }
        }
        spectrumPoints = nil
        if let rank = factorization.engineRank { return rank }
        progress?(.step("singular values of R (\(P)×\(P))"))
        return try numericRank().rank
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
        let values = columns > 0 ? try factorization.singularValues() : []
        let result = NumericRank(
            singularValues: values, rows: factoredPoints * outputCount, columns: columns, tolerance: tolerance,
            ambiguityRatio: ambiguityRatio)
        spectrum = result
        spectrumPoints = factoredPoints
        return result
    }
}
