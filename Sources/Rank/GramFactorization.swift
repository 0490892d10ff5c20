import LinearAlgebra

/// The factor stage's engine when ``RankOptions/factorization`` is ``FactorizationMethod/gram``:
/// J's rows are folded into G = JᵀJ (``GramMatrix``, `dsyrk`, 8·P² bytes) and the rank is read
/// from a pivoted Cholesky factorisation of G (`dpstrf`, ≈ P³/3 flops against ≈ 2·m·P² + SVD for
/// QR). σᵢ(J)² = λᵢ(G), so the cut τ on J becomes τ² on G; round-off in G is ≈ ε·max(m, P)·λ₁,
/// so the method resolves σ only down to its floor σ₁·√(max(m, P)·ε), and the cut is never
/// put below it.
///
/// The spectrum it reports is not a full SVD (``SpectrumSource/gram``): σ₁ by power iteration,
/// the Cholesky pivots √dᵢ in between, at position r the estimate of √λ_min(G₁₁) ≤ σ_r(J)'s
/// bound from the pivoted columns, and below the cut the Ritz bounds √μᵢ ≥ σ_{r+i}(J) on the
/// computed null space, never shown below the floor. The gap σ_r/σ_{r+1} is then read against
/// the floor; when it is ambiguous the factor stage refactors with a stronger engine if its
/// memory plan fits (``GramRankEvidence``).
struct GramFactorization: Factorization {
    let columns: Int
    private var gram: GramMatrix?
    private(set) var gramEvidence: GramRankEvidence?
    /// Null-space rows of the last numeric rank (k × P), kept for the attribute stage.
    private var null: Matrix<Double>?
    /// (J·N)ᵀ(J·N) (k × k, column-major) accumulated from J's own rows by ``refine(rows:)``.
    private var refinement: [Double]?
    /// The rows folded into ``refinement``.
    private var refinedRows = 0

    init(columns: Int) throws(RankError) {
        self.columns = columns
        guard columns > 0 else { return }
        do { gram = try GramMatrix(columns: columns) } catch { throw .linearAlgebra(error.description) }
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        do { try gram?.accumulate(rows: block) } catch { throw .linearAlgebra(error.description) }
        null = nil
        gramEvidence = nil
        refinement = nil
    }

    /// The reported spectrum of the last ``numericRank(rows:tolerance:ambiguityRatio:)`` (zeros before one).
    func singularValues() throws(RankError) -> [Double] { gramEvidence?.spectrum ?? [Double](repeating: 0, count: columns) }

    mutating func numericRank(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank {
        guard var g = gram else {
            return NumericRank(singularValues: [], rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        }
        // One reference to G while it is factored, so that the factorisation works in place
        // rather than on a copy of 8·P² bytes.
        gram = nil
        defer { gram = g }
        let P = columns, size = Double(max(rows, P)), eps = Double.ulpOfOne
        let sigma1 = g.largestEigenvalue().squareRoot()
        let floor = sigma1 * (size * eps).squareRoot()
        let tau = max(tolerance ?? sigma1 * size * eps, floor)
        let basis: Matrix<Double>, ritz: [Double], lead: Double?, f: GramMatrix.PivotedCholesky
        do {
            f = try g.factor(cut: tau * tau)
            basis = try g.nullSpaceBasis()
            ritz = try g.ritzValues(onRows: basis)
            lead = try g.leadingSmallestEigenvalue()
        } catch { throw .linearAlgebra(error.description) }
        null = basis
        let r = f.rank
        let sigmaR = lead.map { $0.squareRoot() } ?? 0
        var spectrum = [Double](repeating: floor, count: P)
        for i in 0..<r { spectrum[i] = min(sigma1, max(f.diagonal[i], sigmaR)) }
        if r > 0 { spectrum[0] = sigma1 }
        if r > 1 { spectrum[r - 1] = min(sigmaR, spectrum[r - 2]) }
        for (i, mu) in ritz.enumerated() { spectrum[r + i] = max(max(mu, 0).squareRoot(), floor) }
        let result = NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: tau, ambiguityRatio: ambiguityRatio)
        gramEvidence = GramRankEvidence(
            rows: rows, pivotRank: r, sigma1: sigma1, floor: floor, cut: tau,
            leadingSmallest: r > 0 ? sigmaR : nil, nullBound: ritz.first.map { max($0, 0).squareRoot() },
            gap: result.gapRatio, ambiguous: result.isAmbiguous, spectrum: spectrum)
        return result
    }

    /// Starts the check of the sub-cut side from J itself: ``refine(rows:)`` then receives every
    /// row of J again and ``finishRefinement()`` reads ‖J·N‖₂ off (J·N)ᵀ(J·N).
    mutating func beginRefinement() {
        let k = null?.rows ?? 0
        refinement = k > 0 ? [Double](repeating: 0, count: k * k) : nil
        refinedRows = 0
    }

    /// (J·N)ᵀ(J·N) += (B·N)ᵀ(B·N) for a block B of J's rows (`dgemm`, `dsyrk`: 2·b·P·k flops).
    /// B·N is formed from J's entries, so its round-off is ≈ ε·‖B‖·‖N‖ — not the ε·λ₁ of G: the
    /// Ritz values it gives resolve σ_{r+1} down to the level QR resolves.
    mutating func refine(rows block: Matrix<Double>) throws(RankError) {
        guard var c = refinement, let basis = null, block.rows > 0 else { return }
        refinement = nil
        defer { refinement = c }
        do { c = try basis.accumulateProjectedGram(into: c, rows: block) } catch { throw .linearAlgebra(error.description) }
        refinedRows += block.rows
    }

    /// The numeric rank with the sub-cut side read from J: σ_{r+1}(J) ≤ ‖J·N‖₂ = √ν₁ for the
    /// largest eigenvalue ν₁ of (J·N)ᵀ(J·N) (Courant–Fischer: N spans k = P − r directions), shown
    /// no lower than QR's cut σ₁·max(m, P)·ε. The side above the cut stays the Gram estimate, which
    /// is sound only clear of the Gram floor: within 10× of it the rank stays ambiguous.
    mutating func finishRefinement(tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank? {
        guard let c = refinement, var evidence = gramEvidence, refinedRows == evidence.rows else { return nil }
        let values: [Double]
        do { values = try Matrix<Double>.symmetricEigenvalues(upper: c, order: null?.rows ?? 0) } catch { throw .linearAlgebra(error.description) }
        let r = evidence.pivotRank, P = columns
        let qrCut = evidence.sigma1 * Double(max(evidence.rows, P)) * Double.ulpOfOne
        var spectrum = evidence.spectrum
        for (i, nu) in values.enumerated() { spectrum[r + i] = max(max(nu, 0).squareRoot(), qrCut) }
        let result = NumericRank(
            singularValues: spectrum, rows: evidence.rows, columns: P, tolerance: evidence.cut, ambiguityRatio: ambiguityRatio)
        let clearOfFloor = evidence.leadingSmallest.map { $0 >= 10 * evidence.floor } ?? true
        evidence.refinedNullBound = values.first.map { max($0, 0).squareRoot() }
        evidence.gap = result.gapRatio
        evidence.ambiguous = result.isAmbiguous || !clearOfFloor
        evidence.spectrum = spectrum
        gramEvidence = evidence
        refinement = nil
        return result.isAmbiguous == evidence.ambiguous ? result : NumericRank(
            singularValues: spectrum, rows: evidence.rows, columns: P, tolerance: evidence.cut, ambiguityRatio: .infinity)
    }

    /// A Gram factor M (MᵀM = JᵀJ) is not formed: the kernel checks read ‖J·t‖² = tᵀGt from G.
    var gramFactor: Matrix<Double> { Matrix(rows: 0, columns: columns, repeating: 0) }

    func kernelResidual(_ entries: [(index: Int, value: Double)]) -> Double {
        max(0, gram?.quadraticForm(entries) ?? 0).squareRoot()
    }

    var resolvableFloor: Double { gramEvidence?.floor ?? 0 }
    var spectrumSource: SpectrumSource { .gram }

    /// The null space from the pivoted Cholesky factor at the last numeric rank.
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] {
        guard let null else { return [] }
        if null.rows != columns - rank, gramEvidence != nil {
            throw .linearAlgebra("the Gram engine's null space has \(null.rows) directions, not \(columns - rank)")
        }
        return null.rowArrays
    }
}

/// How the Gram engine (``GramFactorization``) decided its rank, and whether that decision
/// stands: the cut, the floor below which it resolves nothing, and the two sides of the gap.
public struct GramRankEvidence: Sendable, Equatable {
    /// Rows of J folded into G.
    public let rows: Int
    /// r, the pivots of G's pivoted Cholesky factorisation above τ².
    public let pivotRank: Int
    /// σ₁ = √λ₁(G) by power iteration.
    public let sigma1: Double
    /// σ₁·√(max(m, P)·ε): the Gram method resolves no singular value of J below this.
    public let floor: Double
    /// The cut τ on σ (τ² on G's pivots), never below ``floor``.
    public let cut: Double
    /// √λ_min(G₁₁) for the pivoted r × r block, estimated by inverse iteration: σ_r(J) is at least
    /// the exact value of this bound.
    public let leadingSmallest: Double?
    /// √μ₁ for the Ritz values μ of G on the computed null space: σ_{r+1}(J) ≤ this (before the floor).
    public let nullBound: Double?
    /// σ_{r+1}(J) ≤ ‖J·N‖₂ read from J's own rows (``GramFactorization/refine(rows:)``), when the
    /// Gram gap alone was ambiguous.
    public internal(set) var refinedNullBound: Double? = nil
    /// σ_r / max(σ_{r+1} bound, floor) (after a refinement: / max(‖J·N‖₂, QR's cut)); `nil` at r = 0 or r = P.
    public internal(set) var gap: Double?
    /// The gap is below the ambiguity ratio (or the cut is not clear of the floor).
    public internal(set) var ambiguous: Bool
    /// The spectrum the report shows for this engine (see ``GramFactorization``).
    var spectrum: [Double]
    /// What happened after an ambiguous gap: the stronger engine that refactored the batch, or
    /// why none could (its memory plan), `nil` when the gap was clear.
    public internal(set) var fallback: String? = nil
    /// The stronger engine replaced this one (the reported rank is that engine's).
    public internal(set) var replaced = false

    /// One line for the report: which method gave the rank, its floor, the two sides of the gap
    /// and what happened when it was ambiguous (`short` formats a number).
    public func text(short: (Double) -> String) -> String {
        let r = pivotRank
        var line = "rank \(r) from the pivoted Cholesky factorisation of JᵀJ (\(rows) rows); resolves σ ≥ \(short(floor)) = σ₁·√(max(m, P)·ε)"
        if let s = leadingSmallest { line += "; σ\(r) ≳ \(short(s)) (inverse iteration on the pivoted block)" }
        if let b = nullBound { line += "; σ\(r + 1) ≤ \(b < floor ? "the floor" : short(b)) (Ritz bound on the null space)" }
        if let b = refinedNullBound { line += "; from J's rows: σ\(r + 1) ≤ ‖J·N‖₂ = \(short(b))" }
        if ambiguous { line += "; gap ambiguous: " + (fallback ?? "no stronger method ran") }
        return line
    }

    /// Why the bracket stays open because of this engine: an ambiguous gap no stronger engine checked.
    public var unsettledReason: String? {
        ambiguous && !replaced ? "the Gram method's gap is ambiguous at its floor and no stronger method fits (\(fallback ?? "not run"))" : nil
    }
}
