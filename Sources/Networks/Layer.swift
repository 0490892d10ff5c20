import Exact
import LinearAlgebra

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
