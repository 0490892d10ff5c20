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
///
/// An ellipsis `…` in an expected line matches any text within that line. The docs use it only
/// for values that are round-off and so depend on the BLAS build (the singular values below the
/// cut of a rank-deficient Jacobian, and the gap ratio they enter); everything else is compared
/// character for character.
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
        #expect(Self.matches(trim(actual), trim(example.expected)), "\(example.file):\(example.line): output differs:\n\(trim(actual))")
        if let status = example.exitStatus {
            #expect(result.status == status, "\(example.file):\(example.line): exit status")
        }
    }

    /// Whether `actual` is `expected` line by line, where `…` in an expected line matches any text.
    static func matches(_ actual: String, _ expected: String) -> Bool {
        let a = actual.components(separatedBy: "\n"), e = expected.components(separatedBy: "\n")
        guard a.count == e.count else { return false }
        return zip(a, e).allSatisfy { line, pattern in
            let pieces = pattern.components(separatedBy: "…")
            guard pieces.count > 1 else { return line == pattern }
            guard line.hasPrefix(pieces[0]), line.hasSuffix(pieces[pieces.count - 1]),
                  line.count >= pieces[0].count + pieces[pieces.count - 1].count else { return false }
            var rest = Substring(line.dropFirst(pieces[0].count).dropLast(pieces[pieces.count - 1].count))
            for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
                guard let r = rest.range(of: piece) else { return false }
                rest = rest[r.upperBound...]
            }
            return true
        }
    }

    @Test("an ellipsis in documented output matches any text within its line")
    func ellipsisMatching() {
        #expect(Self.matches("σ8 = 3.949e-16  σ9 = 9.814e-17", "σ8 = …  σ9 = …"))
        #expect(Self.matches("gap = 1.4e15", "gap = …"))
        #expect(Self.matches("a\nb", "a\nb"))
        #expect(!Self.matches("σ8 = 3.9e-16", "σ9 = …"))
        #expect(!Self.matches("a\nb\nc", "…\n…"))
        #expect(!Self.matches("abc", "abcd…"))
        #expect(!Self.matches("ab", "a…b…b"))
    }

    @Test("the docs show at least one checked command")
    func docsHaveExamples() {
        #expect(!Self.examples().isEmpty)
    }
}
