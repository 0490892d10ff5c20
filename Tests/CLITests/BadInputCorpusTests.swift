import Foundation
import Testing

/// The bad-input corpus: every file in `Tests/CLITests/Corpus` is a malformed or hostile network
/// (truncated JSON, zero denominators, 10,001-digit literals, `Int.max` inputs, …), listed in
/// `MANIFEST.tsv` with the command to run and a fragment of the expected message.
///
/// For each entry nnid must fail cleanly: exit status 2, nothing on standard output, and one
/// `nnid: error: …` diagnostic on standard error that contains the fragment — never a crash, a
/// hang, or a partial result.
struct BadInputCorpusTests {
    struct Entry: CustomTestStringConvertible, Sendable {
        let file: String
        let arguments: [String]
        let fragment: String
        var testDescription: String { "\(file): nnid \(arguments.joined(separator: " "))" }
    }

    static let directory = CLI.root.appendingPathComponent("Tests/CLITests/Corpus")

    static func entries() -> [Entry] {
        guard let text = try? String(contentsOf: directory.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { return nil }
            let path = "Tests/CLITests/Corpus/\(fields[0])"
            let arguments = fields[1].split(separator: " ").map { $0 == "{}" ? path : String($0) }
            return Entry(file: fields[0], arguments: arguments, fragment: fields[2])
        }
    }

    @Test("a bad input fails with exit status 2 and a clear message", arguments: entries())
    func badInput(_ entry: Entry) throws {
        let r = try CLI.run(entry.arguments)
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("nnid: error: "), "stderr: \(r.stderr)")
        #expect(r.stderr.contains(entry.fragment), "stderr: \(r.stderr)")
        #expect(r.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1, "one diagnostic line: \(r.stderr)")
    }

    @Test("the manifest lists every corpus file, and at least 40")
    func manifestIsComplete() throws {
        let listed = Set(Self.entries().map(\.file))
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.directory.path))
            .subtracting(["MANIFEST.tsv", "README.md"])
        #expect(present == listed)
        #expect(listed.count >= 40)
        #expect(Self.entries().count == Self.entriesLineCount())
    }

    /// Non-comment lines in the manifest (so a malformed line cannot silently drop a case).
    static func entriesLineCount() -> Int {
        let text = (try? String(contentsOf: directory.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count
    }
}
