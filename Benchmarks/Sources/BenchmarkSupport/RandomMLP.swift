import Exact
import Networks

/// The command line of the rank benchmarks, `Name [widths] [repetitions]`: comma-separated layer
/// widths (default 20,64,40,1, P = 3985) and how many back-to-back rounds to time (default 2).
public func widthsAndRepetitions(_ arguments: [String] = CommandLine.arguments) -> (widths: [Int], repetitions: Int) {
    let widths = arguments.count > 1 ? arguments[1].split(separator: ",").compactMap { Int($0) } : [20, 64, 40, 1]
    let repetitions = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 2) : 2
    return (widths, repetitions)
}

/// A ReLU MLP of the given widths (identity output layer) whose weights and biases are k/16 for
/// k drawn uniformly from −16…16 by `rng`, 0 replaced by 3/16: dyadic and nonzero, so every unit
/// is generic and exact arithmetic on it stays small.
public func randomReLUNetwork(widths: [Int], rng: inout SplitMix64) -> Network {
    func generic() -> Rational {
        let k = Int(rng.next() % 33) - 16
        return Rational(k == 0 ? 3 : k, 16)
    }
    var weights: [[[Rational]]] = []
    var biases: [[Rational]?] = []
    for l in 1..<widths.count {
        weights.append((0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in generic() } })
        biases.append((0..<widths[l]).map { _ in generic() })
    }
    let activations: [Activation] = Array(repeating: .relu, count: widths.count - 2) + [.identity]
    return try! Network.mlp(widths: widths, activations: activations, weights: weights, biases: biases)
}
