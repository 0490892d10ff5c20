import Exact
import Testing

@testable import LinearAlgebra

/// Scaling a row by a nonzero rational changes neither the rank nor the null space. Scaling the
/// rows of a low-rank product U·V by factors near 2⁶³ (in numerator or denominator) gives rows
/// whose entries straddle `Rational`'s 64-bit small form and whose common denominators overflow
/// 64 bits, so clearing denominators takes both the 64-bit path and the GMP fallback.
@Test func rankIsExactForEntriesStraddlingSixtyFourBits() {
    let two63 = BigInteger.powerOfTwo(63), two62 = BigInteger.powerOfTwo(62)
    let factors: [Rational] = [
        .one,
        Rational(Int.max),
        Rational(two63 + 1),
        (try? Rational(numerator: two62 + 1, denominator: BigInteger(1 << 40 + 15))) ?? .one,
        (try? Rational(numerator: 3, denominator: two63 - 25)) ?? .one,
        (try? Rational(numerator: -7, denominator: BigInteger((1 << 61) - 1))) ?? .one,
        (try? Rational(numerator: two63 * 3 + 1, denominator: two63 - 1)) ?? .one,
    ]
    var g = SplitMix(state: 11)
    for _ in 0..<25 {
        let m = g.int(2...10), n = g.int(2...10), k = g.int(1...min(m, n))
        var a = product(randomMatrix(m, k, &g), randomMatrix(k, n, &g))
        let unscaled = a.exactRank().rank
        for i in 0..<m {
            let s = factors[g.int(0...(factors.count - 1))]
            for j in 0..<n { a[i, j] *= s }
        }
        let result = a.exactRank()
        #expect(result.rank == unscaled && result.rank <= k)
        #expect(result.certificate.verify(against: a))
        for v in result.certificate.nullVectors { #expect(times(a, v).allSatisfy { $0.isZero }) }
    }
}
