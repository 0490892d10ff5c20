import Exact
import Networks

/// How a unit's sign can be flipped without changing the function, read from the activation's
/// properties (never its name).
public enum FlipKind: Sendable, Equatable {
    /// act(−z) = −act(z) (tanh): negate incoming weights, bias and outgoing weights.
    case odd
    /// act(−z) = k − act(z) with k ≠ 0 (sigmoid, k = 1): negate incoming weights, bias and
    /// outgoing weights, and add k·w_out to the biases of the receiving units.
    case oddWithOffset(Rational)
    /// act(−z) = act(z) (abs): negate incoming weights and bias only.
    case even
}

extension Activation {
    /// The sign flip this activation admits, if any. Linear activations are handled by the
    /// linear normal form instead (their whole GL(n) symmetry), so they report `nil` here.
    var flipKind: FlipKind? {
        if isLinear { return nil }
        if isEven { return .even }
        if let k = oddOffset { return k.isZero ? .odd : .oddWithOffset(k) }
        return nil
    }

    /// Units can be rescaled by c > 0 (act(c·z) = c·act(z)) and the activation is not linear
    /// (a linear layer's scalings are part of its GL(n) symmetry).
    var admitsScaling: Bool { isPositivelyHomogeneous && !isLinear }

    /// The slope c of a linear activation act(z) = c·z.
    var linearSlope: Rational? { isLinear ? linearPieces?.positive : nil }

    /// act is injective on ℝ: piecewise linear with both slopes of one strict sign, or a tanh
    /// form α + β·tanh(γz) with β·γ ≠ 0.
    var isInjective: Bool {
        if let (a, b) = linearPieces { return a.signum * b.signum > 0 }
        if let form = tanhForm { return !form.scale.isZero && !form.inner.isZero }
        return false
    }

    /// A Lipschitz constant of act (for the rounding-error bound of Double evaluation).
    var lipschitzBound: Double {
        if let (a, b) = linearPieces { return max(a.magnitude.doubleValue, b.magnitude.doubleValue) }
        if let form = tanhForm { return (form.scale * form.inner).magnitude.doubleValue }
        return .infinity
    }
}
