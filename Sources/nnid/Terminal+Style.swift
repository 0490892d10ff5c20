@preconcurrency import Rainbow
import Identifiability
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Colours and progress for people at a terminal. Nothing here changes what a pipe or a file
/// receives: styling applies only to a stream that is a terminal, and never under `NO_COLOR`
/// or `TERM=dumb`, so golden outputs and JSON stay byte-for-byte plain.
extension Terminal {
    static let colourAllowed: Bool = {
        if let noColour = getenv("NO_COLOR"), noColour.pointee != 0 { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }()
    static let standardOutputIsTerminal = isatty(1) != 0
    static let standardErrorIsTerminal = isatty(2) != 0

    /// `text` styled by `style` when the stream `fd` is a terminal that accepts colour.
    static func styled(_ text: String, onDescriptor fd: Int32, _ style: (String) -> String) -> String {
        guard colourAllowed, fd == 1 ? standardOutputIsTerminal : standardErrorIsTerminal else { return text }
        Rainbow.outputTarget = .console
        Rainbow.enabled = true
        return style(text)
    }

    /// A text report on stdout, coloured by the role of each line at a terminal: finding
    /// headings by severity, `= help:` lines, and the verdict (green when settled).
    static func outputReport(_ report: some Report) {
        guard colourAllowed, standardOutputIsTerminal else { return output(report.text) }
        let lines = report.lines.map { line -> String in
            switch line.role {
            case .plain: return line.text
            case .finding(.warning): return styled(line.text, onDescriptor: 1) { $0.yellow.bold }
            case .finding(.error): return styled(line.text, onDescriptor: 1) { $0.red.bold }
            case .help: return styled(line.text, onDescriptor: 1) { $0.cyan }
            case .verdict(let settled): return styled(line.text, onDescriptor: 1) { settled ? $0.green.bold : $0.yellow.bold }
            }
        }
        output(lines.joined(separator: "\n") + "\n")
    }
}

/// A one-line progress bar on standard error for long analyses, redrawn in place at a terminal.
///
/// The analysis reports its stages as short notes (sampling, Jacobian and singular values,
/// exact rank, …); the bar advances one step per note towards the expected number of stages and
/// shows the elapsed time. Away from a terminal it prints nothing unless `--verbose` asks for
/// the notes as plain lines.
final class ProgressBar: Sendable {
    private let expectedStages: Int
    private let start = ContinuousClock.now
    private let stage = Mutex(0)

    init(expectedStages: Int) { self.expectedStages = max(1, expectedStages) }

    /// Whether a bar is drawn: stderr is a terminal that accepts control sequences.
    static var isAvailable: Bool { Terminal.standardErrorIsTerminal && Terminal.colourAllowed }

    func advance(_ note: String) {
        let k = stage.withLock { value -> Int in
            value += 1
            return value
        }
        let width = 20
        let filled = min(width - 1, width * k / (expectedStages + 1))
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let tenths = Int((seconds * 10).rounded())
        let line = "\r\u{1B}[K\(bar) \(tenths / 10).\(tenths % 10) s  \(note)"
        Terminal.writeError(line)
    }

    /// Removes the bar, leaving the terminal line empty.
    func finish() {
        Terminal.writeError("\r\u{1B}[K")
    }
}
