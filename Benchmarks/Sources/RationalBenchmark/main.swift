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

let rounds = 20
let small = bestTime(repetitions: 7) { () -> Int in
    var bits = 0
    for _ in 0..<rounds {
        var acc = Rational.zero
        for i in 0..<n { acc.addProduct(xs[i], ys[i]) }
        bits &+= acc.bitSize
    }
    return bits
}
report("rational.muladd.small", seconds: small.seconds, operations: rounds * n, note: "(checksum \(small.lastResult))")

let block = 8
let large = bestTime(repetitions: 7) { () -> Int in
    var bits = 0
    for start in stride(from: 0, to: m, by: block) {
        var acc = Rational.zero
        for i in start..<(start + block) { acc.addProduct(bs[i], cs[i]) }
        bits &+= acc.bitSize
    }
    return bits
}
report("rational.muladd.large", seconds: large.seconds, operations: m, note: "(checksum \(large.lastResult))")

let float32 = bestTime(repetitions: 7) { () -> Int in
    var bits = 0
    for _ in 0..<rounds {
        var acc = Rational.zero
        for i in 0..<n { acc.addProduct(fs[i], gs[i]) }
        bits &+= acc.bitSize
    }
    return bits
}
report("rational.muladd.float32", seconds: float32.seconds, operations: rounds * n, note: "(checksum \(float32.lastResult))")
