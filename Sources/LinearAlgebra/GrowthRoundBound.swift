/// The bounds a growth round that does not refactor reads from C = J_new·N
/// (proofs/growth-without-refactoring.md). A = [J_old; J_new]; N (P × k) is an orthonormal basis of
/// J_old's numerical null space at rank r = P − k, with β ≥ ‖J_old·N‖₂ and λ ≤ σ_min(J_old) on
/// span(N)^⊥; L ≥ ‖J_new‖₂; c₁ ≥ … ≥ c_k the singular values of C.
///
/// - upper (Courant–Fischer on span(N·Y_⊥)): σ_{r+s+i}(A) ≤ √(β² + c_{s+i}²);
/// - lower (Courant–Fischer on span(N)^⊥ ⊕ span(N·Y_s), then Weyl): σ_{r+s}(A) ≥
///   σ_min([[λ, 0], [L, c_s]]) − β for s ≥ 1, and σ_r(A) ≥ σ_r(J_old) for s = 0 (interlacing).
public enum GrowthRoundBound {
    /// σ_min([[λ, 0], [L, c]]) = 2λc / (√((λ + c)² + L²) + √((λ − c)² + L²)): |det| over σ_max,
    /// with no cancellation (≈ λ·c/L for L ≫ λ, c). 0 when λ or c is ≤ 0.
    public static func triangularSmallest(lambda: Double, cross: Double, new c: Double) -> Double {
        guard lambda > 0, c > 0 else { return 0 }
        let l = Swift.abs(cross)
        let high = ((lambda + c) * (lambda + c) + l * l).squareRoot() + ((lambda - c) * (lambda - c) + l * l).squareRoot()
        return 2 * lambda * c / high
    }

    /// √(β² + c²): the upper bound on σ_{r+s+i}(A) from c = c_{s+i} (and on ‖A·N·Y_⊥‖₂ for i = 1).
    public static func upper(beta: Double, next c: Double) -> Double {
        let a = Swift.abs(beta), b = Swift.abs(c), m = Swift.max(a, b)
        guard m > 0 else { return 0 }
        return m * ((a / m) * (a / m) + (b / m) * (b / m)).squareRoot()
    }

    /// s: how many of `values` (σ(C), largest first) leave √(β² + cᵢ²) above `cut` — the new
    /// directions; then σ_{r+s+1}(A) ≤ √(β² + c_{s+1}²) ≤ cut.
    public static func newDirections(values: [Double], beta: Double, cut: Double) -> Int {
        values.prefix { upper(beta: beta, next: $0) > cut }.count
    }

    /// The lower bound on σ_{r+s}(A) (and, for s ≥ 1, on A over the complement of N·Y_⊥):
    /// σ_min([[λ, 0], [L, c_s]]) − β for s ≥ 1 (never below 0); `previous` — the lower bound on
    /// σ_r(J_old) — for s = 0.
    public static func lower(newDirections s: Int, values: [Double], lambda: Double, beta: Double, cross: Double, previous: Double) -> Double {
        guard s > 0 else { return previous }
        return Swift.max(0, triangularSmallest(lambda: lambda, cross: cross, new: values[s - 1]) - beta)
    }
}
