import LinearAlgebra

/// The factor stage's engine: Jacobian rows arrive in blocks and are folded into a factor that
/// keeps J's Gram matrix JᵀJ — hence J's singular values and null space — without keeping J.
///
/// ``QRFactorization`` (the triangular factor R of J = QR) is the implementation in use; a
/// streaming or out-of-core engine conforms to this protocol and the other stages are unchanged.
protocol Factorization {
    /// P, the number of columns of J.
    var columns: Int { get }
    /// Appends the rows of `block` to J (the block is consumed).
    mutating func append(rows block: consuming Matrix<Double>) throws(RankError)
    /// Appends J's rows given in Kronecker-factored form (by default: as dense rows).
    mutating func append(factored rows: FactoredJacobian) throws(RankError)
    /// Whether ``append(factored:)`` is cheaper than the dense rows (the Gram engine sums the
    /// outputs before the Kronecker product), so that the factor stage hands the rows over factored.
    var readsFactoredRows: Bool { get }
    /// Whether factored rows come in chunks of ``FactorStage/chunkRows`` rows, like dense ones
    /// (the streaming engine), rather than in the Gram engine's larger chunks.
    var factoredChunksAreRowChunks: Bool { get }
    /// The singular values of J so far, largest first (P of them, padded with zeros; none when P = 0).
    func singularValues() throws(RankError) -> [Double]
    /// A matrix M with MᵀM = JᵀJ: ‖M·v‖₂ = ‖J·v‖₂ for every v, and null M = null J (for a
    /// row-selecting engine: the selected rows, with J's numerical null space).
    var gramFactor: Matrix<Double> { get }
    /// Indices of the rows of J that a row-selecting engine kept, in the order appended; `nil`
    /// when the engine keeps all of J's information.
    var selectedRows: [Int]? { get }
    /// Whose singular values ``singularValues()`` returns.
    var spectrumSource: SpectrumSource { get }
    /// A row-selecting engine's evidence for its cut; `nil` otherwise.
    var selectionEvidence: StreamingRankEvidence? { get }
    /// The rank a row-selecting engine keeps as it reads (no spectrum needed); `nil` for an
    /// engine whose rank is read from the spectrum.
    var engineRank: Int? { get }
    /// An orthonormal basis (rows) of the numerical null space of J at numeric rank `rank`.
    func nullBasis(rank: Int) throws(RankError) -> [[Double]]
    /// The numeric rank of the rows folded in (`rows` of them) at the cut `tolerance` (`nil`: the
    /// default σ₁·max(m, P)·ε), from ``singularValues()`` unless the engine decides it itself.
    mutating func numericRank(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank
    /// ‖J·t‖₂ for a sparse t given by its entries.
    func kernelResidual(_ entries: [(index: Int, value: Double)]) -> Double
    /// The smallest ‖J·t‖/‖t‖ the engine can tell from zero (the Gram engine's floor; 0 otherwise).
    var resolvableFloor: Double { get }
    /// The Gram engine's evidence for its cut; `nil` for other engines.
    var gramEvidence: GramRankEvidence? { get }
    /// The growth rounds read through J_new·N so far, settled or refactored (the Gram engine's;
    /// empty for other engines).
    var growthRounds: [GrowthRoundEvidence] { get }
    /// Whether the rows appended since the last rank are also being read against the last null
    /// basis, so that ``settleGrowthRound(rows:tolerance:ambiguityRatio:)`` can try them.
    var growthRoundPending: Bool { get }
    /// After a pending growth round's rows: σ(C) and its new directions s; when s > 0, the row at
    /// which the round's rows begin and s, to be read once more by ``readGrowthCross(factored:)`` for
    /// the coupling of the new directions (`nil`: no second pass).
    mutating func growthCrossPass(rows: Int, tolerance: Double?) throws(RankError) -> (row: Int, newDirections: Int)?
    /// One block of the round's rows, in Kronecker-factored form, for that second pass.
    mutating func readGrowthCross(factored block: FactoredJacobian) throws(RankError)
    /// The rank of the grown batch from growth bounds alone, without refactoring; `nil` — and the
    /// engine then refactors as usual — when the bounds are not separated or the engine cannot.
    mutating func settleGrowthRound(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank?
    /// Keeps the evidence of the round that established `rank` for the next round's growth bounds;
    /// returns why no chain begins, when the engine could have begun one (`nil` otherwise).
    @discardableResult mutating func beginGrowthChain(rank: Int) -> String?
}

extension Factorization {
    mutating func append(factored rows: FactoredJacobian) throws(RankError) { try append(rows: rows.dense) }
    var readsFactoredRows: Bool { false }
    var factoredChunksAreRowChunks: Bool { false }
    var selectedRows: [Int]? { nil }
    var spectrumSource: SpectrumSource { .wholeBatch }
    var selectionEvidence: StreamingRankEvidence? { nil }
    var engineRank: Int? { nil }

    var resolvableFloor: Double { 0 }
    var gramEvidence: GramRankEvidence? { nil }
    var growthRounds: [GrowthRoundEvidence] { [] }
    var growthRoundPending: Bool { false }
    mutating func growthCrossPass(rows: Int, tolerance: Double?) throws(RankError) -> (row: Int, newDirections: Int)? { nil }
    mutating func readGrowthCross(factored block: FactoredJacobian) throws(RankError) {}
    mutating func settleGrowthRound(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank? { nil }
    mutating func beginGrowthChain(rank: Int) -> String? { nil }

    func nullBasis(rank: Int) throws(RankError) -> [[Double]] { try nullBasisFromSVD(of: gramFactor, rank: rank) }

    mutating func numericRank(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank {
        let values = columns > 0 ? try singularValues() : []
        return NumericRank(singularValues: values, rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }

    /// ‖M·t‖₂ for the Gram factor M (MᵀM = JᵀJ, so it equals ‖J·t‖₂).
    func kernelResidual(_ entries: [(index: Int, value: Double)]) -> Double {
        let M = gramFactor
        var residual = 0.0
        for i in 0..<M.rows {
            var s = 0.0
            for e in entries { s += M[i, e.index] * e.value }
            residual += s * s
        }
        return residual.squareRoot()
    }
}

/// An orthonormal basis (rows) of the numerical null space at rank `rank` of any M with
/// MᵀM = JᵀJ (so null M = null J), padded with zero rows when it has fewer than P: the right
/// singular vectors past position `rank`.
func nullBasisFromSVD(of M: Matrix<Double>, rank: Int) throws(RankError) -> [[Double]] {
    let P = M.columns
    guard rank < P else { return [] }
    var A = M
    if A.rows < P {
        A = Matrix(rows: P, columns: P, elements: A.elements + [Double](repeating: 0, count: (P - A.rows) * P))!
    }
    let svd: SingularValueDecomposition
    do { svd = try A.singularValueDecomposition() } catch { throw .linearAlgebra(error.description) }
    return (rank..<P).map { Array(svd.vt.row($0)) }
}
