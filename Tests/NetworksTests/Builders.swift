import Exact
import LinearAlgebra
import Networks

/// Small constructors for test networks.
func matrix(_ rows: [[Rational]]) -> Matrix<Rational> { Matrix(rowArrays: rows)! }
func matrix(_ rows: [[Int]]) -> Matrix<Rational> { Matrix(rowArrays: rows.map { $0.map { Rational($0) } })! }
func mask(_ rows: [[Bool]]) -> Matrix<Bool> { Matrix(rowArrays: rows)! }
func rationals(_ values: [Int]) -> [Rational] { values.map { Rational($0) } }

/// A 2-3-1 ReLU MLP with distinct small integer weights.
func smallReLUNetwork() throws -> Network {
    try Network.mlp(
        widths: [2, 3, 1], activations: [.relu, .identity],
        weights: [[[1, -2], [3, 1], [-1, -1]].map(rationals), [rationals([2, -1, 3])]],
        biases: [rationals([1, 0, 2]), rationals([-1])])
}

/// Inputs 2 → layer1 (2 units, relu) → layer2 (1 unit, identity) with a skip connection from
/// the inputs into layer 2, a pruned edge in layer 1, and no biases in layer 2.
func skipNetwork() throws -> Network {
    let layer1 = Layer(
        units: 2, activation: .relu,
        connections: [Connection(source: 0, weights: matrix([[1, 0], [2, -3]]), present: mask([[true, false], [true, true]]))],
        bias: rationals([0, 1]))
    let layer2 = Layer(
        units: 1, activation: .identity,
        connections: [Connection(source: 1, weights: matrix([[4, -5]])), Connection(source: 0, weights: matrix([[6, 7]]))],
        bias: nil)
    return try Network(inputCount: 2, layers: [layer1, layer2])
}
