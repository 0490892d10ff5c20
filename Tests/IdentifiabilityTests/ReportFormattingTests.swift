import Testing
@testable import Identifiability
@testable import Rank

/// The report's number formatter and wording: rounding happens before the exponent is chosen,
/// ambiguity notes name the ratio that is small, and counts agree in number.
@Suite struct ReportFormattingTests {
    @Test(arguments: [
        // Decade boundaries: the Double nearest 9.9995 is 9.99949999…, so it rounds down; 0.99999,
        // 999.95 (= 999.95000000000004…) and 1e-12 (= 9.99999…e-13) round up into the next decade.
        (9.9995, "9.999"), (0.99999, "1.000"), (999.95, "1000"), (1e-12, "1.000e-12"),
        (9.99995e-7, "1.000e-6"), (99999.5, "1.000e5"), (99999.4, "99999"),
        (-0.99999, "-1.000"), (-1e-12, "-1.000e-12"), (0.001, "0.001000"), (0.00099999, "0.001000"),
        (0.5, "0.5000"), (1234.5, "1235"), (12345.0, "12345"), (2.5e-7, "2.500e-7"), (1e300, "1.000e300"),
        (.leastNonzeroMagnitude, "4.941e-324"), (.greatestFiniteMagnitude, "1.798e308"),
        (0.0, "0"), (-0.0, "0"), (.infinity, "inf"), (-.infinity, "-inf"), (.nan, "nan"),
    ] as [(Double, String)])
    func shortRoundsBeforeChoosingTheExponent(value: Double, expected: String) {
        #expect(short(value) == expected)
    }

    /// Every rendering reads back within half a unit in its last printed place.
    @Test func shortIsWithinHalfAUnitInTheLastPlace() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2000 {
            let exponent = Int(rng.next() % 80) - 40
            let x = (1 + Double(rng.next() % 9_000_000) / 1_000_000) * pow10(exponent)
            let text = short(x)
            guard let back = Double(text) else { Issue.record("\(text) does not parse"); continue }
            let unit: Double
            if let e = text.split(separator: "e").dropFirst().first.flatMap({ Int($0) }) {
                unit = pow10(e - 3)
            } else {
                unit = pow10(-(text.split(separator: ".").dropFirst().first?.count ?? 0))
            }
            #expect(Swift.abs(back - x) <= unit / 2 * (1 + 1e-9), "\(x) → \(text)")
        }
    }

    static let nearDuplicate = { try! Network.mlp(
        widths: [1, 2, 1], activations: [.tanh, .identity],
        weights: [[[1], [Rational(1001, 1000)]], [[1, 1]]], biases: [[0, 0], [0]]) }()

    @Test func ambiguousRankCarriesTheCaveatOnTheBounds() throws {
        let report = try Analysis.check(Self.nearDuplicate)
        #expect(report.verdict == .ambiguous)
        #expect(report.learningCoefficient?.rankIsAmbiguous == true)
        #expect(report.text.contains("  caveat: " + LearningCoefficientBounds.ambiguityCaveat))
        #expect(report.json.serialized().contains(#""rank_ambiguous": true"#))
        // Full rank with a shallow cut: the note says which ratio is below 10³.
        let n = report.analysis.numeric
        #expect(n.rank == 7 && n.gapRatio == nil)
        #expect(report.text.contains("(ambiguous: σ7/τ = \(short(n.singularValues[6] / n.tolerance)), below 1000)"))
    }

    @Test func clearRankHasNoCaveat() throws {
        let report = try Analysis.check(FindingTests.tanh)
        #expect(report.learningCoefficient?.rankIsAmbiguous == false)
        #expect(!report.text.contains("caveat"))
        #expect(report.json.serialized().contains(#""rank_ambiguous": false"#))
    }

    @Test func oneContinuousSymmetryIsOneDimension() throws {
        // (1,1,1) ReLU: one rescaling.
        let net = try Network.mlp(widths: [1, 1, 1], activations: [.relu, .identity], weights: [[[2]], [[3]]], biases: [[Rational(1, 2)], [0]])
        let text = try Analysis.rank(net).text
        #expect(text.contains("continuous symmetries: 1 dimension\n"))
        #expect(try Analysis.rank(FindingTests.generic).text.contains("continuous symmetries: 2 dimensions\n"))
    }
}

private func pow10(_ e: Int) -> Double {
    var r = 1.0
    if e >= 0 { for _ in 0..<e { r *= 10 } } else { for _ in 0..<(-e) { r /= 10 } }
    return r
}
