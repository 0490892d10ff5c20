/// What the sampler's own traces say about an estimate, each a reason not to trust it.
public struct LLCDiagnostics: Sendable, Equatable {
    /// Chains whose loss or iterate stopped being finite, with the step: ε is too large.
    public let diverged: [(chain: Int, step: Int)]
    /// Chains whose draws still drift: the mean loss of the first and last thirds of the draws
    /// differ by more than three standard errors (from ten batch means) *and* by more than 10%
    /// of the chain's λ̂ (0.05 when λ̂ < 1/2) — burn-in too short or ε too small to mix.
    public let nonStationary: [Int]
    /// Gelman–Rubin R̂ of the draws across chains (`nil` for one chain).
    public let rHat: Double?
    /// R̂ > 1.1: the chains disagree.
    public var chainsDisagree: Bool { (rHat ?? 1) > 1.1 }

    public var isClean: Bool { diverged.isEmpty && nonStationary.isEmpty && !chainsDisagree }

    public static func == (a: LLCDiagnostics, b: LLCDiagnostics) -> Bool {
        a.diverged.map(\.chain) == b.diverged.map(\.chain) && a.diverged.map(\.step) == b.diverged.map(\.step)
            && a.nonStationary == b.nonStationary && a.rHat == b.rHat
    }

    /// The drift test on one chain's draws (see ``nonStationary``).
    static func drifts(_ draws: ArraySlice<Double>, nBeta: Double, estimate: Double) -> Bool {
        let n = draws.count
        guard n >= 30 else { return false }
        let values = Array(draws)
        let third = n / 3
        let first = mean(values[0..<third]), last = mean(values[(n - third)..<n])
        let batches = 10, size = n / batches
        let means = (0..<batches).map { mean(values[($0 * size)..<(($0 + 1) * size)]) }
        let spread = standardDeviation(means)
        // A third of the draws holds about batches/3 batch means.
        let standardError = spread * (2.0 / (Double(batches) / 3)).squareRoot()
        let difference = Swift.abs(first - last)
        return difference > 3 * standardError && nBeta * difference > max(0.05, 0.1 * Swift.abs(estimate))
    }

    /// Gelman & Rubin's potential scale reduction factor on equal-length chains.
    static func gelmanRubin(_ chains: [ArraySlice<Double>]) -> Double? {
        guard chains.count >= 2, let n = chains.map(\.count).min(), n >= 2 else { return nil }
        let trimmed = chains.map { Array($0.prefix(n)) }
        let means = trimmed.map { mean($0[...]) }
        let within = trimmed.map { variance($0) }.reduce(0, +) / Double(trimmed.count)
        let between = Double(n) * variance(means)
        guard within > 0 else { return between > 0 ? .infinity : 1 }
        let pooled = (Double(n - 1) / Double(n)) * within + between / Double(n)
        return (pooled / within).squareRoot()
    }
}

func mean(_ x: ArraySlice<Double>) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }

/// The sample variance (n − 1 in the denominator); 0 for fewer than two values.
func variance(_ x: [Double]) -> Double {
    guard x.count >= 2 else { return 0 }
    let m = mean(x[...])
    return x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
}

func standardDeviation(_ x: [Double]) -> Double { variance(x).squareRoot() }
