import Foundation
import Testing

/// The library knows no command line: no string a library module emits names a flag or a
/// command (`nnid canon`). Messages
/// name settings as `OptionNames.Setting` values, and the command line spells them with its
/// flags where it prints (`OptionNames.commandLine`). Doc comments may mention flags where they
/// document the command line; code may not.
@Suite struct LibraryVocabularyTests {
    /// The string literals of a Swift line outside its comment (a line comment is cut off; a
    /// `///` or `//` line has none).
    static func literals(_ line: Substring) -> [String] {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("//") { return [] }
        var out: [String] = [], current = "", inside = false, escaped = false
        var previous: Character = " "
        for c in line {
            if inside {
                if escaped { escaped = false; current.append(c); continue }
                if c == "\\" { escaped = true; current.append(c); continue }
                if c == "\"" { inside = false; out.append(current); current = ""; continue }
                current.append(c)
            } else {
                if c == "/" && previous == "/" { break }
                if c == "\"" { inside = true }
                previous = c
            }
        }
        return out
    }

    @Test func noLibraryStringNamesAFlag() throws {
        let flag = try Regex(#"(^|[^\w-])--[a-z]|nnid (check|canon|rank|info|eval|convert|plot|equiv|llc)\b"#)
        let sources = CLI.root.appendingPathComponent("Sources")
        var offenders: [String] = []
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = files?.nextObject() as? URL {
            guard url.pathExtension == "swift", !url.path.contains("/Sources/nnid/") else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.literals(line).contains(where: { $0.contains(flag) }) {
                offenders.append("\(url.lastPathComponent):\(n + 1): \(line.drop { $0 == " " })")
            }
        }
        #expect(offenders.isEmpty, "library strings naming flags or commands:\n\(offenders.joined(separator: "\n"))")
        #expect(Self.literals(#"  throw x("see --max-parameters") // --y"#) == ["see --max-parameters"])
        #expect(Self.literals("  /// `--points`").isEmpty)
    }
}
