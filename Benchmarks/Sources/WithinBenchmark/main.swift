import BenchmarkSupport
import Identifiability

// `nnid equiv A B --within EPS` on a 784-256-256-10 pair (268,810 parameters each): A has random
// float32 weights; B is A with both hidden layers permuted and every parameter moved by 2⁻²⁰
// (the situation of an extracted copy against its original). Timed: both canonical forms, the
// alignment (two 256×256 assignments), the exact parameter differences, the certified output
// bound over [−1, 1]^784 and 256 sampled inputs — everything `--within` does after reading the
// files. For scale, the same run times one Double forward pass of A at 256 inputs.

let widths = [784, 256, 256, 10]
var rng = SplitMix64(seed: 11)

func randomNetwork(_ hidden: Activation, _ rng: inout SplitMix64) -> Network {
    let weights: [[[Rational]]] = (1..<widths.count).map { l in
        (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in try! Rational(exactly: Float(rng.nextSignedUnit()) * 0.05) } }
    }
    let biases: [[Rational]?] = (1..<widths.count).map { l in (0..<widths[l]).map { _ in try! Rational(exactly: Float(rng.nextSignedUnit()) * 0.05) } }
    return try! Network.mlp(widths: widths, activations: [hidden, hidden, .identity], weights: weights, biases: biases)
}

/// A with hidden layers reversed and every parameter moved by ±2⁻²⁰.
func extractedCopy(_ a: Network) -> Network {
    let step = Rational.one.timesPowerOfTwo(-20)
    var theta = a.parameterVector
    for k in theta.indices { theta[k] += k % 2 == 0 ? step : -step }
    var layers = try! a.withParameterVector(theta).layers
    for index in 0..<2 {
        let n = layers[index].units
        let w = layers[index].connections[0].weights
        layers[index].connections[0].weights = Matrix(rows: w.rows, columns: w.columns, elements: (0..<n).flatMap { r in (0..<w.columns).map { w[n - 1 - r, $0] } })!
        layers[index].bias = layers[index].bias.map { b in b.reversed() }
        let next = layers[index + 1].connections[0].weights
        layers[index + 1].connections[0].weights = Matrix(rows: next.rows, columns: next.columns, elements: (0..<next.rows).flatMap { r in (0..<n).map { next[r, n - 1 - $0] } })!
    }
    return try! a.withLayers(layers)
}

for activation in [Activation.tanh, .relu] {
    let a = randomNetwork(activation, &rng)
    let b = extractedCopy(a)
    let lower = Array(repeating: Rational(-1), count: 784), upper = Array(repeating: Rational(1), count: 784)
    reportPhases(a, b)
    let within = bestTime(repetitions: 3) {
        try! NetworkDistance.measure(a, b, epsilon: Rational(1, 100), lower: lower, upper: upper)
    }
    let d = within.lastResult
    report("within.\(activation.name).784-256-256-10", seconds: within.seconds, operations: a.parameterCount,
           note: "(bits of precision \(d.bitsOfPrecision.map(String.init) ?? "-"), bound \(d.outputBound.map { "\($0.doubleValue)" } ?? "none"), verdict \(d.verdict))")
    let numeric = NumericNetwork(a)
    let inputs = (0..<256).map { _ in (0..<784).map { _ in rng.nextSignedUnit() } }
    let forward = bestTime(repetitions: 3) { inputs.reduce(0.0) { $0 + (try! numeric.evaluate($1))[0] } }
    report("within.\(activation.name).forward256", seconds: forward.seconds, operations: 256,
           note: "(Double forward passes of A at 256 inputs, for scale)")
}
