/// A note for people watching a long analysis: either a new step begins ("sampling 3000
/// points", "exact rank: exact rows of the selection, …"), or the current step says how far it has got
/// ("rows 4096 of 16000, rank 1932"). The library never prints; the caller decides how notes
/// are shown (the CLI: a bar redrawn in place at a terminal, or lines with `--verbose`).
public struct ProgressNote: Sendable, Equatable, CustomStringConvertible {
    /// `true` when a new step begins, `false` for an update within the current step.
    public let beginsStep: Bool
    /// One line of text, without a trailing newline.
    public let text: String

    /// A note that a new step begins.
    public static func step(_ text: String) -> ProgressNote { ProgressNote(beginsStep: true, text: text) }
    /// A note on how far the current step has got.
    public static func update(_ text: String) -> ProgressNote { ProgressNote(beginsStep: false, text: text) }

    public var description: String { text }
}

/// Where an analysis sends its ``ProgressNote``s.
public typealias ProgressSink = @Sendable (ProgressNote) -> Void
