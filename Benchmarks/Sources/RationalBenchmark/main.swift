import BenchmarkSupport
import Exact

// Exact multiply-add throughput, acc += x·y, the inner step of exact evaluation, Jacobians and
// elimination. Same inputs and same loop as C/mpq_muladd.c (mpq_mul into a temporary, mpq_add).
//
// float32: x, y are the exact values of random float32 values in [−1, 1) (what importing
//          float32 weights gives); one running sum over n products, repeated.
// small: x, y are the exact values of random doubles in [−1, 1) (what importing float weights
//        gives); one running sum over n products, repeated.
// large: x, y are ±p/q with 256-bit p and q; sums of 8 products (fresh accumulator each),
//        since a long sum of unrelated fractions grows without bound.

var rng = SplitMix64(seed: 42)
let n = 4096
let xs = (0..<n).map { _ in try! Rational(exactly: rng.nextSignedUnit()) }
let ys = (0..<n).map { _ in try! Rational(exactly: rng.nextSignedUnit()) }

func randomLarge(_ rng: inout SplitMix64) -> Rational {
    var p = BigInteger(0), q = BigInteger(0)
    for _ in 0..<4 { p = p.shifted(by: 64) + BigInteger(rng.next()) }
    for _ in 0..<4 { q = q.shifted(by: 64) + BigInteger(rng.next()) }
    let negative = rng.next() & 1 == 1
    let value = try! Rational(numerator: p, denominator: q.isZero ? 1 : q)
    return negative ? -value : value
}
let m = 1024
let bs = (0..<m).map { _ in randomLarge(&rng) }
let cs = (0..<m).map { _ in randomLarge(&rng) }
let fs = (0..<n).map { _ in try! Rational(exactly: Float(rng.nextSignedUnit())) }
let gs = (0..<n).map { _ in try! Rational(exactly: Float(rng.nextSignedUnit())) }

/// Sums of products xs[i]·ys[i] over consecutive blocks of `block` terms, `rounds` times over
/// all pairs (the loop of C/mpq_muladd.c's `time_muladd`); reports the best of 7 runs as `key`.
func timeMultiplyAdd(_ key: String, _ xs: [Rational], _ ys: [Rational], block: Int, rounds: Int) {
    let run = bestTime(repetitions: 7) { () -> Int in
        var bits = 0
        for _ in 0..<rounds {
            for start in stride(from: 0, to: xs.count, by: block) {
                var acc = Rational.zero
                for i in start..<(start + block) { acc.addProduct(xs[i], ys[i]) }
                bits &+= acc.bitSize
            }
        }
        return bits
    }
    report(key, seconds: run.seconds, operations: rounds * xs.count, note: "(checksum \(run.lastResult))")
}

let rounds = 20
timeMultiplyAdd("rational.muladd.small", xs, ys, block: n, rounds: rounds)
timeMultiplyAdd("rational.muladd.large", bs, cs, block: 8, rounds: 1)
timeMultiplyAdd("rational.muladd.float32", fs, gs, block: n, rounds: rounds)
