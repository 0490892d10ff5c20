@preconcurrency import Rainbow
import Identifiability
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-line progress bar on standard error for long analyses, redrawn in place at a terminal.
///
/// The analysis reports its steps as short notes (sampling, Jacobian rows and singular values,
/// exact rank, …); the bar advances one step per step note towards the expected number of steps,
/// shows the elapsed time, and after the step's text the latest update within it ("rows 4096 of
/// 16000, rank 1932 of at most 2328"). Updates are redrawn at most ten times a second. Away from
/// a terminal it prints nothing unless `--verbose` asks for the notes as plain lines.
final class ProgressBar: Sendable {
    private struct State {
        var steps = 0
        var stepText = ""
        var lastDraw: ContinuousClock.Instant?
    }
    private let expectedStages: Int
    private let start = ContinuousClock.now
    private let state = Mutex(State())

    init(expectedStages: Int) { self.expectedStages = max(1, expectedStages) }

    /// Whether a bar is drawn: stderr is a terminal that accepts control sequences.
    static var isAvailable: Bool { Terminal.standardErrorIsTerminal && Terminal.colourAllowed }

    func show(_ note: ProgressNote) {
        let now = ContinuousClock.now
        let drawn = state.withLock { value -> (steps: Int, text: String)? in
            if note.beginsStep {
                value.steps += 1
                value.stepText = note.text
            } else if let last = value.lastDraw, now - last < .milliseconds(100) {
                return nil
            }
            value.lastDraw = now
            return (value.steps, note.beginsStep ? note.text : value.stepText + " · " + note.text)
        }
        guard let (k, text) = drawn else { return }
        let width = 20
        let filled = min(width - 1, width * k / (expectedStages + 1))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let elapsed = now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let tenths = Int((seconds * 10).rounded())
        let line = "\(bar) \(tenths / 10).\(tenths % 10) s  \(text)"
        // Never wider than the terminal: a wrapped line would not be redrawn in place.
        let columns = Terminal.standardErrorColumns
        let shown = line.count < columns ? line : String(line.prefix(max(0, columns - 2))) + "…"
        Terminal.writeError("\r\u{1B}[K" + shown)
    }

    /// Removes the bar, leaving the terminal line empty.
    func finish() {
        Terminal.writeError("\r\u{1B}[K")
    }
}
