import Exact
import LinearAlgebra

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
