import Exact

extension String {
    /// The text with every control character shown as an escape, so that text taken from a file
    /// (a tensor name, a metadata value, a path) prints as one inert line: `\n`, `\r`, `\t`, and
    /// `\u{1B}`-style escapes for the other C0 and C1 controls, DEL, the line and paragraph
    /// separators U+2028/U+2029 and the bidirectional overrides and isolates (U+202A–U+202E,
    /// U+2066–U+2069), which could forge a second diagnostic line, clear the screen or reorder
    /// what is shown. Everything else, non-ASCII letters included, is unchanged.
    public var escapingControlCharacters: String {
        replacingScalars(["\n": "\\n", "\r": "\\r", "\t": "\\t"]) { scalar in
            switch scalar.value {
            case 0x00..<0x20, 0x7F...0x9F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                return "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: return nil
            }
        }
    }
}
