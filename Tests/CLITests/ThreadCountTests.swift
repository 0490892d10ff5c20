import Foundation
import Testing

/// Output bytes do not depend on the BLAS thread count (so not on the machine's core count):
/// `check --format json` of every example, and `check` text and JSON of a larger network, print
/// the same bytes under `OPENBLAS_NUM_THREADS=1` and `=2`, and so does `llc` (`BLASThreads` in
/// LinearAlgebra pins OpenBLAS to one thread before any BLAS call, the SGLD sampler's included).
/// The JSON report carries every singular value at the cut and τ to the last bit, so any
/// difference in the Jacobian, its QR factor or its SVD shows.
struct ThreadCountTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let network: String
        let format: String
        var testDescription: String { "\(name) --format \(format)" }
    }

    /// A generic tanh (3, 12, 6, 1) network, P = 133, from a fixed formula: large enough that a
    /// two-threaded OpenBLAS splits its products and factorisations (its JSON report differs in
    /// the last digits of σ and τ between one and two threads when nothing pins the count).
    static let tanh133: String = {
        let widths = [3, 12, 6, 1]
        let layers = (0..<3).map { l in
            let weights = (0..<widths[l + 1]).map { i in
                "[" + (0..<widths[l]).map { j in "\"\((7 * i * i + 3 * j + 5 * l + 1) % 17 - 8)/\(9 + i + j)\"" }.joined(separator: ", ") + "]"
            }
            let bias = (0..<widths[l + 1]).map { i in "\"\((5 * i + l) % 7 - 3)/\(4 + i)\"" }
            return #"{"activation": "\#(l < 2 ? "tanh" : "identity")", "weights": [\#(weights.joined(separator: ", "))], "bias": [\#(bias.joined(separator: ", "))]}"#
        }
        return #"{"inputs": 3, "layers": [\#(layers.joined(separator: ", "))]}"#
    }()

    static func cases() -> [Case] {
        let dir = CLI.root.appendingPathComponent("examples")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        // JSON carries every digit the text shows and more; the text is checked on the network
        // whose digits differ when nothing pins the thread count.
        var out = files.compactMap { f in
            (try? String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8)).map { Case(name: "examples/\(f)", network: $0, format: "json") }
        }
        out.append(Case(name: "tanh (3, 12, 6, 1)", network: tanh133, format: "json"))
        out.append(Case(name: "tanh (3, 12, 6, 1)", network: tanh133, format: "text"))
        return out
    }

    @Test("check prints the same bytes with one BLAS thread and with two", arguments: cases())
    func sameBytesForOneAndTwoThreads(_ c: Case) throws {
        let arguments = ["check", "-", "--format", c.format]
        let one = try CLI.run(arguments, stdin: Data(c.network.utf8), environment: ["OPENBLAS_NUM_THREADS": "1"])
        let two = try CLI.run(arguments, stdin: Data(c.network.utf8), environment: ["OPENBLAS_NUM_THREADS": "2"])
        #expect(one.status == two.status)
        #expect(one.stdout == two.stdout)
        #expect(one.stderr == two.stderr)
        #expect(!one.stdout.isEmpty, "\(one.stderr)")
    }

    /// A ReLU (6, 40, 40, 4) network from a fixed formula, P = 2,084: its minibatch products
    /// (512 × 40 by 40 × 40) are large enough that a two-threaded OpenBLAS splits them, and the
    /// split changes the last bits of the forward pass's `dgemm` (the report's λ̂ differs in its
    /// last digits between one and two threads when the sampler does not pin the count).
    static let relu2084: String = {
        let widths = [6, 40, 40, 4]
        let layers = (0..<3).map { l in
            let weights = (0..<widths[l + 1]).map { i in
                "[" + (0..<widths[l]).map { j in "\"\((5 * i * j + 3 * i + 7 * j + l) % 19 - 9)/\(11 + (i + 2 * j) % 7)\"" }.joined(separator: ", ") + "]"
            }
            let bias = (0..<widths[l + 1]).map { i in "\"\((3 * i + l) % 5 - 2)/\(6 + i % 3)\"" }
            return #"{"activation": "\#(l < 2 ? "relu" : "identity")", "weights": [\#(weights.joined(separator: ", "))], "bias": [\#(bias.joined(separator: ", "))]}"#
        }
        return #"{"inputs": 6, "layers": [\#(layers.joined(separator: ", "))]}"#
    }()

    /// The SGLD sampler calls BLAS itself (`MinibatchModel`); with `--no-interval` nothing else
    /// pins OpenBLAS before it, so this checks the sampler's own pinning: the JSON report (every
    /// chain's λ̂ and loss to the last bit) is the same under one thread and two.
    @Test("llc prints the same bytes with one BLAS thread and with two")
    func llcSameBytesForOneAndTwoThreads() throws {
        let arguments = ["llc", "-", "--no-interval", "--format", "json", "--samples", "1024", "--batch-size", "512", "--chains", "1",
                         "--draws", "60", "--burn-in", "20", "--epsilon", "1e-4", "--gamma", "100"]
        let network = Data(Self.relu2084.utf8)
        let one = try CLI.run(arguments, stdin: network, environment: ["OPENBLAS_NUM_THREADS": "1"])
        let two = try CLI.run(arguments, stdin: network, environment: ["OPENBLAS_NUM_THREADS": "2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == two.stdout)
        #expect(one.stdout.contains("per_chain"), "\(one.stdout)")
    }
}
