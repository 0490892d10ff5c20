import Exact
import Networks

/// The activation symmetry algebra: what act(c·z) equals for which c, read from the
/// activation's properties (never its name). Every rule of ``SymmetryMove``, the canonicaliser's
/// scale, flip and merge steps, and ``SymmetryGroupSummary`` ask these questions and no others.
extension Activation {
    /// (ρ, κ) with act(c·z) = ρ·act(z) + κ for every z, when the activation's properties give
    /// one: c = 1 (ρ = 1); c > 0 and positively homogeneous (ρ = c); c = −1 and odd up to the
    /// constant K (ρ = −1, κ = K); c < 0, even and positively homogeneous (ρ = −c).
    public func scalingRelation(at c: Rational) -> ScalingRelation? {
        if c.isOne { return ScalingRelation(c: c, rho: 1, kappa: 0) }
        if c.signum > 0 && isPositivelyHomogeneous { return ScalingRelation(c: c, rho: c, kappa: 0) }
        if (-c).isOne, let k = oddOffset { return ScalingRelation(c: c, rho: -1, kappa: k) }
        if c.signum < 0 && isEven && isPositivelyHomogeneous { return ScalingRelation(c: c, rho: -c, kappa: 0) }
        return nil
    }

    /// The sign flip this activation admits: its relation at c = −1. Linear activations are
    /// handled by the linear normal form instead (their whole GL(n) symmetry), so they report
    /// `nil` here.
    public var flipKind: FlipKind? {
        guard !isLinear, let relation = scalingRelation(at: -1) else { return nil }
        if relation.rho.isOne { return .even }
        return relation.kappa.isZero ? .odd : .oddWithOffset(relation.kappa)
    }

    /// Units can be rescaled by every c > 0 (act(c·z) = c·act(z)) and the activation is not
    /// linear (a linear layer's scalings are part of its GL(n) symmetry).
    public var admitsScaling: Bool { isPositivelyHomogeneous && !isLinear }

    /// The slope c of a linear activation act(z) = c·z.
    public var linearSlope: Rational? { isLinear ? linearPieces?.positive : nil }

    /// act is injective on ℝ: piecewise linear with both slopes of one strict sign, or a tanh
    /// form α + β·tanh(γz) with β·γ ≠ 0.
    public var isInjective: Bool {
        if let (a, b) = linearPieces { return a.signum * b.signum > 0 }
        if let form = tanhForm { return !form.scale.isZero && !form.inner.isZero }
        return false
    }

    /// A Lipschitz constant of act (for the rounding-error bound of Double evaluation).
    public var lipschitzBound: Double {
        if let (a, b) = linearPieces { return max(a.magnitude.doubleValue, b.magnitude.doubleValue) }
        if let form = tanhForm { return (form.scale * form.inner).magnitude.doubleValue }
        return .infinity
    }

    /// act′(b) as a coefficient: exact for piecewise-linear activations off their kink and for
    /// tanh-form activations at 0 (β·γ); `Double` otherwise; `nil` at a kink.
    public func slope(at b: Rational) -> Coefficient? {
        if isPiecewiseLinear { return exactDerivative(b).map { Coefficient($0) } }
        if let form = tanhForm, b.isZero { return Coefficient(form.scale * form.inner) }
        return Coefficient(numeric: derivative(b.doubleValue))
    }

    /// act(b) as a coefficient: exact when ``exactValue(_:)`` knows it, else `Double`.
    public func value(at b: Rational) -> Coefficient {
        exactValue(b).map { Coefficient($0) } ?? Coefficient(numeric: value(b.doubleValue))
    }
}
