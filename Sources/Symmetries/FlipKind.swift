import Exact

/// How a unit's sign can be flipped without changing the function: the activation's
/// ``ScalingRelation`` at c = −1, act(−z) = ρ·act(z) + κ.
public enum FlipKind: Sendable, Equatable {
    /// act(−z) = −act(z) (tanh): negate incoming weights, bias and outgoing weights.
    case odd
    /// act(−z) = k − act(z) with k ≠ 0 (sigmoid, k = 1): negate incoming weights, bias and
    /// outgoing weights, and add k·w_out to the biases of the receiving units.
    case oddWithOffset(Rational)
    /// act(−z) = act(z) (abs): negate incoming weights and bias only.
    case even
}
