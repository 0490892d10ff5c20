/// One finding of `nnid check`: a stable code, where it is, and what it means here.
public struct Finding: Sendable, Equatable {
    public let code: FindingCode
    /// One line: what was found.
    public let message: String
    /// Units or parameters it concerns.
    public let locations: [String]
    /// Further lines: why, and what to do.
    public let notes: [String]
}
