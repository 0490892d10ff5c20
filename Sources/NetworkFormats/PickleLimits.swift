/// Bounds on what a pickle may build (docs/limits.md), a field of ``ReadLimits``. Every opcode
/// creates at most one node and copies at most what it reads, so memory is linear in the
/// pickle's size; these limits bound the rest.
public struct PickleLimits: Sendable, Equatable {
    /// Most opcodes executed (default 100,000,000): bounds the run time of a pickle whose
    /// size the file-size limit alone would allow.
    public var maximumOpcodes: Int
    /// Most memo entries (`PUT`, `MEMOIZE`; default 1,000,000).
    public var maximumMemo: Int
    /// Most values on the stack at once, and most open `MARK`s (default 1,000,000).
    public var maximumStack: Int
    /// Deepest nesting of containers (default 100; a state dict nests three levels).
    public var maximumDepth: Int
    /// Longest string or bytes operand, in bytes (default 256 MiB). Array data travels in
    /// these (a numpy array's bytes, or protocol 2's latin-1 text of them), so the bound is
    /// large; each operand is also checked to lie inside the pickle before it is copied.
    public var maximumStringBytes: Int

    public init(
        maximumOpcodes: Int = 100_000_000, maximumMemo: Int = 1_000_000, maximumStack: Int = 1_000_000,
        maximumDepth: Int = 100, maximumStringBytes: Int = 1 << 28
    ) {
        self.maximumOpcodes = maximumOpcodes
        self.maximumMemo = maximumMemo
        self.maximumStack = maximumStack
        self.maximumDepth = maximumDepth
        self.maximumStringBytes = maximumStringBytes
    }

    public static let `default` = PickleLimits()
}
