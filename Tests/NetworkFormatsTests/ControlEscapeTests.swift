import Testing
import NetworkFormats

/// The one function that makes a string from a file safe to print on a line of its own.
@Suite struct ControlEscapeTests {
    @Test(arguments: [
        ("plain name", "plain name"),
        ("two\nlines", #"two\nlines"#),
        ("cr\rtab\t", #"cr\rtab\t"#),
        ("\u{1B}[2Jclear", #"\u{1B}[2Jclear"#),
        ("nul\u{0}del\u{7F}c1\u{85}", #"nul\u{0}del\u{7F}c1\u{85}"#),
        ("ls\u{2028}ps\u{2029}", #"ls\u{2028}ps\u{2029}"#),
        ("rlo\u{202E}fsi\u{2068}", #"rlo\u{202E}fsi\u{2068}"#),
        ("Gewichte · 重み → ✓", "Gewichte · 重み → ✓"),
    ])
    func controlsAreEscapedAndTextIsKept(raw: String, shown: String) {
        #expect(raw.escapingControlCharacters == shown)
        #expect(!shown.unicodeScalars.contains { $0.properties.generalCategory == .control })
    }

    /// Escaping is one-line: whatever the input, the result has no line break of any kind.
    @Test func everyScalarBelow0x3000EscapesToOneLine() {
        let all = String(String.UnicodeScalarView((0..<0x3000).compactMap(Unicode.Scalar.init)))
        let shown = all.escapingControlCharacters
        #expect(!shown.contains { $0.isNewline })
        #expect(!shown.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) })
    }
}
