import BenchmarkSupport
import Identifiability
#if canImport(Glibc)
import Glibc
#endif

// Numeric rank analysis of a ReLU MLP against a bare LAPACKE dgesdd (values only, jobz = 'N')
// on a random matrix of the final Jacobian's shape, timed in the same process back to back
// (analysis, dgesdd, analysis, dgesdd, …) so both see the same machine load; best of N each.
// Goal (issue 4): ratio ≤ 1.3.
//
//     RankBenchmark [widths] [repetitions]     e.g. RankBenchmark 20,64,40,1 2 (the default)
//
// 20,64,40,1 has P = 3985; 20,32,10,1 has P = 1013 for quicker iteration.

let (widths, repetitions) = widthsAndRepetitions()
var rng = SplitMix64(seed: 11)
let network = randomReLUNetwork(widths: widths, rng: &rng)
let options = RankOptions(exact: .never)
let key = widths.map(String.init).joined(separator: "-")

// RANK_PROGRESS=1 prints the analysis's progress notes with elapsed seconds (one extra run).
if getenv("RANK_PROGRESS") != nil {
    let clock = ContinuousClock(), start = clock.now
    _ = try! Analysis.rank(network, options: options) { note in print("  [\(clock.now - start)] \(note)") }
}

var analysisBest = Double.infinity, bareBest = Double.infinity
var a: RankAnalysis? = nil
var random: Matrix<Double>? = nil
for _ in 0..<repetitions {
    let run = bestTime(repetitions: 1) { try! Analysis.rank(network, options: options) }
    analysisBest = min(analysisBest, run.seconds)
    a = run.lastResult
    let m = a!.numeric.rows, n = a!.numeric.columns
    if random == nil { random = Matrix(rows: m, columns: n, elements: (0..<(m * n)).map { _ in rng.nextSignedUnit() })! }
    let bare = bestTime(repetitions: 1) { (try? random!.singularValues())?.first ?? .nan }
    bareBest = min(bareBest, bare.seconds)
    print("  run: analysis \(run.seconds) s, dgesdd \(bare.seconds) s")
}
let r = a!
report("rank.mlp\(key)", seconds: analysisBest, operations: 1,
       note: "(P = \(r.parameterCount), rank \(r.rank), \(r.numeric.rows)×\(r.numeric.columns), growth \(r.growth.map { "\($0.points)→\($0.rank)" }), explained \(r.explained), hidden \(r.hidden))")
report("rank.dgesdd\(r.numeric.rows)x\(r.numeric.columns)", seconds: bareBest, operations: 1, note: "(bare LAPACKE dgesdd, values only)")
print("  ratio analysis / dgesdd = \((analysisBest / bareBest * 100).rounded() / 100) (best of \(repetitions), same process, interleaved)")
