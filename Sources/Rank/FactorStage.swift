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
        } else if options.factorization == .streaming {
            self.factorization = try StreamingFactorization(columns: network.parameterCount)
        } else {
            self.factorization = try QRFactorization(columns: network.parameterCount)
        }
        tolerance = options.tolerance
        ambiguityRatio = options.ambiguityRatio
    }

    var columns: Int { factorization.columns }

    /// An orthonormal basis (rows) of the null space of J at numeric rank `rank`, from the SVD
    /// of the Gram factor (padded with zero rows when it has fewer than P).
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] {
        let P = columns
        guard rank < P else { return [] }
        var A = factorization.gramFactor
        if A.rows < P {
            A = Matrix(rows: P, columns: P, elements: A.elements + [Double](repeating: 0, count: (P - A.rows) * P))!
        }
        let svd: SingularValueDecomposition
        do { svd = try A.singularValueDecomposition() } catch { throw .linearAlgebra(error.description) }
        return (rank..<P).map { Array(svd.vt.row($0)) }
    }

    /// Folds in the rows of `batch`'s new points and returns the numeric rank of the batch Jacobian.
    mutating func absorb(_ batch: SampleBatch, progress: (@Sendable (String) -> Void)?) throws(RankError) -> NumericRank {
        let P = columns
        let rows = batch.count * outputCount
        progress?("Jacobian rows \(factoredPoints * outputCount)..<\(rows) of \(rows)×\(P)")
        var spectrum: [Double] = []
        if P > 0 {
            let block: Matrix<Double>
            do { block = try numeric.jacobian(at: Array(batch.numericPoints[factoredPoints...])) } catch { throw .network(error) }
            progress?("folding \(block.rows) rows into the factor")
            try factorization.append(rows: block)
            progress?("singular values of R (\(P)×\(P))")
            spectrum = try factorization.singularValues()
        }
        factoredPoints = batch.count
        return NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }
}
