import Exact
import LinearAlgebra

/// The region inputs are drawn from when a network is sampled.
public enum InputDomain: Sendable, Equatable {
    /// The box ∏ [lowerᵢ, upperᵢ].
    case box(lower: [Rational], upper: [Rational])
    /// Independent normal coordinates N(mean, standardDeviation²).
    case gaussian(mean: Rational, standardDeviation: Rational)
    /// A finite set of inputs, such as the data a network was trained on. On a finite set the
    /// rank of the Jacobian stacked over all its points *is* the functional dimension there.
    case data(points: [[Rational]])
}
