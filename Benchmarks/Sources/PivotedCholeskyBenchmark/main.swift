import BenchmarkSupport
import LinearAlgebra

// TiledPivotedCholesky (dpstrf's algorithm, trailing updates in fixed tiles over the cores, each
// BLAS call on one thread) on the matrix C/pivoted_cholesky.c gives LAPACKE_dpstrf: lower
// triangle filled column by column from SplitMix64 (seed 7), off-diagonal entries in [−1, 1),
// diagonal n + [−1, 1). Each size prints its time twice, under the keys of the C baseline's
// 1-thread and 2-thread dpstrf, so run.sh's table shows both ratios.
// Usage: PivotedCholeskyBenchmark [sizes, default 4000,8000] [repetitions, default 2]

let arguments = CommandLine.arguments
let sizes = (arguments.count > 1 ? arguments[1] : "4000,8000").split(separator: ",").compactMap { Int($0) }
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 2 : 2
let clock = ContinuousClock()

for n in sizes {
    var rng = SplitMix64(seed: 7)
    var g = [Double](repeating: 0, count: n * n)
    for j in 0..<n {
        for i in j..<n {
            let v = rng.nextSignedUnit()
            g[i + j * n] = i == j ? Double(n) + v : v
        }
    }
    var best = Double.infinity
    var outcome: TiledPivotedCholesky.Outcome? = nil
    var checksum = 0.0
    for _ in 0..<repetitions {
        var a = g
        // Copy g now (copy-on-write would do it inside the timed call) and fault the pages in.
        a.withUnsafeMutableBufferPointer { b in for i in stride(from: 0, to: b.count, by: 512) { b[i] = g[i] } }
        let start = clock.now
        let result = TiledPivotedCholesky.factor(&a, order: n, cut: 0)
        let elapsed = clock.now - start
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        outcome = result
        checksum = (0..<result.rank).reduce(0) { $0 + a[$1 + $1 * n] }
    }
    let o = outcome!
    for key in ["pstrf.\(n).1t", "pstrf.\(n).2t"] {
        report(key, seconds: best, operations: o.rank, note: "(rank \(o.rank), first pivot \(o.order.first ?? -1), sum of L_jj \(checksum))")
    }
}
