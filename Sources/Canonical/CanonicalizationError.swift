import Exact
import Networks

/// Why a canonicalisation or a replay failed. `place` names the step or unit.
public enum CanonicalizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A recorded step does not apply to the network it is replayed on.
    case invalidStep(index: Int, step: String, reason: String)
    /// The result is not a well-formed network (should not happen; reported, never trapped).
    case network(NetworkError)

    public var description: String {
        switch self {
        case .invalidStep(let index, let step, let reason): return "step \(index) (\(step)): \(reason)"
        case .network(let error): return "canonical network: \(error)"
        }
    }
}
