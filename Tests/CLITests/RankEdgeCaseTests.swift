import Foundation
import Testing

/// `check` and `rank` on degenerate and extreme networks, and the input limits of `equiv` and of
/// exact evaluation. Each report must be true: right rank, valid JSON, no NaN, the documented
/// exit status.
struct RankEdgeCaseTests {
    static func run(_ json: String, _ arguments: [String]) throws -> CLI.Result {
        try NumericEdgeCaseTests.run(json, arguments)
    }

    /// tanh with zero weights, biases 0 and no output bias: every column of J is 0 (tanh(0) = 0
    /// and every outgoing weight is 0). ReLU with negative biases: every unit is dead.
    static let zeroJacobians = [
        #"{"inputs": 2, "layers": [{"activation": "tanh", "weights": [[0, 0], [0, 0]], "bias": [0, 0]}, {"activation": "identity", "weights": [[0, 0]]}]}"#,
        #"{"inputs": 2, "layers": [{"activation": "relu", "weights": [[0, 0], [0, 0]], "bias": [-1, -1]}, {"activation": "identity", "weights": [[0, 0]]}]}"#,
    ]

    @Test("an all-zero Jacobian has rank 0, every direction explained", arguments: zeroJacobians)
    func allZeroJacobian(_ json: String) throws {
        let r = try Self.run(json, ["check", "NET"])
        #expect(r.status == 1, "\(r.stderr)")  // reducible: zero outgoing weights
        #expect(r.stdout.contains("functional dimension:  0"), "\(r.stdout)")
        #expect(r.stdout.contains("degeneracy P − rank:   8 = 8 explained + 0 hidden"), "\(r.stdout)")
        #expect(r.stdout.contains("spectrum at the cut:   | σ1 = 0"), "\(r.stdout)")
        #expect(!r.stdout.contains("nan") && !r.stdout.contains("ambiguous"))
        let j = try Self.run(json, ["rank", "NET", "--format", "json"])
        #expect(NumericEdgeCaseTests.isValidJSON(j.stdout), "\(j.stdout)")
        #expect(j.stdout.contains(#""functional_dimension": 0"#))
    }

    /// The numeric rank counts σ > τ (strictly; `NumericRank`, docs/exact-rank.md): with τ set to
    /// exactly the computed σ_r the rank drops to r − 1, and with τ one ulp below it stays r.
    @Test func singularValueExactlyAtTheToleranceIsNotCounted() throws {
        let base = ["rank", "examples/tanh-1-3-1.json", "--points", "12", "--format", "json"]
        let first = try CLI.run(base)
        #expect(first.status == 0, "\(first.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        let numeric = try #require(object["numeric"] as? [String: Any])
        let r = try #require(numeric["rank"] as? Int)
        // The value's own text (Swift's shortest round-trip form) reads back as the same Double.
        let pattern = try Regex(#""index": \#(r),\s*"value": ([0-9.e+-]+)"#)
        let match = try #require(first.stdout.firstMatch(of: pattern))
        let text = String(try #require(match.output[1].substring))
        let sigma = try #require(Double(text))
        let at = try CLI.run(base + ["--tolerance", text])
        #expect(at.stdout.contains(#""rank": \#(r - 1),"#), "\(at.stdout)")
        let below = try CLI.run(base + ["--tolerance", "\(sigma.nextDown)"])
        #expect(below.stdout.contains(#""rank": \#(r),"#), "\(below.stdout)")
    }

    @Test func singleUnitNetworks() throws {
        // One output unit, one weight: rank 1 = P, identifiable.
        let one = #"{"inputs": 1, "layers": [{"activation": "identity", "weights": [["-2/3"]]}]}"#
        let r = try Self.run(one, ["check", "NET"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("functional dimension:  1 (exact"))
        #expect(r.stdout.contains("verdict: locally identifiable up to its symmetries"))
        // One ReLU hidden unit: P = 4, one rescaling, rank 3.
        let hidden = #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["2"]], "bias": ["1/2"]}, {"activation": "identity", "weights": [["3"]], "bias": ["0"]}]}"#
        let h = try Self.run(hidden, ["check", "NET"])
        #expect(h.status == 0, "\(h.stdout)\(h.stderr)")
        #expect(h.stdout.contains("functional dimension:  3 (exact"))
        #expect(h.stdout.contains("continuous symmetries: 1 dimension\n"))
    }

    static let extremeWeights = [
        #"{"inputs": 1, "layers": [{"activation": "tanh", "weights": [["1e-300"], ["1e300"]], "bias": ["0", "1"]}, {"activation": "identity", "weights": [["1e300", "1e-300"]]}]}"#,
        #"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1e-300"], ["1e300"]], "bias": ["1e-300", "1"]}, {"activation": "identity", "weights": [["1e300", "1e-300"]]}]}"#,
    ]

    @Test("weights of 1e±300 through check: a report (exit 0 or 1), no NaN, valid JSON", arguments: extremeWeights)
    func extremeWeightsThroughCheck(_ json: String) throws {
        let text = try Self.run(json, ["check", "NET"])
        #expect(text.status == 0 || text.status == 1, "\(text.stderr)")
        #expect(!text.stdout.contains("nan"), "\(text.stdout)")
        #expect(text.stdout.contains("verdict: "))
        let j = try Self.run(json, ["check", "NET", "--format", "json"])
        #expect(j.status == text.status)
        #expect(NumericEdgeCaseTests.isValidJSON(j.stdout), "\(j.stdout)")
        #expect(!j.stdout.contains("nan"))
    }

    @Test func tinyUnitNextToAHugeOneIsNotTakenForAKink() throws {
        // relu(1e-300·(x + 1)) is on its kink only at x = −1; exact signs decide, so the sampler
        // does not give up (it used to compare the pre-activation with its 1e300 neighbour).
        let r = try Self.run(Self.extremeWeights[1], ["rank", "NET"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("(exact, certificate verified"))
    }

    @Test func equivHonoursTheInputLimits() throws {
        let a = "examples/relu-2-2-1.json", b = "examples/relu-2-2-1-rescaled.json"
        let ok = try CLI.run(["equiv", a, b])
        #expect(ok.status == 0)
        let limited = try CLI.run(["equiv", a, b, "--max-parameters", "5"])
        #expect(limited.status == 2)
        #expect(limited.stdout.isEmpty)
        #expect(limited.stderr.contains("more than 5 parameters (the limit; see --max-parameters)"), "\(limited.stderr)")
        let small = try CLI.run(["equiv", a, b, "--max-file-size", "16"])
        #expect(small.status == 2)
        #expect(small.stderr.contains("exceeds the limit of 16 bytes"), "\(small.stderr)")
    }

    /// 2,000 width-1 identity layers of weight 10^10000 (108 KB): exact values would reach
    /// 2·10⁷ digits. Exact evaluation stops at `ExactEvaluationLimits.maximumBits` (4·10⁶) and
    /// `eval` answers in Double, saying why and flagging the overflow.
    @Test func exactEvaluationStopsAtTheBitLimit() throws {
        let layer = #"{"activation": "identity", "weights": [["1e10000"]]}"#
        let json = #"{"inputs": 1, "layers": ["# + Array(repeating: layer, count: 2000).joined(separator: ", ") + "]}"
        let r = try Self.run(json, ["eval", "NET", "--input", "1"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("outputs (floating point, Double): inf\n"), "\(r.stdout)")
        #expect(r.stdout.contains("the exact pre-activation of layer121.unit0 has 4019534 bits, beyond the limit of 4000000 bits"), "\(r.stdout)")
        #expect(r.stdout.contains("note: some outputs are not finite"))
        let j = try Self.run(json, ["eval", "NET", "--input", "1", "--format", "json"])
        #expect(NumericEdgeCaseTests.isValidJSON(j.stdout), "\(j.stdout)")
        #expect(j.stdout.contains(#""exact": false"#))
        #expect(j.stdout.contains(#""outputs": ["inf"]"#))
        // Below the limit the same kind of network stays exact: 10 layers give 10^100000.
        let short = #"{"inputs": 1, "layers": ["# + Array(repeating: layer, count: 10).joined(separator: ", ") + "]}"
        let s = try Self.run(short, ["eval", "NET", "--input", "1"])
        #expect(s.stdout == "outputs (exact): 1" + String(repeating: "0", count: 100_000) + "\n")
    }
}
