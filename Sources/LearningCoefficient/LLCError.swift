/// Why an estimate of the local learning coefficient could not be made.
public enum LLCError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidOption(name: String, reason: String)
    /// The data do not fit the network (wrong width, no rows, a non-finite entry).
    case invalidData(place: String, reason: String)

    public var description: String {
        switch self {
        case .invalidOption(let name, let reason): return "--\(name): \(reason)"
        case .invalidData(let place, let reason): return "\(place): \(reason)"
        }
    }
}
