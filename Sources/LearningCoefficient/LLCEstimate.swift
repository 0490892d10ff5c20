import Exact
import Identifiability

/// An SGLD estimate of the local learning coefficient λ(θ) and everything needed to judge it.
///
/// λ̂ = nβ·(E_w[L_n(w)] − L_n(θ)) (Lau, Furman, Wang, Murfet & Wei 2023, "The local learning
/// coefficient"), the expectation over the localised tempered posterior, estimated per chain by
/// the mean minibatch loss of its draws. L_n(θ) is computed on the whole data set (0 in the
/// realisable setting), not on one minibatch.
public struct LLCEstimate: Sendable {
    public let options: SGLDOptions
    public let lossName: String
    public let samples: Int
    public let nBeta: Double
    public let batchSize: Int
    /// L_n(θ) on all n samples.
    public let lossAtTheta: Double
    public let chains: [SGLDChainResult]
    /// λ̂ of each chain (`nan` for a diverged chain).
    public let perChain: [Double]
    public let diagnostics: LLCDiagnostics
    /// The rank analysis's certified interval for λ(θ), when it applies (analytic activations).
    public let interval: LearningCoefficientBounds?
    /// The proven value of λ(θ), when one is known at this θ (``ProvenLearningCoefficient``).
    public let proven: ProvenLearningCoefficient?

    /// Mean of the chains' λ̂ (diverged chains excluded; `nan` if every chain diverged).
    public var mean: Double {
        let ok = perChain.filter(\.isFinite)
        return ok.isEmpty ? .nan : ok.reduce(0, +) / Double(ok.count)
    }
    /// Sample standard deviation of the chains' λ̂ (0 for one chain).
    public var standardDeviation: Double { LearningCoefficient.standardDeviation(perChain.filter(\.isFinite)) }
    /// 2λ̂: the effective number of parameters (P for a regular model).
    public var effectiveParameters: Double { 2 * mean }

    /// The standard error of ``mean``: std over chains / √chains.
    public var standardError: Double {
        let ok = perChain.filter(\.isFinite).count
        return ok > 1 ? standardDeviation / Double(ok).squareRoot() : 0
    }

    /// The estimate lies outside the certified interval by more than two standard errors (or is
    /// not finite): a mis-tuned sampler, not a discovery. (At a regular point the interval is the
    /// single value P/2, so the allowance is what makes "inside" possible for a noisy estimate.)
    public var outsideInterval: Bool {
        guard let interval else { return false }
        let m = mean
        let slack = 2 * standardError
        return !m.isFinite || m < interval.lower.doubleValue - slack || m > interval.upper.doubleValue + slack
    }

    /// Relative error against the proven value, when there is one.
    public var relativeError: Double? {
        guard let proven, !proven.value.isZero else { return nil }
        return Swift.abs(mean - proven.value.doubleValue) / proven.value.doubleValue
    }
}
