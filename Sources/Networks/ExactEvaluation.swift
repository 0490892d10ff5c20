import Exact
import LinearAlgebra

/// The result of evaluating a network exactly at a rational input.
public struct ExactEvaluation: Sendable, Equatable {
    /// The outputs, exactly.
    public let outputs: [Rational]
    /// Every unit's pre-activation, by layer number (index 0 holds the inputs themselves).
    public let preActivations: [[Rational]]
    /// Units whose pre-activation is exactly 0 at a kink of their activation: the function is
    /// not differentiable in their parameters there, so such a point is no place for a Jacobian.
    public let kinks: [UnitID]
}
