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
}

extension Factorization {
    var selectedRows: [Int]? { nil }
    var spectrumSource: SpectrumSource { .wholeBatch }
    var selectionEvidence: StreamingRankEvidence? { nil }
    var engineRank: Int? { nil }

    func nullBasis(rank: Int) throws(RankError) -> [[Double]] { try nullBasisFromSVD(of: gramFactor, rank: rank) }
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
}

/// How the factor stage folds in the Jacobian (``RankOptions/factorization``).
public enum FactorizationMethod: String, Sendable, Equatable, CaseIterable {
    /// ``streaming`` for a network with kinks above ``automaticStreamingThreshold`` parameters
    /// (its batch grows over rounds, and each round then costs only the new rows' tests) and for
    /// any network whose QR plan does not fit in memory; ``qr`` otherwise (one round is the
    /// common case there, and J's own spectrum is cheaper than selecting rows one slice at a time).
    case auto
    /// J's triangular factor R by block QR updates (``TriangularFactor``): J's own spectrum.
    case qr
    /// Row selection by ``StreamingRank``: only rows that add rank are kept (``StreamingFactorization``).
    case streaming

    /// The largest P for which ``auto`` means ``qr`` for a network with kinks.
    public static let automaticStreamingThreshold = 2000

    /// The engine used for a network of `parameters` parameters, with or without `kinks`, on a
    /// machine with `memory` bytes (``qr`` or ``streaming``).
    public func resolved(parameters: Int, kinks: Bool, memory: Int? = MemoryPlan.physicalMemory) -> FactorizationMethod {
        guard self == .auto else { return self }
        if kinks && parameters > Self.automaticStreamingThreshold { return .streaming }
        guard let memory, let qr = MemoryPlan.bytes(parameters: parameters, method: .qr) else { return .qr }
        return qr <= memory / 4 * 3 ? .qr : .streaming
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
