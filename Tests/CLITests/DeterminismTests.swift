import Foundation
import Testing

/// The same input and options give byte-identical output, text and JSON, run after run. Each
/// run is a fresh process, so this also catches output that depends on Swift's per-process
/// hash seed (iterating a `Set` or `Dictionary` into a report).
struct DeterminismTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        var testDescription: String { "nnid " + arguments.joined(separator: " ") }
    }

    static let examples = ["relu-2-2-1", "skip-relu", "tanh-1-3-1", "sigmoid-2-2-1", "linear-3-2-4"]

    /// Inputs of the right length for each example.
    static func point(for example: String) -> String {
        switch example {
        case "tanh-1-3-1": return "1/2"
        case "linear-3-2-4": return "1,-1/3,2"
        default: return "1/2,-1"
        }
    }

    static func cases() -> [Case] {
        var out: [Case] = []
        for example in examples {
            let path = "examples/\(example).json"
            for format in ["text", "json"] {
                out.append(Case(arguments: ["info", path, "--format", format]))
                out.append(Case(arguments: ["eval", path, "--input", point(for: example), "--format", format]))
            }
        }
        // Commands that write networks and pictures (to standard output here): the bytes of
        // JSON, safetensors, npz (ZIP timestamps included) and SVG must not vary.
        for example in ["relu-2-2-1", "skip-relu", "tanh-1-3-1"] {
            let path = "examples/\(example).json"
            out.append(Case(arguments: ["canon", path]))
            out.append(Case(arguments: ["canon", path, "--format", "json"]))
            out.append(Case(arguments: ["canon", path, "-o", "-"]))
            out.append(Case(arguments: ["equiv", path, path, "--format", "json"]))
        }
        for format in ["json", "safetensors", "npz"] {
            out.append(Case(arguments: ["convert", "examples/relu-2-2-1.json", "-", "--to", format, "--lossy", "--dtype", "f32"]))
        }
        out.append(Case(arguments: ["plot", "regions", "examples/relu-2-2-1.json", "-o", "-", "--points", "20", "--seed", "7"]))
        out.append(Case(arguments: ["plot", "spectrum", "examples/tanh-1-3-1.json", "-o", "-", "--seed", "7"]))
        // Every bundled example, through info and canon (JSON carries the most detail).
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("examples").path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
        for file in all {
            out.append(Case(arguments: ["info", "examples/\(file)", "--format", "json"]))
            out.append(Case(arguments: ["canon", "examples/\(file)", "--format", "json"]))
        }
        // Failures are deterministic too.
        out.append(Case(arguments: ["info", "Tests/CLITests/Corpus/zero-denominator.json"]))
        return out
    }

    @Test("two runs print byte-identical output", arguments: cases())
    func identicalRuns(_ c: Case) throws {
        let first = try CLI.run(c.arguments)
        let second = try CLI.run(c.arguments)
        #expect(first.status == second.status)
        #expect(first.stdout == second.stdout)
        #expect(first.stderr == second.stderr)
        #expect(!(first.stdout + first.stderr).isEmpty)
    }
}
