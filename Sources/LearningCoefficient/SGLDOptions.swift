#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Networks

/// The settings of one SGLD estimate of the local learning coefficient.
///
/// Each chain starts at θ and takes `burnIn + draws` steps of
/// w ← w − (ε/2)·(nβ·∇L_m(w) + γ·(w − θ)) + √ε·ξ, ξ ~ N(0, I), on minibatches of `batchSize`
/// rows drawn without replacement (a fresh permutation per pass over the data). The draws are
/// the minibatch losses at the last `draws` iterates. The burn-in steps may use a larger step
/// `burnInEpsilon` (a warm-up: its discretisation bias is discarded with the burn-in).
public struct SGLDOptions: Sendable, Equatable {
    /// ε, the step size.
    public var epsilon: Double
    /// γ, the strength of the localisation (γ/2)·‖w − θ‖².
    public var gamma: Double
    /// nβ, the inverse temperature times n; `nil` for n/log n (β = 1/log n, Watanabe's WBIC temperature).
    public var nBeta: Double?
    public var chains: Int
    public var draws: Int
    public var burnIn: Int
    /// The step during burn-in; `nil` for ε.
    public var burnInEpsilon: Double? = nil
    /// Minibatch rows; `nil` for min(n, 256).
    public var batchSize: Int?
    public var seed: UInt64

    public init(
        epsilon: Double = 1e-4, gamma: Double = 1, nBeta: Double? = nil, chains: Int = 4, draws: Int = 1000,
        burnIn: Int = 500, batchSize: Int? = nil, seed: UInt64 = 0
    ) {
        self.epsilon = epsilon
        self.gamma = gamma
        self.nBeta = nBeta
        self.chains = chains
        self.draws = draws
        self.burnIn = burnIn
        self.batchSize = batchSize
        self.seed = seed
    }

    /// The budget: chains·(burn-in + draws) steps at most (the run takes time proportional to it
    /// and keeps one loss per step).
    public static let maximumSteps = 100_000_000

    /// nβ for n samples: the given value, else n/log n (n ≥ 2; n = 1 gives 1).
    public func resolvedNBeta(samples n: Int) -> Double {
        if let nBeta { return nBeta }
        return n >= 3 ? Double(n) / log(Double(n)) : 1
    }

    /// The minibatch size for n samples.
    public func resolvedBatchSize(samples n: Int) -> Int { min(n, batchSize ?? 256) }

    /// Checks every setting, naming the first bad one.
    public func validate() throws(LLCError) {
        func bad(_ setting: OptionNames.Setting, _ reason: String) -> LLCError { .invalidOption(setting, reason: reason) }
        guard epsilon.isFinite, epsilon > 0 else { throw bad(.epsilon, "\(epsilon) is not a positive finite number") }
        guard gamma.isFinite, gamma >= 0 else { throw bad(.gamma, "\(gamma) is not a finite nonnegative number") }
        if let burnInEpsilon {
            guard burnInEpsilon.isFinite, burnInEpsilon > 0 else { throw bad(.burnIn, "its step \(burnInEpsilon) is not a positive finite number") }
        }
        if let nBeta { guard nBeta.isFinite, nBeta > 0 else { throw bad(.nBeta, "\(nBeta) is not a positive finite number") } }
        guard (1...10_000).contains(chains) else { throw bad(.chains, "\(chains) is outside 1…10000") }
        guard draws >= 2 else { throw bad(.draws, "\(draws) is fewer than 2") }
        guard burnIn >= 0 else { throw bad(.burnIn, "\(burnIn) is negative") }
        if let batchSize { guard batchSize >= 1 else { throw bad(.batchSize, "\(batchSize) is below 1") } }
        let (perChain, o1) = draws.addingReportingOverflow(burnIn)
        let (total, o2) = perChain.multipliedReportingOverflow(by: chains)
        guard !o1, !o2, total <= Self.maximumSteps else {
            throw bad(.draws, "chains × (burn-in + draws) exceeds the budget of \(Self.maximumSteps) steps")
        }
    }
}
