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

/// Whose singular values a rank analysis reports.
public enum SpectrumSource: String, Sendable, Equatable {
    /// The whole batch Jacobian J's (from a factor with J's Gram matrix).
    case wholeBatch = "the whole batch Jacobian"
    /// The rows a streaming engine selected: σᵢ(S) ≤ σᵢ(J) by interlacing.
    case selectedRows = "the selected rows"
    /// The Gram matrix JᵀJ's pivoted Cholesky factorisation (``GramFactorization``): σ₁ by power
    /// iteration, pivots above the cut, Ritz bounds below it, nothing below the Gram floor.
    case gram = "the Gram matrix JᵀJ"
}

/// How the factor stage folds in the Jacobian (``RankOptions/factorization``).
public enum FactorizationMethod: String, Sendable, Equatable, CaseIterable {
    /// ``gram`` above ``automaticGramThreshold`` parameters (8·P² bytes, the fastest at large P);
    /// ``streaming`` for a network with kinks above ``automaticStreamingThreshold`` (its batch
    /// grows over rounds, and each round then costs only the new rows' tests) and for any network
    /// whose QR plan does not fit in memory; ``qr`` otherwise (one round is the common case there,
    /// and J's own spectrum is cheaper than selecting rows one slice at a time).
    case auto
    /// J's triangular factor R by block QR updates (``TriangularFactor``): J's own spectrum.
    case qr
    /// Row selection by ``StreamingRank``: only rows that add rank are kept (``StreamingFactorization``).
    case streaming
    /// G = JᵀJ by `dsyrk` and its pivoted Cholesky factorisation (``GramFactorization``):
    /// 8·P² bytes and ≈ m·P² + P³/3 flops, resolving σ down to σ₁·√(max(m, P)·ε); below that
    /// floor the spectrum is read from J's rows by a Schur deflation (``SchurDeflation``), and an
    /// ambiguous gap no deflation could check is refactored by ``streaming`` or ``qr`` when their
    /// memory plan fits.
    case gram

    /// The largest P for which ``auto`` means ``qr`` for a network with kinks.
    public static let automaticStreamingThreshold = 2000
    /// The largest P for which ``auto`` means ``streaming`` or ``qr``; ``gram`` above.
    public static let automaticGramThreshold = 8000

    /// The engine used for a network of `parameters` parameters, with or without `kinks`, on a
    /// machine with `memory` bytes: ``gram`` above ``automaticGramThreshold`` or when nothing
    /// else fits, ``streaming`` for kinks above ``automaticStreamingThreshold`` or when QR's plan
    /// does not fit, ``qr`` otherwise.
    public func resolved(parameters: Int, kinks: Bool, memory: Int? = MemoryPlan.physicalMemory) -> FactorizationMethod {
        guard self == .auto else { return self }
        if parameters > Self.automaticGramThreshold { return .gram }
        let fits = { (method: FactorizationMethod) in
            guard let memory else { return true }
            return (MemoryPlan.bytes(parameters: parameters, method: method) ?? .max) <= memory / 4 * 3
        }
        if kinks && parameters > Self.automaticStreamingThreshold || !fits(.qr) { return fits(.streaming) ? .streaming : .gram }
        return .qr
    }
}

/// J folded into the triangular factor R of J = Q·R, block by block (``TriangularFactor``).
struct QRFactorization: Factorization {
    let columns: Int
    /// `nil` when P = 0 (nothing to factor).
    private var factor: TriangularFactor?

    init(columns: Int) throws(RankError) {
        self.columns = columns
        guard columns > 0 else { return }
        do { factor = try TriangularFactor(columns: columns) } catch { throw .linearAlgebra(error.description) }
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        do { try factor?.append(rows: block) } catch { throw .linearAlgebra(error.description) }
    }

    func singularValues() throws(RankError) -> [Double] {
        do { return try factor?.singularValues() ?? [] } catch { throw .linearAlgebra(error.description) }
    }

    var gramFactor: Matrix<Double> { factor?.r ?? Matrix(rows: 0, columns: columns, repeating: 0) }
}
