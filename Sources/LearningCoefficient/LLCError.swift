import Networks

/// Why an estimate of the local learning coefficient could not be made.
public enum LLCError: Error, Equatable, Sendable, NamesSettings {
    /// A setting out of range; the message names it by `names` (``description(naming:)``).
    case invalidOption(OptionNames.Setting, reason: String)
    /// The data do not fit the network (wrong width, no rows, a non-finite entry).
    case invalidData(place: String, reason: String)

    public func description(naming names: OptionNames) -> String {
        switch self {
        case .invalidOption(let setting, let reason): return "\(names[setting]): \(reason)"
        case .invalidData(let place, let reason): return "\(place): \(reason)"
        }
    }
}
