import Foundation
import Testing

/// Hostile sizes end with the limit's error (exit status 2) instead of hanging or exhausting
/// memory. Each input is built here rather than committed (they are megabytes long).
struct ResourceLimitTests {
    /// `{"inputs": 1, "layers": [{"activation": "relu", "weights": [[W]]}]}`.
    static func network(weight: String) -> Data {
        Data(#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[\#(weight)]]}]}"#.utf8)
    }

    static let million = String(repeating: "0", count: 1_000_000)

    @Test("a 10⁶-digit number literal stops at the number-length limit")
    func millionDigitLiteral() throws {
        let r = try CLI.run(["info", "-"], stdin: Self.network(weight: "1" + Self.million))
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("number literal of 1000001 characters exceeds the limit of 10000"), "\(r.stderr)")
    }

    @Test("an enormous numerator (1 followed by 10⁶ zeros, as a string) stops at the limit")
    func millionDigitNumerator() throws {
        let r = try CLI.run(["eval", "-", "--input", "1"], stdin: Self.network(weight: "\"1\(Self.million)/3\""))
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("layers[0].weights[0][0]: number literal has 1000003 characters; the limit is 10000"), "\(r.stderr)")
    }

    @Test("an exponent of 10⁹ is refused before 10^(10⁹) is computed")
    func hugeExponent() throws {
        let r = try CLI.run(["info", "-"], stdin: Self.network(weight: "\"1e1000000000\""))
        #expect(r.status == 2)
        #expect(r.stderr.contains("has an exponent outside ±10000"), "\(r.stderr)")
    }

    @Test("raising --max-number-length admits the 10⁶-digit weight, and eval stays exact")
    func liftedLimitIsExact() throws {
        let r = try CLI.run(["eval", "-", "--input", "1/10", "--max-number-length", "1000001"],
                            stdin: Self.network(weight: "1" + Self.million))
        #expect(r.status == 0, "\(r.stderr)")
        // relu(10^(10⁶) · 1/10) = 10^999999, printed in full.
        #expect(r.stdout == "outputs (exact): 1" + String(repeating: "0", count: 999_999) + "\n")
    }

    @Test("nesting 100,000 levels deep stops at the depth limit (no stack overflow)")
    func deepNesting() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let json = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[1]]}], "metadata": \#(deep)}"#
        let r = try CLI.run(["info", "-"], stdin: Data(json.utf8))
        #expect(r.status == 2)
        #expect(r.stderr.contains("nesting deeper than 64 levels"), "\(r.stderr)")
    }

    @Test("standard input beyond --max-file-size is cut off with the limit's error")
    func fileSizeLimitOnStandardInput() throws {
        let padding = Data(repeating: UInt8(ascii: " "), count: 3 << 20)
        let r = try CLI.run(["info", "-", "--max-file-size", "1M"], stdin: Self.network(weight: "1") + padding)
        #expect(r.status == 2)
        #expect(r.stderr.contains("input exceeds the limit of 1048576 bytes"), "\(r.stderr)")
    }

    @Test("a wide layer stops at the parameter limit before its weights are allocated")
    func parameterLimitBeforeAllocation() throws {
        // 10⁹ declared inputs with a single (wrong-length) row: refused for size, not for the
        // row's length, and without reserving 10⁹ entries.
        let json = #"{"inputs": 1000000000, "layers": [{"activation": "relu", "weights": [[1], [1], [1]]}]}"#
        let r = try CLI.run(["info", "-"], stdin: Data(json.utf8))
        #expect(r.status == 2)
        #expect(r.stderr.contains("layers[0].weights: the network has more than 10000000 parameters"), "\(r.stderr)")
    }

    @Test("limit options reject nonsense values as usage errors", arguments: [
        ["--max-parameters", "0"], ["--max-depth", "-1"], ["--max-file-size", "lots"], ["--max-file-size", "99999999999G"],
    ])
    func badLimitOptions(_ option: [String]) throws {
        let r = try CLI.run(["info", "examples/relu-2-2-1.json"] + option)
        #expect(r.status == 64, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    /// A dense 100-100-1 ReLU network: P = 10,201, just over the analysis limit of 10,000.
    static func wideNetwork() -> Data {
        let row = "[" + Array(repeating: "1", count: 100).joined(separator: ",") + "]"
        let hidden = "[" + Array(repeating: row, count: 100).joined(separator: ",") + "]"
        let json = #"{"inputs": 100, "layers": [{"activation": "relu", "weights": \#(hidden), "bias": \#(row)}, "#
            + #"{"activation": "identity", "weights": [\#(row)], "bias": [0]}]}"#
        return Data(json.utf8)
    }

    @Test("rank analysis of a network above the parameter limit is refused before any Jacobian is built")
    func analysisParameterLimit() throws {
        for command in [["check"], ["rank"], ["plot", "spectrum", "-o", "/tmp/nnid-never-written.svg"]] {
            let r = try CLI.run(command + ["-", "--max-analysis-parameters", "10000"], stdin: Self.wideNetwork())
            #expect(r.status == 2, "\(command)")
            #expect(r.stdout.isEmpty)
            #expect(r.stderr.contains("the network has 10201 parameters; the rank analysis is limited to 10000"), "\(r.stderr)")
            // The refusal names the memory the plan needs (Gram: 16·P² bytes + 128 MiB = 1.8 GB) and the machine's.
            #expect(r.stderr.contains("it would need about 1.8 GB of memory"), "\(r.stderr)")
            #expect(r.stderr.contains("this machine has ") && r.stderr.contains(" GB)"), "\(r.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/nnid-never-written.svg"))
        let lowered = try CLI.run(["check", "examples/relu-2-2-1.json", "--max-analysis-parameters", "8"])
        #expect(lowered.status == 2)
        #expect(lowered.stderr.contains("limited to 8"))
        let bad = try CLI.run(["check", "examples/relu-2-2-1.json", "--max-analysis-parameters", "0"])
        #expect(bad.status == 64)
    }
}
