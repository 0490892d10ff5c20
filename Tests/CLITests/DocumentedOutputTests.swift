import Foundation
import Testing

/// Every `console` block in the docs shows commands and their output; this test runs each
/// command and compares what it prints with what the docs show, so the docs cannot drift.
///
/// A block looks like
///
///     ```console
///     $ nnid info examples/relu-2-2-1.json
///     architecture: 2 → 2 relu → 1 identity
///     ```
///
/// Each `$ nnid …` line is run from the repository root; the lines up to the next `$` line
/// are its expected standard output (a trailing `2>&1` compares standard error too, and a
/// trailing `< FILE` feeds a file to standard input). A line `[exit N]` right after the output
/// asserts the exit status.
struct DocumentedOutputTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let file: String
        let line: Int
        let command: String
        let expected: String
        let exitStatus: Int32?
        var testDescription: String { "\(file):\(line) \(command)" }
    }

    /// Markdown files whose console blocks are checked.
    static func documents() -> [URL] {
        let fm = FileManager.default
        var out: [URL] = [CLI.root.appendingPathComponent("README.md")]
        for dir in ["docs", "examples", "proofs", "Sources/Identifiability/Identifiability.docc"] {
            let url = CLI.root.appendingPathComponent(dir)
            guard let e = fm.enumerator(at: url, includingPropertiesForKeys: nil) else { continue }
            for case let f as URL in e where f.pathExtension == "md" { out.append(f) }
        }
        return out.filter { fm.fileExists(atPath: $0.path) }.sorted { $0.path < $1.path }
    }

    static func examples() -> [Example] {
        var out: [Example] = []
        for doc in documents() {
            guard let text = try? String(contentsOf: doc, encoding: .utf8) else { continue }
            let name = String(doc.path.dropFirst(CLI.root.path.count + 1))
            let lines = text.components(separatedBy: "\n")
            var i = 0
            while i < lines.count {
                guard lines[i].trimmingCharacters(in: .whitespaces) == "```console" else { i += 1; continue }
                i += 1
                var current: (line: Int, command: String)? = nil
                var expected: [String] = []
                var status: Int32? = nil
                func flush() {
                    if let c = current {
                        out.append(Example(file: name, line: c.line, command: c.command, expected: expected.joined(separator: "\n"), exitStatus: status))
                    }
                    expected = []
                    status = nil
                }
                while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "```" {
                    let l = lines[i]
                    if l.hasPrefix("$ nnid ") {
                        flush()
                        current = (i + 1, String(l.dropFirst(2)))
                    } else if l.hasPrefix("[exit "), l.hasSuffix("]"), let n = Int32(l.dropFirst(6).dropLast()) {
                        status = n
                    } else if current != nil {
                        expected.append(l)
                    }
                    i += 1
                }
                flush()
                i += 1
            }
        }
        return out
    }

    /// Splits a shell-like command line (single and double quotes, no expansion).
    static func words(_ line: String) -> [String] {
        var words: [String] = [], current = "", quote: Character? = nil, inWord = false
        for ch in line {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "'" || ch == "\"" {
                quote = ch
                inWord = true
            } else if ch == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    @Test("documented commands print what the docs show", arguments: examples())
    func documentedOutput(_ example: Example) throws {
        var args = Self.words(example.command)
        #expect(args.first == "nnid")
        args.removeFirst()
        var mergeStderr = false
        var stdin: Data? = nil
        if args.last == "2>&1" { mergeStderr = true; args.removeLast() }
        if args.count >= 2, args[args.count - 2] == "<" {
            stdin = try Data(contentsOf: CLI.root.appendingPathComponent(args[args.count - 1]))
            args.removeLast(2)
        }
        let result = try CLI.run(args, stdin: stdin)
        let actual = (result.stdout + (mergeStderr ? result.stderr : ""))
        let trim: (String) -> String = { s in
            var lines = s.components(separatedBy: "\n")
            while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
            return lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }.joined(separator: "\n")
        }
        #expect(trim(actual) == trim(example.expected), "\(example.file):\(example.line): output differs")
        if let status = example.exitStatus {
            #expect(result.status == status, "\(example.file):\(example.line): exit status")
        }
    }

    @Test("the docs show at least one checked command")
    func docsHaveExamples() {
        #expect(!Self.examples().isEmpty)
    }
}
