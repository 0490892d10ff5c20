import Exact
import LinearAlgebra

/// A unit of a network: layer number ℓ (0 is the input layer) and index within the layer.
public struct UnitID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var layer: Int
    public var unit: Int
    public init(layer: Int, unit: Int) {
        self.layer = layer
        self.unit = unit
    }
    /// `layer2.unit3`.
    public var description: String { "layer\(layer).unit\(unit)" }
    /// The unit named `text` in the form of ``description`` (`layer2.unit3`), or `nil`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasPrefix("layer"), parts[1].hasPrefix("unit"),
              let layer = Int(parts[0].dropFirst(5)), let unit = Int(parts[1].dropFirst(4)), layer >= 0, unit >= 0
        else { return nil }
        self.init(layer: layer, unit: unit)
    }
    public static func < (a: UnitID, b: UnitID) -> Bool { (a.layer, a.unit) < (b.layer, b.unit) }
}

/// Weighted edges into one layer from one earlier layer.
///
/// `weights[i, j]` is the weight from unit j of layer `source` to unit i of the receiving layer.
/// `present`, when given, marks which edges exist: an absent edge is not a parameter and its
/// weight is 0 (pruned networks). `nil` means every edge exists (dense).
public struct Connection: Sendable, Equatable {
    public var source: Int
    public var weights: Matrix<Rational>
    public var present: Matrix<Bool>?

    public init(source: Int, weights: Matrix<Rational>, present: Matrix<Bool>? = nil) {
        self.source = source
        self.weights = weights
        self.present = present
    }

    /// Whether the edge from source unit j into unit i is a parameter.
    @inlinable
    public func hasEdge(_ i: Int, _ j: Int) -> Bool { present?[i, j] ?? true }
}

/// A non-input layer: its units' activation, incoming connections and optional biases.
public struct Layer: Sendable, Equatable {
    public var units: Int
    public var activation: Activation
    /// Incoming connections, each from a distinct earlier layer. Conventionally the first is from
    /// the previous layer; the others are skip connections.
    public var connections: [Connection]
    /// One bias per unit, or `nil` for a layer without biases. For a unit listed in
    /// ``symbolicBias`` this is the rational part q of its exact, irrational bias.
    public var bias: [Rational]?
    /// Units whose bias is an irrational constant q + Σ cᵢ·tanh(rᵢ) (never a rational one), by
    /// unit index: what a reduced network carries where a constant unit with an irrational
    /// output was folded into the biases it feeds. The entry's rational part is `bias[i]`.
    /// Empty for every network read from a tensor file.
    public var symbolicBias: [Int: SymbolicConstant]

    public init(units: Int, activation: Activation, connections: [Connection], bias: [Rational]?, symbolicBias: [Int: SymbolicConstant] = [:]) {
        self.units = units
        self.activation = activation
        self.connections = connections
        self.bias = bias
        self.symbolicBias = symbolicBias
    }

    /// The exact bias of unit i (0 for a layer without biases).
    public func biasValue(_ i: Int) -> SymbolicConstant {
        symbolicBias[i] ?? SymbolicConstant(bias?[i] ?? .zero)
    }

    /// Sets the exact bias of every unit (the layer must have biases): rational entries go to
    /// ``bias``, irrational ones to ``symbolicBias`` as well.
    public mutating func setBiases(_ values: [SymbolicConstant]) {
        bias = values.map(\.rational)
        symbolicBias = [:]
        for (i, v) in values.enumerated() where !v.isRational { symbolicBias[i] = v }
    }

    /// A dense layer fed by the previous one.
    public init(activation: Activation, weights: Matrix<Rational>, bias: [Rational]?, source: Int) {
        self.init(units: weights.rows, activation: activation, connections: [Connection(source: source, weights: weights)], bias: bias)
    }
}

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

/// Why a network is not well formed; `place` names the layer, connection or entry.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(place: String, reason: String)
    case shapeMismatch(place: String, expected: String, found: String)
    case wrongInputCount(expected: Int, found: Int)
    case notExact(activation: String, unit: UnitID)
    /// An exact intermediate value grew beyond ``ExactEvaluationLimits/maximumBits``.
    case exactValueTooLarge(unit: UnitID, bits: Int, limit: Int)
    /// The unit's bias is an irrational symbolic constant, so its pre-activation is not rational.
    case irrationalBias(unit: UnitID, value: SymbolicConstant)

    public var description: String {
        switch self {
        case .invalid(let place, let reason): return "\(place): \(reason)"
        case .shapeMismatch(let place, let expected, let found): return "\(place): expected shape \(expected), found \(found)"
        case .wrongInputCount(let expected, let found): return "the network has \(expected) inputs; \(found) values given"
        case .notExact(let activation, let unit):
            return "\(unit): \(activation) is not rational at this point, so exact evaluation is impossible"
        case .exactValueTooLarge(let unit, let bits, let limit):
            return "\(unit): the exact pre-activation has \(bits) bits, beyond the limit of \(limit) bits for exact evaluation"
        case .irrationalBias(let unit, let value):
            return "\(unit): the bias is the irrational constant \(value), so exact rational evaluation is impossible"
        }
    }
}
