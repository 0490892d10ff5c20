import Exact
import LinearAlgebra

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

    /// P, the number of parameters (``ParameterLayout/count``, counted without building the
    /// layout: present edges plus biases).
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

    /// The parameter vector θ in the order of ``parameters``. A symbolic bias
    /// (``Layer/symbolicBias``) contributes its rational part only: callers that need exact
    /// values check ``hasSymbolicBiases`` first.
    public var parameterVector: [Rational] {
        var out: [Rational] = []
        out.reserveCapacity(parameterCount)
        forEachParameter { _, _, value in out.append(value) }
        return out
    }

    /// The same architecture with the rational parameters θ (in the order of ``parameters``);
    /// symbolic biases are replaced like every other parameter.
    /// - Throws: ``NetworkError/shapeMismatch(place:expected:found:)`` when θ has the wrong length.
    public func withParameterVector(_ theta: [Rational]) throws(NetworkError) -> Network {
        guard theta.count == parameterCount else {
            throw .shapeMismatch(place: "parameter vector", expected: "\(parameterCount)", found: "\(theta.count)")
        }
        var copy = self
        for l in copy.layers.indices { copy.layers[l].symbolicBias = [:] }
        parameterLayout.forEach { k, unit, _, edge in
            if let (c, j) = edge {
                copy.layers[unit.layer - 1].connections[c].weights[unit.unit, j] = theta[k]
            } else {
                copy.layers[unit.layer - 1].bias?[unit.unit] = theta[k]
            }
        }
        return copy
    }

    /// Calls `body` for every parameter in the order of ``parameterLayout`` with its unit, role
    /// and value.
    public func forEachParameter(_ body: (UnitID, Parameter.Role, Rational) -> Void) {
        parameterLayout.forEach { _, unit, role, edge in
            let layer = layers[unit.layer - 1]
            if let (c, j) = edge { body(unit, role, layer.connections[c].weights[unit.unit, j]) } else { body(unit, role, layer.bias?[unit.unit] ?? .zero) }
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
