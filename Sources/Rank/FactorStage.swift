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
    let tolerance: Double?
    let ambiguityRatio: Double

    init(network: Network, options: RankOptions, factorization: (any Factorization)? = nil) throws(RankError) {
        numeric = NumericNetwork(network)
        outputCount = network.outputCount
        if let factorization {
            self.factorization = factorization
        } else {
            self.factorization = try QRFactorization(columns: network.parameterCount)
        }
        tolerance = options.tolerance
        ambiguityRatio = options.ambiguityRatio
    }

    var columns: Int { factorization.columns }

    /// Folds in the rows of `batch`'s new points and returns the numeric rank of the batch Jacobian.
    mutating func absorb(_ batch: SampleBatch, progress: (@Sendable (String) -> Void)?) throws(RankError) -> NumericRank {
        let P = columns
        let rows = batch.count * outputCount
        progress?("Jacobian rows \(factoredPoints * outputCount)..<\(rows) of \(rows)×\(P)")
        var spectrum: [Double] = []
        if P > 0 {
            let block: Matrix<Double>
            do { block = try numeric.jacobian(at: Array(batch.numericPoints[factoredPoints...])) } catch { throw .network(error) }
            progress?("QR update with \(block.rows) rows")
            try factorization.append(rows: block)
            progress?("singular values of R (\(P)×\(P))")
            spectrum = try factorization.singularValues()
        }
        factoredPoints = batch.count
        return NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }
}
