import Exact
import Networks
import PropertyBased
import Testing

/// Parameters have a stable order and readable names, and θ ↦ network ↦ θ is the identity.
@Suite struct ParameterNamingTests {
    @Test func denseOrderAndNames() throws {
        let net = try smallReLUNetwork()
        #expect(net.parameterCount == 3 * 2 + 3 + 3 + 1)
        #expect(net.parameters.map(\.description) == [
            "layer1.unit0.weight[0]", "layer1.unit0.weight[1]", "layer1.unit0.bias",
            "layer1.unit1.weight[0]", "layer1.unit1.weight[1]", "layer1.unit1.bias",
            "layer1.unit2.weight[0]", "layer1.unit2.weight[1]", "layer1.unit2.bias",
            "layer2.unit0.weight[0]", "layer2.unit0.weight[1]", "layer2.unit0.weight[2]", "layer2.unit0.bias",
        ])
        #expect(net.parameterVector == rationals([1, -2, 1, 3, 1, 0, -1, -1, 2, 2, -1, 3, -1]))
    }

    @Test func skipConnectionsAndMasks() throws {
        let net = try skipNetwork()
        // The pruned edge layer1.unit0 ← input 1 is not a parameter; layer 2 has no biases.
        #expect(net.parameters.map(\.description) == [
            "layer1.unit0.weight[0]", "layer1.unit0.bias",
            "layer1.unit1.weight[0]", "layer1.unit1.weight[1]", "layer1.unit1.bias",
            "layer2.unit0.weight[0]", "layer2.unit0.weight[1]",
            "layer2.unit0.weight[layer0.unit0]", "layer2.unit0.weight[layer0.unit1]",
        ])
        #expect(net.parameterCount == 9)
        #expect(net.parameterVector == rationals([1, 0, 2, -3, 1, 4, -5, 6, 7]))
        let skip = Parameter(unit: UnitID(layer: 2, unit: 0), role: .weight(from: UnitID(layer: 0, unit: 1)))
        #expect(net.parameterIndex[skip] == 8)
        #expect(net.parameterIndex[Parameter(unit: UnitID(layer: 1, unit: 0), role: .weight(from: UnitID(layer: 0, unit: 1)))] == nil)
        #expect(net.parameterIndex[Parameter(unit: UnitID(layer: 1, unit: 1), role: .bias)] == 4)
    }

    @Test func indexIsThePositionInTheList() throws {
        for net in [try smallReLUNetwork(), try skipNetwork()] {
            let index = net.parameterIndex
            #expect(index.count == net.parameterCount)
            for (k, p) in net.parameters.enumerated() { #expect(index[p] == k) }
            #expect(Set(net.parameters.map(\.description)).count == net.parameterCount)  // names are unique
        }
    }

    @Test func parameterVectorRoundTrip() async throws {
        let nets = [try smallReLUNetwork(), try skipNetwork()]
        await propertyCheck(input: Gen<Int>.int(in: -50...50).array(of: 13), Gen<Int>.int(in: 1...9), Gen<Int>.int(in: 0...1)) { values, q, k in
            let net = nets[k]
            let theta = values.prefix(net.parameterCount).map { Rational($0, q) }
            let rebuilt = try net.withParameterVector(theta)
            #expect(rebuilt.parameterVector == theta)
            #expect(try rebuilt.withParameterVector(net.parameterVector) == net)
            #expect(rebuilt.parameters == net.parameters)
            // Absent edges stay absent and zero.
            #expect(rebuilt.layers[0].connections[0].present == net.layers[0].connections[0].present)
        }
        #expect(throws: NetworkError.shapeMismatch(place: "parameter vector", expected: "13", found: "2")) {
            try nets[0].withParameterVector([1, 2])
        }
    }
}
