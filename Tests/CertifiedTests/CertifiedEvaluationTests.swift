import Exact
import Networks
import Testing

@testable import Certified

@Suite struct CertifiedEvaluationTests {
    static func oneUnit(_ act: Activation, weight: Rational = 1, bias: Rational = 0) throws -> Network {
        try Network.mlp(widths: [1, 1], activations: [act], weights: [[[weight]]], biases: [[bias]])
    }

    /// tanh(1/2) = (e − 1)/(e + 1), increasing in e; 2.718281828 < e < 2.718281829 gives proven
    /// rational bounds, which every certified enclosure must meet.
    @Test func tanhOfOneHalfLiesBetweenBoundsFromE() throws {
        let net = try Self.oneUnit(.tanh)
        let eLow = Rational(2_718_281_828, 1_000_000_000), eHigh = Rational(2_718_281_829, 1_000_000_000)
        let low = (eLow - 1) / (eLow + 1), high = (eHigh - 1) / (eHigh + 1)
        for p in [32, 64, 200] {
            let y = try #require(net.evaluateCertified([Rational(1, 2)], precision: p)).outputs[0]
            let l = try #require(y.lower), u = try #require(y.upper)
            #expect(l <= high && u >= low)
            #expect(l <= u)
        }
        let fine = try #require(net.evaluateCertified([Rational(1, 2)], precision: 200)).outputs[0]
        #expect(try #require(fine.width) < Rational.one.timesPowerOfTwo(-190))
        #expect(try #require(fine.lower) > low && (try #require(fine.upper)) < high)
    }

    /// σ(z) = (1 + tanh(z/2))/2 exactly, so the enclosures of both sides must overlap, and at
    /// 128 bits both are narrower than 2⁻¹²⁰.
    @Test func sigmoidAgreesWithItsTanhForm() throws {
        let sigmoid = try Self.oneUnit(.sigmoid)
        let viaTanh = try Network.mlp(
            widths: [1, 1, 1], activations: [.tanh, .identity], weights: [[[Rational(1, 2)]], [[Rational(1, 2)]]],
            biases: [[0], [Rational(1, 2)]])
        for x in [Rational(-3), Rational(1, 3), Rational(7, 2)] {
            let a = try #require(sigmoid.evaluateCertified([x], precision: 128)).outputs[0]
            let b = try #require(viaTanh.evaluateCertified([x], precision: 128)).outputs[0]
            #expect(!a.isDisjoint(from: b))
            #expect(try #require(a.width) < Rational.one.timesPowerOfTwo(-120))
        }
    }

    /// For a piecewise-linear network the exact output lies in the enclosure at any precision.
    @Test func reluEnclosureContainsTheExactValue() throws {
        let net = try Network.mlp(
            widths: [2, 3, 1], activations: [.relu, .identity],
            weights: [[[1, -2], [Rational(1, 3), 1], [-1, Rational(5, 7)]], [[1, -1, Rational(2, 3)]]],
            biases: [[Rational(1, 10), 0, -1], [Rational(1, 5)]])
        for x in [[Rational(1, 2), Rational(-1, 3)], [Rational(0), Rational(0)], [Rational(-7, 4), Rational(9, 5)]] {
            let exact = try net.evaluateExactly(x).outputs[0]
            for p in [24, 64, 256] {
                let y = try #require(net.evaluateCertified(x, precision: p)).outputs[0]
                #expect(try #require(y.lower) <= exact && exact <= (try #require(y.upper)))
            }
        }
    }

    /// Disjointness is exact and symmetric; overlapping enclosures are never called disjoint.
    @Test func disjointnessOfEnclosures() {
        let a = Enclosure(lower: 0, upper: 1, text: "a"), b = Enclosure(lower: Rational(3, 2), upper: 2, text: "b")
        let c = Enclosure(lower: 1, upper: 3, text: "c"), unbounded = Enclosure(lower: nil, upper: 5, text: "u")
        #expect(a.isDisjoint(from: b) && b.isDisjoint(from: a))
        #expect(!a.isDisjoint(from: c) && !c.isDisjoint(from: b))
        #expect(!unbounded.isDisjoint(from: b) && unbounded.isDisjoint(from: Enclosure(lower: 6, upper: 7, text: "")))
    }
}
