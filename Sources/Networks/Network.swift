import Exact
import LinearAlgebra

/// A feed-forward network as an exact-rational parameter graph.
///
/// Layer number 0 is the input layer (``inputCount`` units, no parameters); layer number ℓ ≥ 1 is
/// `layers[ℓ − 1]`. The last layer is the output layer. Every unit of layer ℓ computes
/// `act_ℓ(Σ_c Σ_j w_c[i, j]·x_{source(c), j} + b_i)`.
///
/// Values are validated on construction (``init(inputCount:layers:name:inputDomain:metadata:)``
/// throws ``NetworkError``), so every `Network` is well formed.
public struct Network: Sendable, Equatable {
    public internal(set) var inputCount: Int
    public internal(set) var layers: [Layer]
    public var name: String?
    public var inputDomain: InputDomain?
    /// Free-form string metadata, kept through reading and writing.
    public var metadata: [String: String]

    public init(
        inputCount: Int, layers: [Layer], name: String? = nil, inputDomain: InputDomain? = nil,
        metadata: [String: String] = [:]
    ) throws(NetworkError) {
        self.inputCount = inputCount
        self.layers = layers
        self.name = name
        self.inputDomain = inputDomain
        self.metadata = metadata
        try validate()
    }

    /// A dense MLP with the given widths, activations per non-input layer and weights/biases.
    public static func mlp(
        widths: [Int], activations: [Activation], weights: [[[Rational]]], biases: [[Rational]?]
    ) throws(NetworkError) -> Network {
        guard widths.count >= 2, activations.count == widths.count - 1, weights.count == widths.count - 1,
            biases.count == widths.count - 1
        else { throw .invalid(place: "network", reason: "widths, activations, weights and biases disagree in length") }
        var layers: [Layer] = []
        for l in 1..<widths.count {
            guard let w = Matrix(rowArrays: weights[l - 1], columns: widths[l - 1]), w.rows == widths[l] else {
                throw .shapeMismatch(place: "layer\(l).weights", expected: "\(widths[l])×\(widths[l - 1])", found: "\(weights[l - 1].count) rows")
            }
            layers.append(Layer(activation: activations[l - 1], weights: w, bias: biases[l - 1], source: l - 1))
        }
        return try Network(inputCount: widths[0], layers: layers)
    }

    /// The number of units in layer ℓ (ℓ = 0 is the input layer).
    public func width(ofLayer l: Int) -> Int { l == 0 ? inputCount : layers[l - 1].units }

    /// Widths of all layers, input first.
    public var widths: [Int] { [inputCount] + layers.map(\.units) }

    /// The number of the output layer.
    public var outputLayer: Int { layers.count }
    public var outputCount: Int { layers.last?.units ?? 0 }

    /// Every unit whose bias is an irrational symbolic constant (``Layer/symbolicBias``), in order.
    public var symbolicBiases: [(unit: UnitID, value: SymbolicConstant)] {
        layers.enumerated().flatMap { index, layer in
            layer.symbolicBias.sorted { $0.key < $1.key }.map { (UnitID(layer: index + 1, unit: $0.key), $0.value) }
        }
    }

    /// Whether some bias is an irrational symbolic constant.
    public var hasSymbolicBiases: Bool { layers.contains { !$0.symbolicBias.isEmpty } }

    /// Hidden units: every unit of layers 1 … L−1.
    public var hiddenUnits: [UnitID] {
        (1..<max(1, layers.count)).flatMap { l in (0..<layers[l - 1].units).map { UnitID(layer: l, unit: $0) } }
    }

    /// Replaces layer ℓ (1 ≤ ℓ ≤ number of layers) and revalidates.
    public func replacingLayer(_ l: Int, with layer: Layer) throws(NetworkError) -> Network {
        guard (1...layers.count).contains(l) else {
            throw .invalid(place: "layer\(l)", reason: "the network has layers 1…\(layers.count)")
        }
        var copy = self
        copy.layers[l - 1] = layer
        try copy.validate()
        return copy
    }

    /// A network with new layers (same inputs, name, domain and metadata), validated.
    public func withLayers(_ newLayers: [Layer]) throws(NetworkError) -> Network {
        try Network(inputCount: inputCount, layers: newLayers, name: name, inputDomain: inputDomain, metadata: metadata)
    }

    func validate() throws(NetworkError) {
        guard inputCount > 0 else { throw .invalid(place: "inputs", reason: "a network needs at least one input") }
        guard !layers.isEmpty else { throw .invalid(place: "layers", reason: "a network needs at least one layer") }
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            let place = "layer\(l)"
            guard layer.units > 0 else { throw .invalid(place: place, reason: "a layer needs at least one unit") }
            guard !layer.connections.isEmpty else { throw .invalid(place: place, reason: "the layer has no incoming connections") }
            var sources = Set<Int>()
            for (c, connection) in layer.connections.enumerated() {
                let cplace = "\(place).connections[\(c)]"
                guard connection.source >= 0 else { throw .invalid(place: cplace, reason: "source layer \(connection.source) is negative") }
                guard connection.source < l else {
                    throw .invalid(place: cplace, reason: "an edge from layer \(connection.source) into layer \(l) does not point forward")
                }
                guard sources.insert(connection.source).inserted else {
                    throw .invalid(place: cplace, reason: "a second connection from layer \(connection.source)")
                }
                let expected = "\(layer.units)×\(width(ofLayer: connection.source))"
                guard connection.weights.rows == layer.units, connection.weights.columns == width(ofLayer: connection.source) else {
                    throw .shapeMismatch(place: "\(cplace).weights", expected: expected, found: "\(connection.weights.rows)×\(connection.weights.columns)")
                }
                if let mask = connection.present {
                    guard mask.rows == layer.units, mask.columns == connection.weights.columns else {
                        throw .shapeMismatch(place: "\(cplace).present", expected: expected, found: "\(mask.rows)×\(mask.columns)")
                    }
                    for i in 0..<mask.rows {
                        for j in 0..<mask.columns where !mask[i, j] && !connection.weights[i, j].isZero {
                            throw .invalid(place: "\(cplace).weights[\(i)][\(j)]", reason: "an absent edge must have weight 0")
                        }
                    }
                }
            }
            if let bias = layer.bias, bias.count != layer.units {
                throw .shapeMismatch(place: "\(place).bias", expected: "\(layer.units)", found: "\(bias.count)")
            }
            for (i, value) in layer.symbolicBias {
                guard let bias = layer.bias, (0..<layer.units).contains(i) else {
                    throw .invalid(place: "\(place).bias[\(i)]", reason: "a symbolic bias needs a bias entry for the unit")
                }
                guard !value.isRational, bias[i] == value.rational else {
                    throw .invalid(place: "\(place).bias[\(i)]", reason: "a symbolic bias must be irrational and have the unit's bias as its rational part")
                }
            }
        }
    }
}
