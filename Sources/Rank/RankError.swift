import Networks

/// Why a rank analysis could not run; each case names the offending option or place.
public enum RankError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(name: String, reason: String)
    case network(NetworkError)
    case linearAlgebra(String)
    case exact(String)
    /// Almost every sampled point puts this unit's pre-activation exactly on its kink (e.g. all
    /// its incoming weights and its bias are 0): the Jacobian does not exist there.
    case unitOnKinkEverywhere(UnitID)
    /// P exceeds ``RankOptions/maximumParameters``.
    case tooManyParameters(count: Int, limit: Int)

    public var description: String { description(naming: OptionNames()) }

    /// The message, naming the settings it recommends by `names`.
    public func description(naming names: OptionNames) -> String {
        switch self {
        case .invalidOption(let name, let reason): return "\(name): \(reason)"
        case .network(let error): return error.description
        case .linearAlgebra(let message): return "numeric linear algebra failed: \(message)"
        case .exact(let message): return "exact computation failed: \(message)"
        case .unitOnKinkEverywhere(let u):
            return "\(u) sits on the kink of its activation at (almost) every input, so the Jacobian does not exist there; "
                + "remove the unit first (it computes a constant: see `nnid canon`)"
        case .tooManyParameters(let count, let limit):
            let needed = MemoryPlan.analysisBytes(parameters: count).map(MemoryPlan.gigabytes) ?? "more bytes than can be counted"
            let machine = MemoryPlan.physicalMemory.map { "this machine has \(MemoryPlan.gigabytes($0))" }
                ?? "this machine's memory is unknown"
            return "the network has \(count) parameters; the rank analysis is limited to \(limit) "
                + "(it would need about \(needed) of memory and O(P³) time; \(machine)); "
                + "raise the limit with \(names[.maximumParameters]), or analyse a smaller network"
        }
    }
}
