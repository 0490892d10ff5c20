import BenchmarkSupport
#if canImport(Glibc)
import Glibc
#endif
import Identifiability
import LearningCoefficient

// SGLD throughput of `LocalLearningCoefficient.estimate`: steps per second (one step = one
// minibatch forward pass, backward pass and parameter update), on the network and inputs that
// `peers/devinterp_sample.py --write DIR` wrote, with the settings it gives devinterp's sampler
// (ε = 1e-5, γ = 100, nβ = n/log n, 4 chains × 2000 draws, minibatch 256). Without DIR (as
// `run.sh` runs it) the same architecture gets SplitMix64 weights and inputs of its own.
// Usage: LLCBenchmark [DIR]   (llc-vs-devinterp.sh compares the CLI with devinterp in one run).
let arguments = CommandLine.arguments
let network: Network
let inputs: [Double]
if arguments.count > 1 {
    network = try NetworkReader.read(path: arguments[1] + "/net.json")
    let array = try Npy.read(try FileBytes.read(path: arguments[1] + "/x.npy"), entry: "x.npy")
    guard case .numbers(let values, _) = array.content else { fatalError("x.npy holds no numbers") }
    inputs = values.map(\.doubleValue)
} else {
    var rng = SplitMix64(seed: 1)
    let widths = [8, 32, 32, 4]
    let weights = (1..<widths.count).map { l in (0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in Rational(Int(rng.nextBits(8)) - 128, 512) } } }
    let biases: [[Rational]?] = (1..<widths.count).map { l in (0..<widths[l]).map { _ in Rational(Int(rng.nextBits(8)) - 128, 1024) } }
    network = try Network.mlp(widths: widths, activations: [.tanh, .tanh, .identity], weights: weights, biases: biases)
    inputs = LLCDataset.gaussianInputs(count: 10_000, width: 8, seed: 2)
}
let data = try LLCDataset.realisable(network, inputs: inputs)
let chains = 4, draws = 2000, burnIn = 0, batch = 256
let options = SGLDOptions(epsilon: 1e-5, gamma: 100, nBeta: Double(data.count) / log(Double(data.count)), chains: chains, draws: draws, burnIn: burnIn, batchSize: batch, seed: 1)
let steps = chains * (draws + burnIn)
let (seconds, estimate) = bestTime(repetitions: 3) { try! LocalLearningCoefficient.estimate(network, data: data, options: options) }
print("  P = \(network.parameterCount), n = \(data.count), minibatch \(batch), \(chains) chains × \(draws) draws; λ̂ = \(estimate.mean)")
report("llc.sgld.steps", seconds: seconds, operations: steps, note: "(SGLD steps)")
