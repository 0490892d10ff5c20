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
/// Round-off is masked by the checker itself, on both sides, whatever the doc shows
/// (``RoundOffMask``): every singular value at or below the numeric cut (after the `|` of a
/// `spectrum at the cut:` line, or a JSON `spectrum_at_cut` entry whose index exceeds the
/// report's `"rank"`) and every figure computed from one (the gap σr/σr+1, `gap ratio`,
/// `"gap_ratio"`) compares equal to any other value. Those digits are the SVD's backward error and
/// differ between BLAS kernels. Values above the cut, the cut's position (the rank) and
/// everything else are compared character for character.
///
/// An ellipsis `…` in an expected line matches any text within that line. The docs use it for
/// the sub-cut values above (where it is redundant but harmless) and, beyond them, only for an
/// above-cut value that is itself within a few orders of τ (an ambiguous cut), whose last
/// printed digits are round-off too.
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

    /// Whether `actual` is `expected` line by line once both have their round-off masked
    /// (``RoundOffMask``), where `…` in an expected line matches any text.
    static func matches(_ actual: String, _ expected: String) -> Bool {
        let a = RoundOffMask.apply(actual).components(separatedBy: "\n")
        let e = RoundOffMask.apply(expected).components(separatedBy: "\n")
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

    /// The masking rule on a real report: sub-cut values and the gap may change in every digit;
    /// an above-cut value, τ, or the rank (the position of the cut) may not.
    @Test("sub-cut singular values and the gap are masked; above-cut values and the rank are not")
    func roundOffMasking() {
        let doc = """
            functional dimension:  6 (exact, certificate verified; numeric 6 agrees)
            spectrum at the cut:   σ4 = 5.597  σ5 = 4.528  σ6 = 4.003 |  σ7 = 6.718e-16  σ8 = 6.063e-16  σ9 = 4.272e-16
            tolerance:             1.127e-13; gap σ6/σ7 = 5.959e15
            """
        let otherKernel = """
            functional dimension:  6 (exact, certificate verified; numeric 6 agrees)
            spectrum at the cut:   σ4 = 5.597  σ5 = 4.528  σ6 = 4.003 |  σ7 = 9.657e-16  σ8 = 5.643e-16  σ9 = 0
            tolerance:             1.127e-13; gap σ6/σ7 = inf
            """
        #expect(Self.matches(otherKernel, doc))
        #expect(Self.matches(doc, otherKernel))
        // An above-cut value, τ, or the cut moved by one (rank 5, σ6 below the cut) must differ.
        #expect(!Self.matches(otherKernel.replacingOccurrences(of: "σ5 = 4.528", with: "σ5 = 4.529"), doc))
        #expect(!Self.matches(otherKernel.replacingOccurrences(of: "1.127e-13", with: "1.128e-13"), doc))
        let rank5 = """
            functional dimension:  6 (exact, certificate verified; numeric 5 DISAGREES)
            spectrum at the cut:   σ3 = 6.1  σ4 = 5.597  σ5 = 4.528 |  σ6 = 4.003  σ7 = 9.657e-16  σ8 = 5.643e-16
            tolerance:             1.127e-13; gap σ5/σ6 = 1.131
            """
        #expect(!Self.matches(rank5, doc))
        #expect(!Self.matches(doc.replacingOccurrences(of: "4.003 |  σ7", with: "4.003  σ7 |"), doc))
        // The picture's summary line and the JSON report follow the same rule.
        #expect(Self.matches("rank 7 of 9 parameters on 23 points, gap ratio 1.02e+15 → s.svg",
                             "rank 7 of 9 parameters on 23 points, gap ratio 3.4e+16 → s.svg"))
        #expect(!Self.matches("rank 6 of 9 parameters on 23 points, gap ratio 1.02e+15 → s.svg",
                              "rank 7 of 9 parameters on 23 points, gap ratio 1.02e+15 → s.svg"))
        let json = """
              "numeric": {
                "rank": 2,
                "tolerance": 3.3306690738754696e-16,
                "gap_ratio": 3.1e15,
                "spectrum_at_cut": [
                  {
                    "index": 1,
                    "value": 2.5
                  },
                  {
                    "index": 2,
                    "value": 0.75
                  },
                  {
                    "index": 3,
                    "value": 2.4e-16
                  }
                ]
              },
            """
        let perturbed = json.replacingOccurrences(of: "2.4e-16", with: "7.1e-17").replacingOccurrences(of: "3.1e15", with: "1e16")
        #expect(Self.matches(perturbed, json))
        #expect(!Self.matches(json.replacingOccurrences(of: "0.75", with: "0.7500000000000001"), json))
        #expect(!Self.matches(json.replacingOccurrences(of: #""rank": 2"#, with: #""rank": 3"#), json))
        #expect(!Self.matches(perturbed.replacingOccurrences(of: #""rank": 2"#, with: #""rank": 3"#), json))
    }

    /// The same rule on real reports of a rank-6 network with P = 9 (σ7…σ9 below the cut).
    @Test func roundOffMaskingOfRealReports() throws {
        let text = try CLI.run(["check", "examples/relu-opposite-pair.json"]).stdout
        let spectrum = try #require(text.split(separator: "\n").first { $0.hasPrefix("spectrum at the cut:") })
        let subCut = spectrum.replacing(/σ([789]) = [^\s]+/) { "σ\($0.output.1) = 1.5e-15" }
        #expect(subCut != spectrum)
        #expect(Self.matches(text.replacingOccurrences(of: spectrum, with: subCut), text))
        let aboveCut = spectrum.replacing(/σ6 = [^\s]+/) { _ in "σ6 = 4.004" }
        #expect(aboveCut != spectrum)
        #expect(!Self.matches(text.replacingOccurrences(of: spectrum, with: aboveCut), text))
        let json = try CLI.run(["check", "examples/relu-opposite-pair.json", "--format", "json"]).stdout
        func setting(_ index: Int, to value: String) throws -> String {
            json.replacing(try Regex(#"("index": \#(index),\s*"value": )[^\s,}]+"#)) { m in
                (m.output[1].substring.map(String.init) ?? "") + value
            }
        }
        let jsonSubCut = try setting(7, to: "1.5e-15")
        #expect(jsonSubCut != json)
        #expect(Self.matches(try setting(9, to: "0"), json) && Self.matches(jsonSubCut, json))
        #expect(!Self.matches(try setting(6, to: "4.0"), json))
    }

    @Test("the docs show at least one checked command")
    func docsHaveExamples() {
        #expect(!Self.examples().isEmpty)
    }
}
