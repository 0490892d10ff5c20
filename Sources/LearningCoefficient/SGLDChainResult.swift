import Exact
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one SGLD chain recorded.
public struct SGLDChainResult: Sendable, Equatable {
    /// The minibatch loss L_m(w_t) at every step t (burn-in first), up to divergence.
    public let losses: [Double]
    /// The first step whose loss or iterate was not finite, if any: the chain stopped there.
    public let divergedAt: Int?
    public let burnIn: Int
    /// Iterates kept on request (``SGLDChain/run(burnIn:draws:seed:keepEvery:tick:tickEvery:)``).
    var snapshots: [[Double]] = []

    public static func == (a: SGLDChainResult, b: SGLDChainResult) -> Bool {
        a.losses == b.losses && a.divergedAt == b.divergedAt && a.burnIn == b.burnIn
    }

    /// The losses after burn-in.
    public var draws: ArraySlice<Double> { losses.dropFirst(burnIn) }
}
