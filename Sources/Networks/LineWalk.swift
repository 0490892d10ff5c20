import Exact

/// A piecewise-linear network restricted to a line x(t) = origin + t·direction, cut into the
/// open intervals of t on which every unit's pre-activation keeps one sign.
///
/// On such an interval each pre-activation is an affine function a + b·t of t, so the pieces
/// and their breakpoints are exact rationals (``Network/walkLine(origin:direction:lower:upper:maximumPieces:limits:)``).
public struct LineWalk: Sendable, Equatable {
    /// One open interval (lower, upper) of t; `nil` ends are −∞ and +∞.
    public struct Piece: Sendable, Equatable {
        public let lower: Rational?
        public let upper: Rational?
        /// A parameter strictly inside the interval (its midpoint when both ends are finite).
        public let interior: Rational
        /// The sign −1, 0 or 1 of every kinked unit's pre-activation on the interval, by layer
        /// number: `signs[ℓ − 1][i]` for unit i of layer ℓ (0: the pre-activation is 0 on the whole
        /// interval); empty for a layer whose activation has no kink.
        public let signs: [[Int8]]
    }
    /// A parameter t where at least one unit's pre-activation changes sign.
    public struct Breakpoint: Sendable, Equatable {
        public let t: Rational
        /// The units whose pre-activation is 0 at t and changes sign there.
        public let units: [UnitID]
    }
    public let origin: [Rational]
    public let direction: [Rational]
    /// The pieces from left to right; consecutive pieces meet at a breakpoint.
    public let pieces: [Piece]
    /// The breakpoints from left to right (one between each pair of consecutive pieces).
    public let breakpoints: [Breakpoint]
    /// The walk stopped at its piece budget: the pieces end at `pieces.last.upper`, before the
    /// requested upper end.
    public let truncated: Bool

    /// x(t) = origin + t·direction, exactly.
    public func point(at t: Rational) -> [Rational] {
        zip(origin, direction).map { $0 + t * $1 }
    }
}

extension Network {
    /// The exact pieces and breakpoints of the network along the line origin + t·direction for
    /// t in (lower, upper) (`nil` ends are unbounded), found layer by layer.
    ///
    /// Layer 1's pre-activations are affine in t; each changes sign at most once, at t = −a/b.
    /// Splitting the interval at those roots makes every layer-1 output affine on each part,
    /// hence layer 2's pre-activations affine there, and so on: the recursion descends one layer
    /// at a time and ends on intervals where no unit changes sign. Every breakpoint of the
    /// restricted network is found, and nothing else.
    ///
    /// - Parameter maximumPieces: the walk stops after this many pieces (``LineWalk/truncated``).
    /// - Throws: ``NetworkError/notExact(activation:unit:)`` for an activation that is not
    ///   piecewise linear, ``NetworkError/wrongInputCount(expected:found:)`` for a point or
    ///   direction of the wrong length, ``NetworkError/exactValueTooLarge(unit:bits:limit:)``
    ///   when a coefficient outgrows `limits`.
    public func walkLine(
        origin: [Rational], direction: [Rational], lower: Rational? = nil, upper: Rational? = nil,
        maximumPieces: Int = 10_000, limits: ExactEvaluationLimits = .default
    ) throws(NetworkError) -> LineWalk {
        guard origin.count == inputCount else { throw .wrongInputCount(expected: inputCount, found: origin.count) }
        guard direction.count == inputCount else { throw .wrongInputCount(expected: inputCount, found: direction.count) }
        if let l = layers.firstIndex(where: { !$0.activation.isPiecewiseLinear }) {
            throw .notExact(activation: layers[l].activation.name, unit: UnitID(layer: l + 1, unit: 0))
        }
        var walker = LineWalker(network: self, limits: limits, maximumPieces: max(1, maximumPieces))
        if let lower, let upper, !(lower < upper) {
            return LineWalk(origin: origin, direction: direction, pieces: [], breakpoints: [], truncated: false)
        }
        let inputs = zip(origin, direction).map { AffineInT(a: $0, b: $1) }
        try walker.walk(lower: lower, upper: upper, from: 1, outputs: [inputs], signs: [])
        return LineWalk(origin: origin, direction: direction, pieces: walker.pieces, breakpoints: walker.breakpoints, truncated: walker.truncated)
    }
}
