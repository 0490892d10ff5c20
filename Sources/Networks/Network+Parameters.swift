import Exact
import LinearAlgebra

/// One parameter of a network: an edge weight or a bias.
public struct Parameter: Hashable, Sendable, CustomStringConvertible {
    public enum Role: Hashable, Sendable {
        /// The weight of the edge from `source` into the unit.
        case weight(from: UnitID)
        case bias
    }
    /// The unit the parameter belongs to (the receiving unit of a weight).
    public let unit: UnitID
    public let role: Role
    /// Whether the weight comes from the layer just before the unit's (the primary connection).
    let fromPreviousLayer: Bool

    public init(unit: UnitID, role: Role) {
        self.unit = unit
        self.role = role
        if case .weight(let from) = role { fromPreviousLayer = from.layer == unit.layer - 1 } else { fromPreviousLayer = false }
    }

    /// The stable readable name: `layer2.unit3.weight[1]` (from unit 1 of the previous layer),
    /// `layer3.unit0.weight[layer1.unit2]` (a skip connection), `layer2.unit3.bias`.
    public var description: String {
        switch role {
        case .bias: return "\(unit).bias"
        case .weight(let from):
            return fromPreviousLayer ? "\(unit).weight[\(from.unit)]" : "\(unit).weight[\(from)]"
        }
    }
}

extension Network {
    /// Every parameter in the stable order used for parameter vectors and Jacobian columns:
    /// layer by layer, unit by unit; within a unit its weights (connection by connection, source
    /// unit by source unit, present edges only) and then its bias.
    public var parameters: [Parameter] {
        var out: [Parameter] = []
        out.reserveCapacity(parameterCount)
        forEachParameter { unit, role, _ in out.append(Parameter(unit: unit, role: role)) }
        return out
    }

    /// P, the number of parameters.
    public var parameterCount: Int {
        var count = 0
        for layer in layers {
            for c in layer.connections {
                if let mask = c.present { count += mask.elements.lazy.filter { $0 }.count } else { count += c.weights.elements.count }
            }
            if layer.bias != nil { count += layer.units }
        }
        return count
    }

    /// The parameter vector θ in the order of ``parameters``.
    public var parameterVector: [Rational] {
        var out: [Rational] = []
        out.reserveCapacity(parameterCount)
        forEachParameter { _, _, value in out.append(value) }
        return out
    }

    /// The same architecture with parameters θ (in the order of ``parameters``).
    /// - Throws: ``NetworkError/shapeMismatch(place:expected:found:)`` when θ has the wrong length.
    public func withParameterVector(_ theta: [Rational]) throws(NetworkError) -> Network {
        guard theta.count == parameterCount else {
            throw .shapeMismatch(place: "parameter vector", expected: "\(parameterCount)", found: "\(theta.count)")
        }
        var copy = self
        var k = 0
        for l in 0..<copy.layers.count {
            let units = copy.layers[l].units
            for i in 0..<units {
                for c in 0..<copy.layers[l].connections.count {
                    let connection = copy.layers[l].connections[c]
                    for j in 0..<connection.weights.columns where connection.hasEdge(i, j) {
                        copy.layers[l].connections[c].weights[i, j] = theta[k]
                        k += 1
                    }
                }
                if copy.layers[l].bias != nil {
                    copy.layers[l].bias![i] = theta[k]
                    k += 1
                }
            }
        }
        return copy
    }

    /// Calls `body` for every parameter in order with its unit, role and value.
    public func forEachParameter(_ body: (UnitID, Parameter.Role, Rational) -> Void) {
        for (index, layer) in layers.enumerated() {
            let l = index + 1
            for i in 0..<layer.units {
                let unit = UnitID(layer: l, unit: i)
                for connection in layer.connections {
                    for j in 0..<connection.weights.columns where connection.hasEdge(i, j) {
                        body(unit, .weight(from: UnitID(layer: connection.source, unit: j)), connection.weights[i, j])
                    }
                }
                if let bias = layer.bias { body(unit, .bias, bias[i]) }
            }
        }
    }

    /// The index of each parameter in θ, for looking parameters up by unit and role.
    public var parameterIndex: [Parameter: Int] {
        var out: [Parameter: Int] = [:]
        var k = 0
        forEachParameter { unit, role, _ in
            out[Parameter(unit: unit, role: role)] = k
            k += 1
        }
        return out
    }
}
