import Foundation
import Testing

/// Degenerate and extreme networks: all-zero weights, single units, weights at the ends of (and
/// beyond) Double's range, subnormal float32 values. Each runs through the CLI and the report
/// must be true: exact where the mathematics is exact, flagged where floating point gives up.
struct NumericEdgeCaseTests {
    static func run(_ json: String, _ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments.map { $0 == "NET" ? "-" : $0 }, stdin: Data(json.utf8))
    }

    /// The JSON on stdout parses with a strict parser (Foundation's), so no bare inf/nan.
    static func isValidJSON(_ text: String) -> Bool {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil
    }

    static let allZero = #"""
        {"inputs": 2, "layers": [
          {"activation": "relu", "weights": [[0, 0], [0, 0]], "bias": [0, 0]},
          {"activation": "identity", "weights": [[0, 0]], "bias": [0]}]}
        """#

    @Test func allZeroNetworkEvaluatesToZeroAndReportsKinks() throws {
        let r = try Self.run(Self.allZero, ["eval", "NET", "--input", "3,-5"])
        #expect(r.status == 0)
        // Every hidden pre-activation is exactly 0: on the ReLU kink, and the report says so.
        #expect(r.stdout == "outputs (exact): 0\nnote: pre-activation exactly 0 at a kink: layer1.unit0, layer1.unit1\n")
        let info = try Self.run(Self.allZero, ["info", "NET"])
        #expect(info.stdout.contains("parameters:   9 (6 weights, 3 biases)"))
    }

    @Test func singleUnitNetwork() throws {
        let json = #"{"inputs": 1, "layers": [{"activation": "identity", "weights": [["-2/3"]]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "9/4", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains(#""outputs": ["-3/2"]"#))
        let info = try Self.run(json, ["info", "NET"])
        #expect(info.stdout.contains("architecture: 1 → 1 identity"))
        #expect(info.stdout.contains("parameters:   1 (1 weights, 0 biases)"))
        #expect(info.stdout.contains("hidden units: 0"))
    }

    @Test func zeroWidthLayerIsAnError() throws {
        let json = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": []}, {"activation": "identity", "weights": [[]]}]}"#
        let r = try Self.run(json, ["info", "NET"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("layers[0].weights: expected a non-empty array of rows"))
    }

    @Test("weights of 1e±300 and beyond Double's range stay exact in piecewise-linear networks")
    func hugeAndTinyWeightsExact() throws {
        // relu(1e300·x + 1e-300) · 1e-300 at x = 1e10: 1e10 + 1e-600, exactly.
        let json = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1e300"]], "bias": ["1e-300"]}, {"activation": "identity", "weights": [["1e-300"]]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "1e10"])
        #expect(r.status == 0)
        // (10^610 + 1) / 10^600, in lowest terms: the numerator is prime to 2 and 5.
        let numerator = "1" + String(repeating: "0", count: 609) + "1"
        let denominator = "1" + String(repeating: "0", count: 600)
        #expect(r.stdout == "outputs (exact): \(numerator)/\(denominator)\n")
        let beyond = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1e400"]]}, {"activation": "identity", "weights": [["1e-400"]]}]}"#
        let b = try Self.run(beyond, ["eval", "NET", "--input", "3"])
        #expect(b.stdout == "outputs (exact): 3\n")
    }

    @Test("subnormal float32 values (2^-149, the smallest) are exact")
    func subnormalFloat32() throws {
        // 2^-149 = 1/713623846352979940529142984724747568191373312 (the smallest positive float32).
        let tiny = "1/713623846352979940529142984724747568191373312"
        let json = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["\#(tiny)"]]}, {"activation": "identity", "weights": [["713623846352979940529142984724747568191373312"]]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "5"])
        #expect(r.stdout == "outputs (exact): 5\n")
    }

    @Test("floating-point outputs beyond Double's range are strings in JSON, with a note")
    func overflowIsFlagged() throws {
        let json = #"{"inputs": 1, "layers": [{"activation": "tanh", "weights": [["1"]]}, {"activation": "identity", "weights": [["1e400"], ["-1e400"], ["1e400"]], "bias": ["0", "0", "-1e400"]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "1", "--format", "json"])
        #expect(r.status == 0)
        #expect(Self.isValidJSON(r.stdout), "\(r.stdout)")
        #expect(r.stdout.contains(#""outputs": ["inf", "-inf", "nan"]"#), "\(r.stdout)")
        #expect(r.stdout.contains(#""note": "some outputs are not finite"#))
        let text = try Self.run(json, ["eval", "NET", "--input", "1"])
        #expect(text.stdout.contains("outputs (floating point, Double): inf, -inf, nan\n"))
        #expect(text.stdout.contains("note: some outputs are not finite"))
    }

    @Test("1e±300 weights in a tanh network give finite Double outputs and valid JSON")
    func extremeButFiniteDoubles() throws {
        let json = #"{"inputs": 1, "layers": [{"activation": "tanh", "weights": [["1e-300"]]}, {"activation": "identity", "weights": [["1e300"]]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "1", "--format", "json"])
        #expect(r.status == 0)
        #expect(Self.isValidJSON(r.stdout), "\(r.stdout)")
        #expect(!r.stdout.contains("note"))
        // tanh(1e-300)·1e300 = 1 − O(1e-600): 1.0 in Double.
        #expect(r.stdout.contains(#""outputs": [1.0]"#), "\(r.stdout)")
    }

    @Test("an input beyond Double's range in a tanh network is flagged, not printed as a bare inf")
    func inputBeyondDouble() throws {
        let json = #"{"inputs": 1, "layers": [{"activation": "tanh", "weights": [["1"]], "bias": ["1/2"]}, {"activation": "identity", "weights": [["1"]], "bias": ["-1e400"]}]}"#
        let r = try Self.run(json, ["eval", "NET", "--input", "1e400", "--format", "json"])
        #expect(r.status == 0)
        #expect(Self.isValidJSON(r.stdout), "\(r.stdout)")
        #expect(r.stdout.contains(#""outputs": ["-inf"]"#), "\(r.stdout)")
    }
}
