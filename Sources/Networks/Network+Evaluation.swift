import Exact
import LinearAlgebra

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
