import LinearAlgebra

/// The factor stage's engine when ``RankOptions/factorization`` is ``FactorizationMethod/streaming``:
/// J's rows go through ``StreamingRank`` and only the r rows that add rank are kept (S, r × P).
///
/// What it reports, and why it is honest: the singular values are **S's** (the selected rows'),
/// not J's; by Cauchy interlacing σᵢ(S) ≤ σᵢ(J), so the rank read from S is a lower bound on
/// J's numeric rank at the same cut, and every row left out had a component off the span of S
/// below ``StreamingRank/threshold`` relative to its norm (``StreamingRankEvidence``). S has J's
/// numerical null space, so it serves as the matrix the kernel checks and the hidden directions
/// are read from (``gramFactor``; here ‖S·v‖ ≤ ‖J·v‖ rather than equality). The selected rows
/// also seed the exact rank (``ExactRankStage``): the exact certificate is computed on them and
/// checked against all rows.
struct StreamingFactorization: Factorization {
    let columns: Int
    private var engine: StreamingRank?
    /// S row-major.
    private var kept: [Double] = []

    init(columns: Int) throws(RankError) {
        self.columns = columns
        guard columns > 0 else { return }
        do { engine = try StreamingRank(columns: columns) } catch { throw .linearAlgebra(error.description) }
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        guard engine != nil else { return }
        let chosen: [Int]
        do { chosen = try engine!.absorb(block) } catch { throw .linearAlgebra(error.description) }
        for i in chosen { kept += block.row(i) }
    }

    /// S (r × P).
    var selection: Matrix<Double> { Matrix(rows: kept.count / max(1, columns), columns: columns, elements: kept)! }

    func singularValues() throws(RankError) -> [Double] {
        guard columns > 0 else { return [] }
        let s = selection
        guard s.rows > 0 else { return [Double](repeating: 0, count: columns) }
        do { return try s.singularValues() + [Double](repeating: 0, count: columns - min(s.rows, columns)) } catch {
            throw .linearAlgebra(error.description)
        }
    }

    var gramFactor: Matrix<Double> { selection }
    var selectedRows: [Int]? { engine?.selectedRows ?? [] }
    var spectrumSource: SpectrumSource { .selectedRows }
    var selectionEvidence: StreamingRankEvidence? { engine?.evidence }
    var engineRank: Int? { engine?.rank ?? 0 }

    /// The engine's own basis N (n × (n − r)) as rows when `rank` is the engine's rank — no
    /// decomposition — else from the SVD of S.
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] {
        guard let engine, rank == engine.rank else { return try nullBasisFromSVD(of: selection, rank: rank) }
        let N = engine.nullSpaceBasis
        return (0..<N.columns).map { t in (0..<N.rows).map { N[$0, t] } }
    }
}
