import Networks

/// Why a rank analysis could not run; each case names the offending option or place.
public enum RankError: Error, Equatable, Sendable, NamesSettings {
    /// A setting out of range; the message names it by `names` (``description(naming:)``).
    case invalidOption(OptionNames.Setting, reason: String)
    case network(NetworkError)
    case linearAlgebra(String)
    case exact(String)
    /// Almost every sampled point puts this unit's pre-activation exactly on its kink (e.g. all
    /// its incoming weights and its bias are 0): the Jacobian does not exist there.
    case unitOnKinkEverywhere(UnitID)
    /// P exceeds ``RankOptions/maximumParameters``; `method` is the engine the options chose
    /// (``RankOptions/factorization``), whose memory plan the message quotes.
    case tooManyParameters(count: Int, limit: Int, method: FactorizationMethod = .auto)

    /// The message, naming the settings it recommends by `names`.
    public func description(naming names: OptionNames) -> String {
        switch self {
        case .invalidOption(let setting, let reason): return "\(names[setting]): \(reason)"
        case .network(let error): return error.description
        case .linearAlgebra(let message): return "numeric linear algebra failed: \(message)"
        case .exact(let message): return "exact computation failed: \(message)"
        case .unitOnKinkEverywhere(let u):
            return "\(u) sits on the kink of its activation at (almost) every input, so the Jacobian does not exist there; "
                + "remove the unit first (it computes a constant: see \(names[.canonicalForm]))"
        case .tooManyParameters(let count, let limit, let method):
            let needed = MemoryPlan.bytes(parameters: count, method: method).map(MemoryPlan.gigabytes) ?? "more bytes than can be counted"
            let engine = method == .auto ? "" : " with the \(method.rawValue) engine"
            let machine = MemoryPlan.physicalMemory.map { "this machine has \(MemoryPlan.gigabytes($0))" }
                ?? "this machine's memory is unknown"
            return "the network has \(count) parameters; the rank analysis is limited to \(limit) "
                + "(it would need about \(needed) of memory\(engine) and O(P³) time; \(machine)); "
                + "raise the limit with \(names[.maximumParameters]), or analyse a smaller network"
        }
    }
}
