import Testing
@testable import Identifiability

/// A tanh or sigmoid unit with zero incoming weights and bias b ≠ 0 outputs the irrational
/// constant act(b); the network is reducible all the same (Sussmann's condition (ii)).
@Suite struct IrrationalConstantVerdictTests {
    /// 1 → 2 → 1 with unit 1 constant: act(1/2) for tanh, σ(1/2) = 1/2 + tanh(1/4)/2 for sigmoid.
    static func network(_ act: Activation) throws -> Network {
        try Network.mlp(
            widths: [1, 2, 1], activations: [act, .identity],
            weights: [[[1], [0]], [[1, 2]]], biases: [[0, Rational(1, 2)], [Rational(1, 3)]])
    }

    @Test("the verdict is reducible, the reduced network has 4 parameters and an exact symbolic output bias", arguments: ["tanh", "sigmoid"])
    func reducible(name: String) throws {
        let act = try #require(Activation.named(name))
        let report = try Analysis.check(Self.network(act))
        #expect(report.verdict == .reducible)
        #expect(report.reducedParameterCount == 4)
        #expect(report.findings.contains { $0.code == .reducible && $0.locations == ["layer1.unit1"] })
        let expected = name == "tanh" ? "1/3 + 2·tanh(1/2)" : "4/3 + tanh(1/4)"
        #expect(report.canonical.network.symbolicBiases.map(\.value.description) == [expected])
    }

    @Test("--lossy rounding of a symbolic bias to f64 is the certified nearest double")
    func lossyRounding() throws {
        let reduced = try Canonicalizer().canonicalize(Self.network(.tanh)).network
        let (rounded, list) = try SymbolicBiasRounding.rounded(reduced, to: .float64)
        #expect(!rounded.hasSymbolicBiases)
        let r = try #require(list.first)
        #expect(list.count == 1 && r.unit == UnitID(layer: 2, unit: 0))
        // The exact value lies in a 256-bit enclosure; the rounding is within half an ulp of every point of it.
        let e = r.exact.enclosure(precision: 256)
        let halfUlp = try Rational(exactly: r.rounded.doubleValue.ulp) / 2
        #expect(try #require(e.lower) >= r.rounded - halfUlp && e.upper! <= r.rounded + halfUlp)
        #expect(r.errorBound <= halfUlp)
        let bytes = try NetworkWriter.encode(rounded, as: .safetensors, file: "out.safetensors").bytes
        #expect(!bytes.isEmpty)
    }
}
