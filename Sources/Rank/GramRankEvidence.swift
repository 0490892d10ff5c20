import LinearAlgebra

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
    public internal(set) var nullBound: Double?
    /// The Schur deflation that read J's spectrum below the floor from J's rows when the Gram gap
    /// was ambiguous (``SchurDeflationEvidence``); its rank is then the one reported.
    public internal(set) var deflation: SchurDeflationEvidence? = nil
    /// Why no deflation ran after an ambiguous Gram gap.
    public internal(set) var deflationRefused: String? = nil
    /// σ_r / max(σ_{r+1} bound, floor) (after a deflation: its lower bound on σ_r over σ_{r_S+1}(J·N)); `nil` at r = 0 or r = P.
    public internal(set) var gap: Double?
    /// The gap is below the ambiguity ratio (or the cut is not clear of the floor).
    public internal(set) var ambiguous: Bool
    /// The spectrum the report shows for this engine (see ``GramFactorization``).
    var spectrum: [Double]
    /// The floor lies above the cut asked for (the tolerance, or σ₁·max(m, P)·ε): singular values
    /// between the two are invisible in G, so a clear Gram gap is a rank at the floor only.
    public let floorAboveRequestedCut: Bool
    /// What happened after an ambiguous gap: the stronger engine that refactored the batch, or
    /// why none could (its memory plan), `nil` when the gap was clear.
    public internal(set) var fallback: String? = nil
    /// The stronger engine replaced this one (the reported rank is that engine's).
    public internal(set) var replaced = false
    /// The growth rounds read through J_new·N instead of a refactorisation, in order: those that
    /// settled and those whose bounds were not separated, so that the batch was refactored
    /// (``GrowthRoundEvidence``).
    public internal(set) var growthRounds: [GrowthRoundEvidence] = []
    /// The reported rank is the last growth round's (it settled): the spectrum is then bounds
    /// from σ(J_new·N), not the factorisation of the whole batch, and ``rows``, ``pivotRank`` and
    /// the deflation describe the last round that factored the batch.
    public internal(set) var readByGrowth = false

    /// The Schur deflation is to read J's spectrum below the floor: some pivot is below the cut
    /// and the Gram gap is ambiguous or the floor hides the cut asked for.
    var wantsDeflation: Bool { !readByGrowth && pivotRank < spectrum.count && (ambiguous || floorAboveRequestedCut) }

    /// One line for the report: which method gave the rank, its floor, the two sides of the gap
    /// and what happened when it was ambiguous (`short` formats a number).
    public func text(short: (Double) -> String) -> String {
        let r = pivotRank
        var line = ""
        if readByGrowth, let last = growthRounds.last {
            line += "rank \(last.rank) of \(last.rows) rows from growth bounds on σ(J_new·N), without refactoring (the rounds are listed at the end); the last factorisation: "
        }
        line += "rank \(r) from the pivoted Cholesky factorisation of JᵀJ (\(rows) rows); resolves σ ≥ \(short(floor)) = σ₁·√(max(m, P)·ε)"
        if let s = leadingSmallest { line += "; σ\(r) ≳ \(short(s)) (inverse iteration on the pivoted block)" }
        if let b = nullBound { line += "; σ\(r + 1) ≤ \(b < floor ? "the floor" : short(b)) (Ritz bound on the null space)" }
        if let d = deflation { line += "; " + d.text(short: short) } else if let why = deflationRefused { line += "; no Schur deflation (\(why))" }
        if ambiguous {
            line += "; gap ambiguous: " + (deflation != nil ? "at QR's accuracy, after the deflation" : fallback ?? "no stronger method ran")
        }
        if !growthRounds.isEmpty {
            line += "; growth rounds read through J_new·N (bounds, not an SVD of the batch): "
            line += growthRounds.map { $0.text(short: short) }.joined(separator: "; ")
        }
        return line
    }

    /// Why the bracket stays open because of this engine: an ambiguous Gram gap that neither a
    /// deflation nor a stronger engine checked (after a deflation, its gap is judged as QR's is).
    public var unsettledReason: String? {
        guard ambiguous, !replaced, deflation == nil else { return nil }
        return "the Gram method's gap is ambiguous at its floor, no Schur deflation ran (\(deflationRefused ?? "not tried")) "
            + "and no stronger method fits (\(fallback ?? "not run"))"
    }
}
