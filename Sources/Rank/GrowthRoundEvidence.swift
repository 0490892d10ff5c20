import LinearAlgebra

/// How the Gram engine read one growth round through C = J_new·N instead of refactoring
/// (proofs/growth-without-refactoring.md): the batch before had rank r with an orthonormal null
/// basis N (k = P − r columns), β ≥ ‖J_old·N‖₂, λ ≤ σ_min(J_old) on span(N)^⊥ and ℓ ≤ σ_r(J_old);
/// the round's rows J_new give c = σ(C) and the coupling L = min(‖J_new‖_F, L_×) ≥
/// ‖U_sᵀ·J_new·(I − N·Nᵀ)‖₂ (Claim 3′, a second pass over the round's rows). With
/// s = #{i : √(β² + cᵢ²) > τ}, the grown batch A = [J_old; J_new] has
///
///     σ_{r+s}(A) ≥ lower = (s = 0 ? ℓ : σ_min([[λ, 0], [L, c_s]]) − β)  (Cauchy interlacing / Courant–Fischer, Weyl),
///     σ_{r+s+1}(A) ≤ upper = √(β² + c_{s+1}²)                          (Courant–Fischer),
///
/// and the round **settles** at rank r + s — no pivoted Cholesky, no Schur deflation — when
/// lower > τ ≥ upper and lower/upper is not below the ambiguity ratio; otherwise the engine
/// refactors the whole batch from G, which the round's rows were folded into as well.
///
/// The values are bounds at the engine's accuracy, not a full SVD of the batch: ℓ (and hence λ)
/// is a bound when the chain began with a Schur deflation's lower bound and an estimate when it
/// began with the Gram engine's inverse-iteration estimate of √λ_min(G₁₁) (``lowerIsBound``).
public struct GrowthRoundEvidence: Sendable, Equatable {
    /// Rows of the grown batch, and of them the round's new rows.
    public let rows: Int
    public let newRows: Int
    /// r, the rank of the batch before the round, and k = P − r, the columns of N.
    public let previousRank: Int
    public let nullColumns: Int
    /// s, the new directions: σ(C) values with √(β² + c²) above the cut.
    public let newDirections: Int
    /// The cut τ: max(tolerance, the previous round's cut, σ̂₁·max(m, P)·ε, L·max(m₂, P)·ε) with
    /// σ̂₁ = √(σ̂₁(J_old)² + L²) ≥ σ₁(A).
    public let cut: Double
    /// β ≥ ‖J_old·N‖₂, λ ≤ σ_min(J_old) on span(N)^⊥, ‖J_new‖_F.
    public let beta: Double
    public let lambda: Double
    public let newRowsNorm: Double
    /// L_× = ‖U_sᵀ·J_new·(I − N·Nᵀ)‖₂ from the second pass over the round's rows (Claim 3′),
    /// `nil` when s = 0 or it was not read; L = min(‖J_new‖_F, L_×) is the coupling the lower bound uses.
    public let coupling: Double?
    /// The bound on σ_{r+s}(A) from below and on σ_{r+s+1}(A) from above (`nil` when s = k).
    public let lower: Double
    public let upper: Double?
    /// lower / upper (`nil` when s = k).
    public let gap: Double?
    /// The lower bound carried from the round that began the chain is a bound (a Schur
    /// deflation's) rather than the Gram engine's estimate.
    public let lowerIsBound: Bool
    /// The round stands at rank r + s (else the batch was refactored).
    public let settled: Bool
    /// Why it did not stand, when it did not.
    public let refusal: String?

    /// r + s, the grown batch's rank when the round settles.
    public var rank: Int { previousRank + newDirections }

    /// "80360 rows (+7360): rank 24945 + 613 = 25558 with σ25558 ≥ … (bound), σ25559 ≤ …, gap …
    /// at τ = …" for the `Gram method:` line (`short` formats a number).
    public func text(short: (Double) -> String) -> String {
        let r = rank
        var line = "\(rows) rows (+\(newRows)): "
        line += "rank \(previousRank) + \(newDirections) = \(r) from σ(J_new·N) on \(nullColumns) null columns, "
        line += "σ\(r) ≥ \(short(lower)) (\(lowerIsBound ? "bound" : "from the Gram estimate"))"
        if let upper { line += ", σ\(r + 1) ≤ \(short(upper))" }
        if let gap { line += ", gap \(short(gap))" }
        line += " at τ = \(short(cut)) (β = \(short(beta)), λ = \(short(lambda)), ‖J_new‖_F = \(short(newRowsNorm))"
        if let coupling { line += ", ‖U_sᵀJ_new(I − NNᵀ)‖ = \(short(coupling))" }
        line += ")"
        line += settled ? ", no refactoring" : "; not separated (\(refusal ?? "ambiguous")): refactored"
        return line
    }
}
