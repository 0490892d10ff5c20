import Exact
import Networks

/// The parameter index θ of a network, with its names, and for every unit where its parameters
/// sit: incoming weights and bias (the unit's own parameters) and outgoing weights (parameters of
/// the units it feeds). The indices are the network's ``ParameterLayout`` (read through
/// ``Network/forEachParameter(_:)``), the index of parameter vectors and of both Jacobians'
/// columns, so index k here is column k there.
public struct ParameterGraph: Sendable {
    public struct Edge: Sendable {
        public let index: Int
        public let value: Rational
        /// The unit at the other end: the source of an incoming edge, the target of an outgoing one.
        public let other: UnitID
    }
    public let network: Network
    public private(set) var incoming: [UnitID: [Edge]] = [:]
    public private(set) var outgoing: [UnitID: [Edge]] = [:]
    public private(set) var bias: [UnitID: (index: Int, value: Rational)] = [:]
    /// The readable name of each parameter (``Parameter/description``), by index.
    public let names: [String]

    public init(_ network: Network) {
        self.network = network
        var k = 0
        var incoming: [UnitID: [Edge]] = [:]
        var outgoing: [UnitID: [Edge]] = [:]
        var bias: [UnitID: (index: Int, value: Rational)] = [:]
        var names: [String] = []
        network.forEachParameter { unit, role, value in
            switch role {
            case .bias: bias[unit] = (k, value)
            case .weight(let from):
                incoming[unit, default: []].append(Edge(index: k, value: value, other: from))
                outgoing[from, default: []].append(Edge(index: k, value: value, other: unit))
            }
            names.append(Parameter(unit: unit, role: role).description)
            k += 1
        }
        self.incoming = incoming
        self.outgoing = outgoing
        self.bias = bias
        self.names = names
    }

    /// P.
    public var parameterCount: Int { names.count }

    /// θ in index order.
    public var values: [Rational] {
        var theta = [Rational](repeating: .zero, count: parameterCount)
        for edges in incoming.values { for e in edges { theta[e.index] = e.value } }
        for b in bias.values { theta[b.index] = b.value }
        return theta
    }

    /// The activation of unit u's layer.
    public func activation(_ u: UnitID) -> Activation { network.layers[u.layer - 1].activation }

    /// Incoming weights and bias of u: the parameters a unit's pre-activation depends on.
    public func ownParameters(_ u: UnitID) -> [(index: Int, value: Rational)] {
        var out = (incoming[u] ?? []).map { ($0.index, $0.value) }
        if let b = bias[u] { out.append(b) }
        return out
    }

    /// Units of layer ℓ.
    public func units(ofLayer l: Int) -> [UnitID] { (0..<network.width(ofLayer: l)).map { UnitID(layer: l, unit: $0) } }

    /// The hidden layers 1 … L − 1 (empty for a single layer).
    public var hiddenLayers: [Int] { Array(1..<max(1, network.layers.count)) }

    /// The index of the edge source → target, if it is a parameter.
    public func edgeIndex(from source: UnitID, to target: UnitID) -> Int? {
        outgoing[source]?.first { $0.other == target }?.index
    }
}
