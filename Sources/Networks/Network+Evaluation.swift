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

/// Bounds on exact evaluation (reasons in `docs/limits.md`).
///
/// Exact values can grow by the size of a weight at every layer: 2,000 width-1 layers of weight
/// 10^10000 reach 10^(2·10⁷), tens of millions of bits, and minutes of arithmetic. Evaluation
/// stops with ``NetworkError/exactValueTooLarge(unit:bits:limit:)`` when a pre-activation's
/// numerator and denominator together need more than ``maximumBits`` bits.
public struct ExactEvaluationLimits: Sendable, Equatable {
    /// Bits (numerator plus denominator, ``Rational/bitSize``) allowed in one exact
    /// pre-activation. Default 4,000,000: above the 3.3 million bits of the largest number a
    /// 10⁶-character literal can write, so every network whose numbers were admitted with
    /// `--max-number-length` up to 10⁶ still evaluates exactly through a layer.
    public var maximumBits: Int
    public init(maximumBits: Int = 4_000_000) { self.maximumBits = maximumBits }
    public static let `default` = ExactEvaluationLimits()
}

extension Network {
    /// Evaluates the network exactly at a rational input.
    ///
    /// Exact whenever every activation is rational at the points it meets: always for
    /// piecewise-linear activations; for tanh-form activations only where a pre-activation is 0.
    /// - Throws: ``NetworkError/wrongInputCount(expected:found:)``,
    ///   ``NetworkError/notExact(activation:unit:)`` naming the first unit whose value is irrational,
    ///   ``NetworkError/irrationalBias(unit:value:)`` for a layer with a symbolic bias,
    ///   or ``NetworkError/exactValueTooLarge(unit:bits:limit:)`` when a pre-activation outgrows
    ///   `limits`.
    public func evaluateExactly(_ input: [Rational], limits: ExactEvaluationLimits = .default) throws(NetworkError) -> ExactEvaluation {
        guard input.count == inputCount else { throw .wrongInputCount(expected: inputCount, found: input.count) }
        var activations: [[Rational]] = [input]
        var pre: [[Rational]] = [input]
        var kinks: [UnitID] = []
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            if let (i, value) = layer.symbolicBias.min(by: { $0.key < $1.key }) {
                throw .irrationalBias(unit: UnitID(layer: l, unit: i), value: value)
            }
            var z = layer.bias ?? Array(repeating: Rational.zero, count: layer.units)
            for connection in layer.connections {
                let x = activations[connection.source]
                for i in 0..<layer.units {
                    for j in 0..<connection.weights.columns where connection.hasEdge(i, j) {
                        let w = connection.weights[i, j]
                        if !w.isZero && !x[j].isZero { z[i].addProduct(w, x[j]) }
                    }
                }
            }
            var a: [Rational] = []
            a.reserveCapacity(layer.units)
            for i in 0..<layer.units {
                let bits = z[i].bitSize
                if bits > limits.maximumBits {
                    throw .exactValueTooLarge(unit: UnitID(layer: l, unit: i), bits: bits, limit: limits.maximumBits)
                }
                guard let value = layer.activation.exactValue(z[i]) else {
                    throw .notExact(activation: layer.activation.name, unit: UnitID(layer: l, unit: i))
                }
                if layer.activation.hasKink && z[i].isZero { kinks.append(UnitID(layer: l, unit: i)) }
                a.append(value)
            }
            pre.append(z)
            activations.append(a)
        }
        return ExactEvaluation(outputs: activations[layers.count], preActivations: pre, kinks: kinks)
    }

    /// Whether every activation is piecewise linear, so that evaluation at rational inputs and
    /// the Jacobian there are exact rationals.
    public var isPiecewiseLinear: Bool { layers.allSatisfy { $0.activation.isPiecewiseLinear } }

    /// Evaluates the network in floating point (weights rounded to nearest `Double`).
    /// - Throws: ``NetworkError/wrongInputCount(expected:found:)``.
    public func evaluate(_ input: [Double]) throws(NetworkError) -> [Double] {
        try NumericNetwork(self).evaluate(input)
    }
}

/// A `Double` copy of a network's weights, for fast repeated floating-point evaluation.
/// Each weight is the nearest `Double` to the exact rational; a symbolic bias
/// q + Σ c·tanh(r) is evaluated in `Double` (``SymbolicConstant/doubleValue``).
public struct NumericNetwork: Sendable {
    public struct NumericConnection: Sendable {
        public let source: Int
        /// Row-major `units × sourceUnits`; absent edges hold 0.
        public let weights: Matrix<Double>
        /// Which edges exist (`nil`: all of them); absent edges are not parameters.
        public let present: Matrix<Bool>?
    }
    public struct NumericLayer: Sendable {
        public let units: Int
        public let activation: Activation
        public let connections: [NumericConnection]
        public let bias: [Double]
        /// Whether the biases are parameters (a layer without biases holds zeros in ``bias``).
        public let hasBias: Bool
    }
    public let inputCount: Int
    public let layers: [NumericLayer]

    public init(_ network: Network) {
        inputCount = network.inputCount
        layers = network.layers.map { layer in
            NumericLayer(
                units: layer.units, activation: layer.activation,
                connections: layer.connections.map { NumericConnection(source: $0.source, weights: $0.weights.map(\.doubleValue), present: $0.present) },
                bias: layer.bias == nil ? Array(repeating: 0, count: layer.units) : (0..<layer.units).map { layer.biasValue($0).doubleValue },
                hasBias: layer.bias != nil)
        }
    }

    /// Pre-activations and activations of every layer at `input` (index 0 holds the input).
    public func forward(_ input: [Double]) throws(NetworkError) -> (pre: [[Double]], post: [[Double]]) {
        guard input.count == inputCount else { throw .wrongInputCount(expected: inputCount, found: input.count) }
        var post: [[Double]] = [input]
        var pre: [[Double]] = [input]
        for layer in layers {
            var z = layer.bias
            for connection in layer.connections {
                let x = post[connection.source]
                let w = connection.weights
                w.elements.withUnsafeBufferPointer { wp in
                    for i in 0..<layer.units {
                        var s = 0.0
                        let rowStart = i * w.columns
                        for j in 0..<w.columns { s += wp[rowStart + j] * x[j] }
                        z[i] += s
                    }
                }
            }
            pre.append(z)
            post.append(z.map { layer.activation.value($0) })
        }
        return (pre, post)
    }

    /// The outputs at `input`.
    public func evaluate(_ input: [Double]) throws(NetworkError) -> [Double] {
        try forward(input).post.last ?? []
    }
}
