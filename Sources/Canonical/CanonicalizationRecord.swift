import Exact
import Networks
import Symmetries

/// The steps of a canonicalisation, replayable on the network they came from.
public struct CanonicalizationRecord: Sendable, Equatable, Codable, CustomStringConvertible {
    public var steps: [CanonicalizationStep]

    public init(steps: [CanonicalizationStep]) { self.steps = steps }

    /// Applies the steps to `network`, checking each one (a wrong network throws
    /// ``CanonicalizationError/invalidStep(index:step:reason:)``). Replaying a canonical form's
    /// record on its input reproduces the canonical network exactly (the same code applies the
    /// steps in both cases).
    public func replay(on network: Network) throws(CanonicalizationError) -> Network {
        var working = WorkingNetwork(network)
        for (index, step) in steps.enumerated() { try working.apply(step, index: index) }
        return try working.network(like: network)
    }

    /// One numbered step per line.
    public var description: String {
        steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }
}
