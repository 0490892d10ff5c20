import BenchmarkSupport
import Foundation
import Identifiability

// Canonicalising a ~1,000,000-parameter MLP (784-1024-256-10, 1,068,810 parameters) whose
// weights are random float32 values converted exactly to rationals, against the time to build
// the network (float32 → exact Rational for every parameter, then the validated Network) and
// to reading the same network from a float32 safetensors file (what a user's run starts with).
//
// relu: every hidden unit is rescaled (L∞ normal form: one exact multiplication per incoming
//       weight, one per outgoing weight) and every layer sorted.
// tanh: sign flips only (negations) and sorting.

let widths = [784, 1024, 256, 10]
var rng = SplitMix64(seed: 7)
let floats: [[[Float]]] = (1..<widths.count).map { l in
    (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in Float(rng.nextSignedUnit()) * 0.1 } }
}
let floatBiases: [[Float]] = (1..<widths.count).map { l in (0..<widths[l]).map { _ in Float(rng.nextSignedUnit()) * 0.1 } }

func build(_ hidden: Activation) -> Network {
    let weights = floats.map { $0.map { $0.map { try! Rational(exactly: $0) } } }
    let biases: [[Rational]?] = floatBiases.map { $0.map { try! Rational(exactly: $0) } }
    return try! Network.mlp(
        widths: widths, activations: [hidden, hidden, .identity], weights: weights, biases: biases)
}

for activation in [Activation.relu, .tanh] {
    let built = bestTime(repetitions: 3) { build(activation) }
    let network = built.lastResult
    let parameters = network.parameterCount
    report("canonicalize.build.\(activation.name)", seconds: built.seconds, operations: parameters,
           note: "(\(parameters) parameters)")
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-canon-bench-\(activation.name).safetensors").path
    var options = WriteOptions()
    options.elementType = .float32
    _ = try! NetworkWriter.write(network, to: path, as: .safetensors, options: options)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let read = bestTime(repetitions: 3) { try! NetworkReader.read(path: path).parameterCount }
    report("canonicalize.read.\(activation.name)", seconds: read.seconds, operations: parameters,
           note: "(float32 safetensors → exact network)")
    let canonical = bestTime(repetitions: 3) { () -> Int in
        let form = try! Canonicalizer().canonicalize(network)
        return form.record.steps.count &+ form.network.parameterCount
    }
    report("canonicalize.\(activation.name)", seconds: canonical.seconds, operations: parameters,
           note: "(\(canonical.lastResult) steps + parameters; \((canonical.seconds / built.seconds * 100).rounded() / 100)× the build time, \((canonical.seconds / read.seconds * 100).rounded() / 100)× reading the file)")
}
