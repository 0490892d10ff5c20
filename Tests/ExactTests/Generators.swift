import Exact
import PropertyBased

/// Random exact numbers for property tests: small fractions, dyadic rationals imported from
/// random `Double` bit patterns, and large fractions with numerator and denominator of up to
/// 256 bits.
extension Gen where Value == Rational {
    /// p/q with |p| ≤ 60 and 1 ≤ q ≤ 60.
    static var small: Generator<Rational, some SendableSequenceType> {
        zip(Gen<Int>.int(in: -60...60), Gen<Int>.int(in: 1...60)).map { p, q in Rational(p, q) }
    }

    /// The exact value of a random finite `Double` (any exponent, including subnormals).
    static var dyadic: Generator<Rational, some SendableSequenceType> {
        Gen<UInt64>.uint64().compactMap { bits in try? Rational(bits: bits, format: .float64) }
    }

    /// ±p/q with p of 0 … 4 random 64-bit limbs and q of 1 … 4 limbs.
    static var large: Generator<Rational, some SendableSequenceType> {
        zip(Gen<UInt64>.uint64().array(of: 0...4), Gen<UInt64>.uint64().array(of: 1...4), Gen<Bool>.bool)
            .map { p, q, negative in
                let n = bigInteger(limbs: p), d = bigInteger(limbs: q)
                let value = (try? Rational(numerator: n, denominator: d.isZero ? 1 : d)) ?? .zero
                return negative ? -value : value
            }
    }

    /// Any of the above, equally often.
    static var any: Generator<Rational, some SendableSequenceType> {
        zip(small, dyadic, large, Gen<Int>.int(in: 0...2)).map { t in [t.0, t.1, t.2][t.3] }
    }
}

/// Σ limbs[i] · 2^(64 i).
func bigInteger(limbs: [UInt64]) -> BigInteger {
    var value = BigInteger(0)
    for limb in limbs.reversed() { value = value.shifted(by: 64) + BigInteger(limb) }
    return value
}
