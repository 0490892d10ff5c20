import Exact

/// Limits for parsing JSON from untrusted input.
public struct JSONLimits: Sendable, Equatable {
    /// The deepest nesting of arrays and objects (default 64; never more than ``depthCeiling``).
    public var maximumDepth: Int
    /// The hard ceiling on ``maximumDepth``, whatever it is set to. The parser recurses once per
    /// level (as do the parsed value's equality and deinitialisation); the tests parse, compare
    /// and free a document this deep on a thread with a 2 MiB stack in a debug build, a
    /// quarter of the 8 MiB main-thread stack the tool runs on.
    public static let depthCeiling = 256
    /// The longest number literal, in bytes (default 10,000).
    public var maximumNumberLength: Int
    /// The most values (numbers, strings, literals, arrays, objects) in one document (default
    /// 25,000,000). A parsed value takes a few dozen bytes however short its text, so this bounds
    /// the memory a document can claim independently of its size on disk.
    public var maximumValues: Int
    public init(maximumDepth: Int = 64, maximumNumberLength: Int = 10_000, maximumValues: Int = 25_000_000) {
        self.maximumDepth = maximumDepth
        self.maximumNumberLength = maximumNumberLength
        self.maximumValues = maximumValues
    }
    public static let `default` = JSONLimits()
}
