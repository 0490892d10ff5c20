import LinearAlgebra

/// The parameter index θ of an architecture, the one order of parameter vectors and Jacobian
/// columns: layer by layer, unit by unit; within a unit its weights (connection by connection,
/// source unit by source unit, present edges only) and then its bias. For layer number ℓ (index
/// ℓ − 1) and unit i, `firstColumn[ℓ − 1][i]` is the index of the unit's first parameter.
/// ``Network/forEachParameter(_:)`` (and through it ``Network/parameters``, the parameter
/// vectors and the symmetry rules' parameter graph) and both Jacobians read this index.
public struct ParameterLayout: Sendable, Equatable {
    /// `firstColumn[ℓ − 1][i]`: the index of unit i's first parameter.
    public private(set) var firstColumn: [[Int]] = []
    /// `sources[ℓ − 1][c][i]`: source units j with an edge j → i in connection c.
    public private(set) var sources: [[[[Int]]]] = []
    /// `sourceLayer[ℓ − 1][c]`: the layer connection c of layer ℓ reads.
    public let sourceLayer: [[Int]]
    public let hasBias: [Bool]
    /// P, the number of parameters.
    public private(set) var count = 0

    init(units: [Int], connections: [[(source: Int, columns: Int, present: Matrix<Bool>?)]], hasBias: [Bool]) {
        self.hasBias = hasBias
        sourceLayer = connections.map { $0.map(\.source) }
        for (l, u) in units.enumerated() {
            let layerSources = connections[l].map { c in
                (0..<u).map { i in (0..<c.columns).filter { j in c.present?[i, j] ?? true } }
            }
            var first: [Int] = []
            for i in 0..<u {
                first.append(count)
                for s in layerSources { count += s[i].count }
                if hasBias[l] { count += 1 }
            }
            firstColumn.append(first)
            sources.append(layerSources)
        }
    }

    /// Calls `body` with every parameter's index k = 0, 1, …, P − 1, its unit and role, and the
    /// connection and source unit of a weight (`nil` for a bias).
    public func forEach(_ body: (_ index: Int, _ unit: UnitID, _ role: Parameter.Role, _ edge: (connection: Int, source: Int)?) -> Void) {
        var k = 0
        for (index, layerSources) in sources.enumerated() {
            for i in firstColumn[index].indices {
                let unit = UnitID(layer: index + 1, unit: i)
                for (c, connection) in layerSources.enumerated() {
                    for j in connection[i] {
                        body(k, unit, .weight(from: UnitID(layer: sourceLayer[index][c], unit: j)), (c, j))
                        k += 1
                    }
                }
                if hasBias[index] { body(k, unit, .bias, nil); k += 1 }
            }
        }
    }
}

extension Network {
    /// The parameter index θ of this network's architecture.
    public var parameterLayout: ParameterLayout {
        ParameterLayout(
            units: layers.map(\.units),
            connections: layers.map { $0.connections.map { (source: $0.source, columns: $0.weights.columns, present: $0.present) } },
            hasBias: layers.map { $0.bias != nil })
    }
}
