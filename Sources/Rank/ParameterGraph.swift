import Exact
import Networks

/// Where each unit's parameters sit in θ: incoming weights and bias (the unit's own parameters)
/// and outgoing weights (parameters of the units it feeds). Built once per analysis.
struct ParameterGraph {
    struct Edge {
        let index: Int
        let value: Rational
        /// The unit at the other end: the source of an incoming edge, the target of an outgoing one.
        let other: UnitID
    }
    let network: Network
    private(set) var incoming: [UnitID: [Edge]] = [:]
    private(set) var outgoing: [UnitID: [Edge]] = [:]
    private(set) var bias: [UnitID: (index: Int, value: Rational)] = [:]
    let names: [String]

    init(_ network: Network) {
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

    var parameterCount: Int { names.count }

    /// The activation of unit u's layer.
    func activation(_ u: UnitID) -> Activation { network.layers[u.layer - 1].activation }

    /// Incoming weights and bias of u: the parameters a unit's pre-activation depends on.
    func ownParameters(_ u: UnitID) -> [(index: Int, value: Rational)] {
        var out = (incoming[u] ?? []).map { ($0.index, $0.value) }
        if let b = bias[u] { out.append(b) }
        return out
    }

    /// Units of layer ℓ.
    func units(ofLayer l: Int) -> [UnitID] { (0..<network.width(ofLayer: l)).map { UnitID(layer: l, unit: $0) } }

    /// The index of the edge source → target, if it is a parameter.
    func edgeIndex(from source: UnitID, to target: UnitID) -> Int? {
        outgoing[source]?.first { $0.other == target }?.index
    }
}
