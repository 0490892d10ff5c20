import Foundation
import Testing

/// Text reports on stdout quote strings taken from the input — the network's name, output
/// paths — escaped, so a hostile file cannot forge a report line, a diagnostic or a terminal
/// command. JSON output keeps them as they are (JSON escapes them itself).
struct ReportEscapingTests {
    /// A name with a newline, a forged diagnostic, an ANSI clear-screen and a line separator.
    static let hostileName = "evil\nnnid: error: forged\u{1B}[2J\u{2028}end"
    static let escapedName = #"evil\nnnid: error: forged\u{1B}[2J\u{2028}end"#

    static var network: Data {
        let name = #""evil\nnnid: error: forged\u001b[2J\u2028end""#  // hostileName as a JSON string
        return Data(#"""
        {"format": "nnid-network", "version": 1, "name": \#(name), "inputs": 2,
         "layers": [{"activation": "relu", "weights": [["1", "-1/2"], ["1/3", "2"]], "bias": ["1/4", "-1/5"]},
                    {"activation": "identity", "weights": [["3/2", "-2/3"]], "bias": ["1/7"]}]}
        """#.utf8)
    }

    /// No escape character, no line separator, and no line that is not the report's own.
    static func expectInert(_ stdout: String, firstLine: String) {
        #expect(!stdout.contains("\u{1B}"))
        #expect(!stdout.contains("\u{2028}"))
        #expect(!stdout.split(separator: "\n").contains { $0.hasPrefix("nnid: error") })
        #expect(stdout.split(separator: "\n").first.map(String.init) == firstLine)
    }

    @Test func infoEscapesTheName() throws {
        let r = try CLI.run(["info", "-"], stdin: Self.network)
        #expect(r.status == 0)
        Self.expectInert(r.stdout, firstLine: "network:      " + Self.escapedName)
        // JSON carries the name itself.
        let json = try CLI.run(["info", "-", "--format", "json"], stdin: Self.network)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["name"] as? String == Self.hostileName)
    }

    @Test func checkEscapesTheName() throws {
        let r = try CLI.run(["check", "-", "--seed", "1"], stdin: Self.network)
        #expect(r.status != 2, "\(r.stderr)")
        Self.expectInert(r.stdout, firstLine: "network:               " + Self.escapedName)
    }

    /// `canon -o PATH` says where it wrote, the path escaped.
    @Test func writtenPathsAreEscaped() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-escape-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("a\nnnid: error: b\u{1B}[2J.json").path
        let r = try CLI.run(["canon", "examples/relu-2-2-1.json", "-o", path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(r.stdout.hasSuffix("\nwrote " + dir.path + #"/a\nnnid: error: b\u{1B}[2J.json"# + "\n"))
        #expect(!r.stdout.contains("\u{1B}"))
        #expect(!r.stdout.split(separator: "\n").contains { $0.hasPrefix("nnid: error") })
    }
}
