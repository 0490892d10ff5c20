import Exact
import Networks
import Symmetries

/// An input at which two networks' outputs differ.
public struct Witness: Sendable, Equatable {
    /// The input (exact rationals; each is also exactly a Double).
    public let input: [Rational]
    /// Whether the outputs were computed exactly (piecewise-linear networks) or enclosed by
    /// certified ball arithmetic (analytic activations).
    public let exact: Bool
    /// For a certified witness: the working precision (bits) at which the two networks' output
    /// enclosures became disjoint.
    public let precision: Int?
    /// A proven lower bound on the largest output difference max |f_A(x) − f_B(x)|: the exact
    /// difference when `exact`, else the gap between the two disjoint enclosures.
    public let differenceLowerBound: Rational
    /// ``differenceLowerBound`` rounded to a Double, for display.
    public var difference: Double { differenceLowerBound.doubleValue }
    /// The outputs: exact rationals, or Arb's enclosures `mid +/- rad`.
    public let outputsA: [String]
    public let outputsB: [String]
}
