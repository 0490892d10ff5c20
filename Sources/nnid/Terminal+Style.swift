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
    /// The width of the terminal on standard error (80 when it cannot be asked).
    static var standardErrorColumns: Int {
        var size = winsize()
        return ioctl(2, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : 80
    }

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
        guard colourAllowed, standardOutputIsTerminal else { return output(report.text(naming: .commandLine)) }
        let lines = report.lines(naming: .commandLine).map { line -> String in
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
