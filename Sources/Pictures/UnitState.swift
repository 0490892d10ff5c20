import Exact
import Networks

/// Which side of its kink a unit is on, throughout a region.
public enum UnitState: Int8, Hashable, Sendable {
    /// Pre-activation < 0 in the region's interior (the slope-a piece of act).
    case negative = -1
    /// Pre-activation identically 0 on the region (its whole zero set; not in general position).
    case zero = 0
    /// Pre-activation > 0 in the region's interior (the slope-b piece of act).
    case positive = 1

    /// `-`, `0` or `+`.
    public var symbol: Character {
        switch self {
        case .negative: return "-"
        case .zero: return "0"
        case .positive: return "+"
        }
    }
}
