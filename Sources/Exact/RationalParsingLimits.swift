/// Limits that keep a hostile number literal from hanging the process or exhausting memory.
///
/// A literal of `maximumLength` characters denotes a value of at most a few tens of kilobytes;
/// an exponent of magnitude `maximumExponent` scales by at most 10^10000 (≈ 33,220 bits).
public struct RationalParsingLimits: Sendable, Equatable {
    /// The most characters a literal may have (default 10,000).
    public var maximumLength: Int
    /// The largest |e| accepted in scientific notation `…e±d` (default 10,000).
    public var maximumExponent: Int

    public init(maximumLength: Int = 10_000, maximumExponent: Int = 10_000) {
        self.maximumLength = maximumLength
        self.maximumExponent = maximumExponent
    }

    public static let `default` = RationalParsingLimits()
}
