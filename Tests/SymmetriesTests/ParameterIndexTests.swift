import Exact
import LinearAlgebra
import Networks
import Symmetries
import Testing

/// θ has one index, ``ParameterLayout``: the symmetry rules' ``ParameterGraph``, the parameter
/// names, the parameter vectors and the Jacobians all read it. On random architectures with skip
/// connections, pruned edges and layers without biases: the graph's index k of each incoming
/// weight and bias is the layout's index k, its names are ``Network/parameters``, changing θ_k
/// through ``Network/withParameterVector(_:)`` changes exactly the weight or bias the graph names
/// k, and the Jacobian has the layout's P columns.
@Suite struct ParameterIndexTests {
    static func network(seed: UInt64) throws -> Network {
        var rng = SplitMix64(seed: seed)
        func value() -> Rational { Rational(Int(rng.nextBits(4)) - 8, 4) }
        let widths = [2, 3, 2, 2]
        var layers: [Layer] = []
        for l in 1..<widths.count {
            var connections: [Connection] = []
            for source in 0..<l where source == l - 1 || rng.nextBits(1) == 0 {
                let rows = widths[l], columns = widths[source]
                let present = (0..<(rows * columns)).map { _ in rng.nextBits(2) != 0 }
                let masked = rng.nextBits(1) == 0
                let values = present.map { masked && !$0 ? Rational.zero : value() }
                connections.append(
                    Connection(
                        source: source, weights: Matrix(rows: rows, columns: columns, elements: values)!,
                        present: masked ? Matrix(rows: rows, columns: columns, elements: present) : nil))
            }
            let bias = rng.nextBits(1) == 0 ? nil : (0..<widths[l]).map { _ in value() }
            layers.append(Layer(units: widths[l], activation: l == widths.count - 1 ? .identity : .relu, connections: connections, bias: bias))
        }
        return try Network(inputCount: widths[0], layers: layers)
    }

    @Test func theGraphTheNamesTheVectorsAndTheJacobianShareTheLayout() throws {
        for seed in 0..<24 as Range<UInt64> {
            let net = try Self.network(seed: seed)
            let layout = net.parameterLayout, g = ParameterGraph(net)
            #expect(layout.count == net.parameterCount && layout.count == g.parameterCount)
            #expect(g.names == net.parameters.map(\.description))
            #expect(try net.jacobian(at: [[0.5, -0.25]]).columns == layout.count)
            var seen = 0
            layout.forEach { k, unit, role, edge in
                seen += 1
                let moved = try? net.withParameterVector(g.values.enumerated().map { $0.offset == k ? $0.element + 1 : $0.element })
                let layer = moved?.layers[unit.layer - 1]
                switch role {
                case .bias:
                    #expect(g.bias[unit]?.index == k)
                    #expect(layer?.bias?[unit.unit] == g.bias[unit].map { $0.value + 1 })
                case .weight(let from):
                    let e = g.incoming[unit]?.first { $0.other == from }
                    #expect(e?.index == k, "seed \(seed) \(unit) \(from)")
                    #expect(g.edgeIndex(from: from, to: unit) == k)
                    #expect(edge.map { layer?.connections[$0.connection].weights[unit.unit, $0.source] } == e.map { $0.value + 1 })
                }
                #expect(moved != nil && moved?.layers != net.layers)
            }
            #expect(seen == layout.count)
        }
    }
}
