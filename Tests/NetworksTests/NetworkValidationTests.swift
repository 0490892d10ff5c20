import Exact
import LinearAlgebra
import Networks
import Testing

/// Every way a network can be ill-formed is refused with a ``NetworkError`` naming the place.
@Suite struct NetworkValidationTests {
    static func dense(_ units: Int, from source: Int, width: Int) -> Connection {
        Connection(source: source, weights: Matrix(rows: units, columns: width, repeating: Rational(1)))
    }

    static func expectInvalid(_ place: String, _ make: () throws(NetworkError) -> Network, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            _ = try make()
            Issue.record("expected an invalid network at \(place)", sourceLocation: sourceLocation)
        } catch {
            switch error {
            case .invalid(let p, _), .shapeMismatch(let p, _, _): #expect(p == place, sourceLocation: sourceLocation)
            default: Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func wellFormedNetworksAreAccepted() throws {
        let net = try smallReLUNetwork()
        #expect(net.widths == [2, 3, 1] && net.outputLayer == 2 && net.outputCount == 1)
        #expect(net.hiddenUnits == [UnitID(layer: 1, unit: 0), UnitID(layer: 1, unit: 1), UnitID(layer: 1, unit: 2)])
        #expect(try skipNetwork().layers[1].connections.count == 2)
    }

    @Test func structuralErrors() {
        Self.expectInvalid("inputs") { () throws(NetworkError) in try Network(inputCount: 0, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 0, width: 0)], bias: nil)]) }
        Self.expectInvalid("layers") { () throws(NetworkError) in try Network(inputCount: 2, layers: []) }
        Self.expectInvalid("layer1") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 0, activation: .relu, connections: [Self.dense(0, from: 0, width: 2)], bias: nil)])
        }
        Self.expectInvalid("layer1") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [], bias: nil)])
        }
        // An edge from layer 1 into layer 1, and from a later layer: not forward.
        Self.expectInvalid("layer1.connections[0]") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 1, width: 1)], bias: nil)])
        }
        Self.expectInvalid("layer2.connections[1]") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [
                Layer(units: 3, activation: .relu, connections: [Self.dense(3, from: 0, width: 2)], bias: nil),
                Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 1, width: 3), Self.dense(1, from: 2, width: 1)], bias: nil),
            ])
        }
        Self.expectInvalid("layer1.connections[0]") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: -1, width: 2)], bias: nil)])
        }
        // Two connections from the same layer.
        Self.expectInvalid("layer1.connections[1]") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 0, width: 2), Self.dense(1, from: 0, width: 2)], bias: nil)])
        }
    }

    @Test func shapeErrors() {
        Self.expectInvalid("layer1.connections[0].weights") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 0, width: 3)], bias: nil)])
        }
        Self.expectInvalid("layer1.connections[0].weights") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 2, activation: .relu, connections: [Self.dense(1, from: 0, width: 2)], bias: nil)])
        }
        Self.expectInvalid("layer1.bias") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [Self.dense(1, from: 0, width: 2)], bias: [1, 2])])
        }
        Self.expectInvalid("layer1.connections[0].present") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [
                Connection(source: 0, weights: matrix([[0, 1]]), present: mask([[true], [false]]))], bias: nil)])
        }
        Self.expectInvalid("layer2.weights") { () throws(NetworkError) in
            try Network.mlp(widths: [2, 2, 1], activations: [.relu, .identity], weights: [[rationals([1, 2]), rationals([3, 4])], [rationals([1])]], biases: [nil, nil])
        }
        Self.expectInvalid("network") { () throws(NetworkError) in
            try Network.mlp(widths: [2, 1], activations: [.relu, .relu], weights: [[rationals([1, 2])]], biases: [nil])
        }
        Self.expectInvalid("network") { () throws(NetworkError) in
            try Network.mlp(widths: [2], activations: [], weights: [], biases: [])
        }
    }

    @Test func anAbsentEdgeMustHaveWeightZero() {
        Self.expectInvalid("layer1.connections[0].weights[0][1]") { () throws(NetworkError) in
            try Network(inputCount: 2, layers: [Layer(units: 1, activation: .relu, connections: [
                Connection(source: 0, weights: matrix([[1, 5]]), present: mask([[true, false]]))], bias: nil)])
        }
    }

    @Test func editsRevalidate() throws {
        let net = try smallReLUNetwork()
        let bad = Layer(units: 1, activation: .identity, connections: [Self.dense(1, from: 1, width: 2)], bias: nil)
        Self.expectInvalid("layer2.connections[0].weights") { () throws(NetworkError) in try net.replacingLayer(2, with: bad) }
        Self.expectInvalid("layer3") { () throws(NetworkError) in try net.replacingLayer(3, with: bad) }
        Self.expectInvalid("layer0") { () throws(NetworkError) in try net.replacingLayer(0, with: bad) }
        Self.expectInvalid("layers") { () throws(NetworkError) in try net.withLayers([]) }
        let good = Layer(units: 1, activation: .tanh, connections: [Self.dense(1, from: 1, width: 3)], bias: [0])
        #expect(try net.replacingLayer(2, with: good).layers[1].activation == .tanh)
    }

    @Test func errorDescriptionsNameThePlace() {
        #expect(NetworkError.shapeMismatch(place: "layer2.bias", expected: "3", found: "2").description == "layer2.bias: expected shape 3, found 2")
        #expect(NetworkError.invalid(place: "layer1", reason: "r").description.hasPrefix("layer1:"))
        #expect(NetworkError.notExact(activation: "tanh", unit: UnitID(layer: 1, unit: 2)).description.contains("layer1.unit2"))
        #expect(NetworkError.wrongInputCount(expected: 2, found: 3).description.contains("2 inputs"))
    }
}
