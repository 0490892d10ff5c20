import BenchmarkSupport
#if canImport(Glibc)
import Glibc
#endif
import Identifiability
import LearningCoefficient

// SGLD throughput of `LocalLearningCoefficient.estimate`: steps per second (one step = one
// minibatch forward pass, backward pass and parameter update), on the network and inputs that
// `peers/devinterp_sample.py --write DIR` wrote, with the settings it gives devinterp's sampler
// (ε = 1e-5, γ = 100, nβ = n/log n, 4 chains × 2000 draws, minibatch 256). Usage: LLCBenchmark DIR   (llc-vs-devinterp.sh runs both sides in one go).
let arguments = CommandLine.arguments
let directory = arguments.count > 1 ? arguments[1] : "."
let network = try NetworkReader.read(path: directory + "/net.json")
let bytes = try FileBytes.read(path: directory + "/x.npy")
let array = try Npy.read(bytes, entry: "x.npy")
guard case .numbers(let values, _) = array.content else { fatalError("x.npy holds no numbers") }
let data = try LLCDataset.realisable(network, inputs: values.map(\.doubleValue))
let chains = 4, draws = 2000, burnIn = 0, batch = 256
let options = SGLDOptions(epsilon: 1e-5, gamma: 100, nBeta: Double(data.count) / log(Double(data.count)), chains: chains, draws: draws, burnIn: burnIn, batchSize: batch, seed: 1)
let steps = chains * (draws + burnIn)
let (seconds, estimate) = bestTime(repetitions: 3) { try! LocalLearningCoefficient.estimate(network, data: data, options: options) }
print("  P = \(network.parameterCount), n = \(data.count), minibatch \(batch), \(chains) chains × \(draws) draws; λ̂ = \(estimate.mean)")
report("llc.sgld.steps", seconds: seconds, operations: steps, note: "(SGLD steps)")
