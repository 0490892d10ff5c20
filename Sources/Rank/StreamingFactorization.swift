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
///
/// The spectrum is computed near the cut only (unless `fullSpectrum`): the rank is the engine's,
/// and what the report reads from S's spectrum is σ₁ (for τ) and the values around the cut — all
/// of S's σ below τ and the three above — from one QR of Sᵀ (``RowSpaceSpectrum``), whose
/// factors the null basis then reuses. At P = 3968 that is a few seconds of BLAS-3 work in
/// place of a `dgesdd` of S.
struct StreamingFactorization: Factorization {
    let columns: Int
    /// Every singular value of S rather than those near the cut (``RankOptions/fullSpectrum``).
    let fullSpectrum: Bool
    private var engine: StreamingRank?
    /// S row-major.
    private var kept: [Double] = []
    /// S's spectrum as far as the last ``numericRank(rows:tolerance:ambiguityRatio:)`` computed
    /// it, with the QR of Sᵀ; `nil` once S has grown since.
    private var spectrum: RowSpaceSpectrum?

    init(columns: Int, fullSpectrum: Bool = false) throws(RankError) {
        self.columns = columns
        self.fullSpectrum = fullSpectrum
        guard columns > 0 else { return }
        do { engine = try StreamingRank(columns: columns) } catch { throw .linearAlgebra(error.description) }
        // S has at most n rows: reserving n² entries (up to 2²⁷, 1 GiB) up front spares the copies
        // (and the doubled peak) of a growing array; pages never written are not resident.
        let (square, overflow) = columns.multipliedReportingOverflow(by: columns)
        kept.reserveCapacity(overflow ? 0 : min(square, 1 << 27))
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        guard engine != nil else { return }
        let chosen: [Int]
        do { chosen = try engine!.absorb(block) } catch { throw .linearAlgebra(error.description) }
        for i in chosen { kept += block.row(i) }
        if !chosen.isEmpty { spectrum = nil }
    }

    /// Rows in Kronecker-factored form: the engine reads C = J·N from the factors
    /// (`StreamingRank.absorb(factored:)`), and only the chosen rows are formed densely.
    mutating func append(factored rows: FactoredJacobian) throws(RankError) {
        guard engine != nil else { return }
        let chosen: [Int]
        do { chosen = try engine!.absorb(factored: rows) } catch { throw .linearAlgebra(error.description) }
        for i in chosen { kept += rows.row(i) }
        if !chosen.isEmpty { spectrum = nil }
    }

    var readsFactoredRows: Bool { true }
    var factoredChunksAreRowChunks: Bool { true }

    /// S (r × P).
    var selection: Matrix<Double> { Matrix(rows: kept.count / max(1, columns), columns: columns, elements: kept)! }

    /// S's singular values, as those of Sᵀ (S row-major is Sᵀ column-major: LAPACK reads it with
    /// one copy and no transposition), padded with zeros to n.
    func singularValues() throws(RankError) -> [Double] {
        guard columns > 0 else { return [] }
        let s = selection
        guard s.rows > 0 else { return [Double](repeating: 0, count: columns) }
        do { return try s.singularValuesOfTranspose() + [Double](repeating: 0, count: columns - min(s.rows, columns)) } catch {
            throw .linearAlgebra(error.description)
        }
    }

    /// The numeric rank read from S's spectrum near the cut: σ₁, τ = `tolerance` or
    /// σ₁·max(`rows`, P)·ε, and S's smallest σ until three exceed τ (σ_{rank−2}, σ_{rank−1},
    /// σ_rank, the report's window), then the n − r zeros of the rows S does not have. Every
    /// value when `fullSpectrum`, or when ``RowSpaceSpectrum`` computed them all.
    mutating func numericRank(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank {
        let S = selection
        guard !fullSpectrum, columns > 0, S.rows > 0 else {
            return NumericRank(
                singularValues: columns > 0 ? try singularValues() : [], rows: rows, columns: columns, tolerance: tolerance,
                ambiguityRatio: ambiguityRatio)
        }
        var known: RowSpaceSpectrum
        do {
            if let spectrum { known = spectrum } else { known = try RowSpaceSpectrum(S) }
            let cut = tolerance ?? known.largest * Double(max(rows, columns)) * Double.ulpOfOne
            try known.computeSmallest(untilAbove: cut, count: 3)
        } catch { throw .linearAlgebra(error.description) }
        spectrum = known
        let zeros = [Double](repeating: 0, count: columns - S.rows)
        if let all = known.all {
            return NumericRank(singularValues: all + zeros, rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        }
        return NumericRank(
            largest: known.largest, smallest: known.smallest.reversed() + zeros, count: columns, rows: rows, columns: columns,
            tolerance: tolerance, ambiguityRatio: ambiguityRatio)
    }

    var gramFactor: Matrix<Double> { selection }
    var selectedRows: [Int]? { engine?.selectedRows ?? [] }
    var spectrumSource: SpectrumSource { .selectedRows }
    var selectionEvidence: StreamingRankEvidence? { engine?.evidence }
    var engineRank: Int? { engine?.rank ?? 0 }

    /// The numerical null space of S at `rank` ≤ the engine's rank r: the engine's own basis N
    /// (n × (n − r), S·N = 0 up to rounding: S's right singular vectors of σ = 0) as rows, and
    /// when `rank` < r the right singular vectors of S's r − `rank` smallest nonzero σ
    /// (``RowSpaceSpectrum/smallestRightSingularVectors(count:)``: the QR of Sᵀ the spectrum
    /// computed, and a few triangular solves) — never an n × n SVD. Above the engine's rank (not a rank S's spectrum
    /// can give) the SVD of S.
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] {
        guard let engine, rank <= engine.rank else { return try nullBasisFromSVD(of: selection, rank: rank) }
        let N = engine.nullSpaceBasis
        var basis = (0..<N.columns).map { t in (0..<N.rows).map { N[$0, t] } }
        guard rank < engine.rank else { return basis }
        let extra: Matrix<Double>
        do {
            let known: RowSpaceSpectrum
            if let spectrum { known = spectrum } else { known = try RowSpaceSpectrum(selection) }
            extra = try known.smallestRightSingularVectors(count: engine.rank - rank)
        } catch {
            throw .linearAlgebra(error.description)
        }
        basis += try Self.orthogonalised(extra, against: N)
        return basis
    }

    /// The rows of V (e × n) made orthogonal to the columns of N (n × k) and orthonormal:
    /// V ← V − (V·N)·Nᵀ, then the right singular vectors of the result. Q's span in the QR of Sᵀ
    /// holds S's rows to a relative accuracy of ε over their relative independence (≥ τ), so V
    /// can lean on N's directions by that much; this removes it.
    private static func orthogonalised(_ V: Matrix<Double>, against N: Matrix<Double>) throws(RankError) -> [[Double]] {
        var v = V
        if N.columns > 0, let along = V.multiplied(by: N)?.multiplied(byTransposeOf: N) { v.add(along.map { -$0 }) }
        do { return try v.singularValueDecomposition().vt.rowArrays } catch { throw .linearAlgebra(error.description) }
    }
}
