import BenchmarkSupport
import Identifiability

// What the exact line walks and the directed search for null directions cost: the numeric rank
// analysis of the RankBenchmark networks with RankOptions.lineWalks = 8 (the default) against
// the same analysis with lineWalks = 0 (random points and kink clusters only), timed in the same
// process back to back (with, without, with, without, …) so both see the same machine load;
// best of N each. Goal (issue 13): ratio ≤ 1.2.
//
//     RegionSearchBenchmark [widths] [repetitions]     e.g. RegionSearchBenchmark 20,64,40,1 2 (the default)

let (widths, repetitions) = widthsAndRepetitions()
var rng = SplitMix64(seed: 11)
let network = randomReLUNetwork(widths: widths, rng: &rng)
let key = widths.map(String.init).joined(separator: "-")
let with = RankOptions(exact: .never)
var without = with
without.lineWalks = 0

var withBest = Double.infinity, withoutBest = Double.infinity
var a: RankAnalysis? = nil, b: RankAnalysis? = nil
for _ in 0..<repetitions {
    let run = bestTime(repetitions: 1) { try! Analysis.rank(network, options: with) }
    let base = bestTime(repetitions: 1) { try! Analysis.rank(network, options: without) }
    withBest = min(withBest, run.seconds)
    withoutBest = min(withoutBest, base.seconds)
    (a, b) = (run.lastResult, base.lastResult)
    print("  run: with line walks \(run.seconds) s, without \(base.seconds) s")
}
report("regions.mlp\(key)", seconds: withBest, operations: 1,
       note: "(P = \(a!.parameterCount), rank \(a!.rank), \(a!.batch.count) points of which \(a!.batch.regionPointCount) from line walks)")
report("regions.none.mlp\(key)", seconds: withoutBest, operations: 1, note: "(rank \(b!.rank), \(b!.batch.count) points, no line walks)")
print("  ratio with / without line walks = \((withBest / withoutBest * 100).rounded() / 100) (best of \(repetitions), same process, interleaved)")
