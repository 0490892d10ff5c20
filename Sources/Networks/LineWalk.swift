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

/// a + b·t.
struct AffineInT {
    var a: Rational
    var b: Rational
    static let zero = AffineInT(a: .zero, b: .zero)
    func value(_ t: Rational) -> Rational { a + b * t }
    var bitSize: Int { a.bitSize + b.bitSize }
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

/// The recursion of ``Network/walkLine(origin:direction:lower:upper:maximumPieces:limits:)``.
struct LineWalker {
    let network: Network
    let limits: ExactEvaluationLimits
    let maximumPieces: Int
    var pieces: [LineWalk.Piece] = []
    var breakpoints: [LineWalk.Breakpoint] = []
    var truncated = false

    /// A parameter strictly inside (lower, upper).
    static func interior(_ lower: Rational?, _ upper: Rational?) -> Rational {
        switch (lower, upper) {
        case (let l?, let u?): return (l + u) / 2
        case (nil, let u?): return u - 1
        case (let l?, nil): return l + 1
        case (nil, nil): return .zero
        }
    }

    /// Layer ℓ's pre-activations as affine functions of t, from the outputs of layers < ℓ.
    func preActivations(_ l: Int, outputs: [[AffineInT]]) throws(NetworkError) -> [AffineInT] {
        let layer = network.layers[l - 1]
        if let (i, value) = layer.symbolicBias.min(by: { $0.key < $1.key }) {
            throw .irrationalBias(unit: UnitID(layer: l, unit: i), value: value)
        }
        var z = (layer.bias ?? Array(repeating: .zero, count: layer.units)).map { AffineInT(a: $0, b: .zero) }
        for connection in layer.connections {
            let x = outputs[connection.source]
            for i in 0..<layer.units {
                for j in 0..<connection.weights.columns {
                    let w = connection.weights[i, j]
                    if w.isZero { continue }
                    if !x[j].a.isZero { z[i].a.addProduct(w, x[j].a) }
                    if !x[j].b.isZero { z[i].b.addProduct(w, x[j].b) }
                }
                let bits = z[i].bitSize
                if bits > limits.maximumBits { throw .exactValueTooLarge(unit: UnitID(layer: l, unit: i), bits: bits, limit: limits.maximumBits) }
            }
        }
        return z
    }

    /// Walks (lower, upper), on which the outputs of layers < `layer` are the given affine functions.
    mutating func walk(lower: Rational?, upper: Rational?, from layer: Int, outputs: [[AffineInT]], signs: [[Int8]]) throws(NetworkError) {
        var outputs = outputs
        var signs = signs
        for l in layer...network.layers.count {
            guard !truncated else { return }
            let activation = network.layers[l - 1].activation
            let z = try preActivations(l, outputs: outputs)
            if activation.hasKink {
                // Roots strictly inside the interval, with the units vanishing there.
                var roots: [Rational: [UnitID]] = [:]
                for (i, f) in z.enumerated() where !f.b.isZero {
                    let t = -f.a / f.b
                    if let lower, !(lower < t) { continue }
                    if let upper, !(t < upper) { continue }
                    roots[t, default: []].append(UnitID(layer: l, unit: i))
                }
                if !roots.isEmpty {
                    let cuts = roots.keys.sorted()
                    let ends: [Rational?] = [lower] + cuts.map { Optional($0) } + [upper]
                    for k in 0..<(ends.count - 1) {
                        if k > 0 {
                            guard !truncated else { return }
                            guard pieces.count < maximumPieces else { truncated = true; return }
                            breakpoints.append(LineWalk.Breakpoint(t: cuts[k - 1], units: roots[cuts[k - 1]] ?? []))
                        }
                        try walk(lower: ends[k], upper: ends[k + 1], from: l, outputs: outputs, signs: signs)
                    }
                    return
                }
            }
            // No sign change inside: each unit keeps the sign it has at an interior point.
            let t = Self.interior(lower, upper)
            let s = z.map { Int8($0.value(t).signum) }
            let (negative, positive) = activation.linearPieces ?? (.one, .one)
            outputs.append(zip(z, s).map { f, sign in
                let slope = sign < 0 ? negative : positive
                return AffineInT(a: slope * f.a, b: slope * f.b)
            })
            signs.append(activation.hasKink ? s : [])
        }
        guard pieces.count < maximumPieces else { truncated = true; return }
        pieces.append(LineWalk.Piece(lower: lower, upper: upper, interior: Self.interior(lower, upper), signs: signs))
    }
}
