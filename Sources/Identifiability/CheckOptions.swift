/// Options of ``Analysis/check(_:options:progress:)``.
public struct CheckOptions: Sendable, Equatable {
    public var rank: RankOptions
    public init(rank: RankOptions = RankOptions()) { self.rank = rank }
}
