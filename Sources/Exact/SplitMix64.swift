/// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number generators"):
/// a 64-bit state advanced by the golden-ratio increment and finalised by a mixing function.
///
/// Every random draw in nnid — the rank analysis's sample points, `plot`'s points, the tests'
/// random networks and the benchmarks' inputs — comes from this one generator, so a run is a pure
/// function of its inputs and seed: the same seed gives the same numbers on every machine. It is
/// not a cryptographic generator and is not meant to be one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0 ..< 2^bits (bits ≤ 64).
    public mutating func nextBits(_ bits: Int) -> UInt64 {
        bits >= 64 ? next() : next() >> UInt64(64 - bits)
    }

    /// A uniform double in [0, 1) with 53 random bits: k / 2^53.
    public mutating func nextUnit() -> Double { Double(nextBits(53)) * 0x1p-53 }

    /// A uniform integer in `range` (modulo reduction; the bias is below 2⁻³² for the small
    /// ranges tests and benchmarks use).
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// An exact dyadic rational lo + (hi − lo)·k/2^bits with odd k, 0 < k < 2^bits (bits ≤ 62):
    /// uniform on a grid of the interval (lo, hi) that avoids both ends.
    public mutating func nextDyadic(in lower: Rational, _ upper: Rational, bits: Int = 20) -> Rational {
        let k = Int(nextBits(bits) | 1)
        return lower + (upper - lower) * Rational(k, 1 << bits)
    }

    /// A point of the box ∏ [lowerᵢ, upperᵢ], each coordinate drawn by
    /// ``nextDyadic(in:_:bits:)``: the one grid sampler of the rank analysis's box draws and
    /// `nnid plot`'s points.
    public mutating func nextPoint(in lower: [Rational], _ upper: [Rational], bits: Int = 20) -> [Rational] {
        zip(lower, upper).map { lo, hi in nextDyadic(in: lo, hi, bits: bits) }
    }

    /// A standard normal deviate (Box–Muller on two uniform draws; u₁ is kept away from 0).
    public mutating func nextGaussian() -> Double {
        let u1 = (Double(nextBits(53)) + 1) * 0x1p-53
        let u2 = nextUnit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
