#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Best-of-N wall-clock timing and the result-line format that `run.sh` reads.
///
/// A result line is `RESULT <key> <seconds> <operations>`: the best time of the measured work
/// and how many operations it performed. The C baselines print the same lines with the same
/// keys, so `run.sh` can divide one by the other.

/// The shortest of `repetitions` runs of `body`, in seconds. `body` returns a value that is
/// folded into a checksum so the optimiser cannot drop the work.
public func bestTime<T>(repetitions: Int, _ body: () -> T) -> (seconds: Double, lastResult: T) {
    let clock = ContinuousClock()
    var best = Double.infinity
    var result: T? = nil
    for _ in 0..<repetitions {
        let start = clock.now
        let value = body()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        best = min(best, seconds)
        result = value
    }
    return (best, result!)
}

/// Prints a result line for `run.sh` and a readable one.
public func report(_ key: String, seconds: Double, operations: Int, note: String = "") {
    print("RESULT \(key) \(seconds) \(operations)")
    let rate = Double(operations) / seconds
    print("  \(key): \(format(seconds)) s best, \(format(rate)) ops/s \(note)")
}

func format(_ x: Double) -> String {
    if x >= 1e4 || x < 1e-2 {
        var e = 0, m = x
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 && m > 0 { m *= 10; e -= 1 }
        return "\((m * 100).rounded() / 100)e\(e)"
    }
    return "\((x * 1000).rounded() / 1000)"
}

/// nnid's seeded generator is also the benchmarks' pseudo-random source, shared with the C
/// baselines (which implement the same SplitMix64), so both sides see the same inputs.
@_exported import struct Exact.SplitMix64

extension SplitMix64 {
    /// A double in [−1, 1): 53 random bits, scaled.
    public mutating func nextSignedUnit() -> Double {
        Double(next() >> 11) * 0x1p-52 - 1
    }
}
