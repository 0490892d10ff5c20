/// Bounds on what a pickle may build (docs/limits.md). Every opcode creates at most one node
/// and copies at most what it reads, so memory is linear in the pickle's size; these limits
/// bound the rest.
public struct PickleLimits: Sendable, Equatable {
    /// Most memo entries (`PUT`, `MEMOIZE`).
    public var maximumMemo: Int = 1_000_000
    /// Most values on the stack at once, and most open `MARK`s.
    public var maximumStack: Int = 1_000_000
    /// Deepest nesting of containers.
    public var maximumDepth: Int = 100

    public init() {}
}
