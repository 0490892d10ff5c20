/// Why the batch stopped growing.
public enum GrowthStop: String, Sendable, Equatable {
    /// The rank reached P.
    case fullRank = "the rank reached P"
    /// The rank reached the bound the symmetry tangents of the batch allow.
    case reachedBound = "the rank reached the bound the known symmetries allow"
    /// A round added points (half the batch again) and the rank did not change.
    case rankStable = "the rank did not change when the batch grew"
    /// The user fixed the number of points (``RankOptions/points``).
    case fixedBatch = "the batch size was fixed"
    /// ``RankOptions/maximumPoints`` points were sampled.
    case pointBudget = "the point budget was spent"
    /// ``RankOptions/maximumSeconds`` passed.
    case timeBudget = "the time budget was spent"
    /// The last round raised the rank by less than ``RankOptions/minimumRankGain`` per new point:
    /// a budget on work that buys little, not evidence that the rank is final.
    case slowGrowth = "the last round raised the rank by less than the minimum gain per new point"
    /// ``RankOptions/interruption`` was requested (Ctrl-C at the command line).
    case interrupted = "the analysis was interrupted"

    /// Growth stopped with the rank still free to rise: a budget or an interruption, not evidence.
    public var isBudget: Bool { self == .pointBudget || self == .timeBudget || self == .slowGrowth || self == .interrupted }
}
