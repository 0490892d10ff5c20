import Identifiability

/// Writing to the terminal: results on stdout, diagnostics on stderr.
enum Terminal {
    /// Writes a report to stdout, or to stderr when stdout carries data (`-o -`).
    static func report(_ text: String, toStandardError: Bool) {
        if toStandardError {
            var stderr = StandardError()
            print(text, terminator: "", to: &stderr)
        } else {
            output(text)
        }
    }

    static func output(_ text: String) {
        print(text, terminator: "")
    }

    /// One diagnostic line: control characters in `message` (which may quote a file) are escaped.
    static func error(_ message: String) {
        var stderr = StandardError()
        print(styled("nnid: error:", onDescriptor: 2) { $0.red.bold } + " \(message.escapingControlCharacters)", to: &stderr)
    }

    /// Raw text on standard error (no newline added).
    static func writeError(_ text: String) {
        var stderr = StandardError()
        print(text, terminator: "", to: &stderr)
    }

    /// One note line on standard error, control characters escaped.
    static func note(_ message: String) {
        var stderr = StandardError()
        print(message.escapingControlCharacters, to: &stderr)
    }
}
