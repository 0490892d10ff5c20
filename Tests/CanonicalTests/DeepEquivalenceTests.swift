import Canonical
import Certified
import Exact
import Networks
import Testing

/// Equivalence of deep networks with proven answers: exact region search for piecewise-linear
/// pairs, certified enclosures for tanh pairs.
@Suite struct DeepEquivalenceTests {
    /// A 2-2-6-1-1 ReLU network whose second hidden layer holds three opposite pairs
    /// relu(±zₖ) with z₃ = z₁ + z₂ as affine functions of the first layer's outputs h.
    /// The pair k feeds the next unit wₖ·(relu(zₖ) − relu(−zₖ)) = wₖ·zₖ, so the weights
    /// w + t·(1, 1, −1) give the same function for every t (w₁z₁ + w₂z₂ + w₃z₃ changes by
    /// t·(z₁ + z₂ − z₃) = 0): a hidden symmetry, compensated inside the layer's own sum.
    static func opposite(pairs w: [Rational]) throws -> Network {
        let hidden1: [[Rational]] = [[1, Rational(-1, 2)], [Rational(1, 3), 1]]
        let z: [[Rational]] = [[1, -1], [Rational(1, 2), 2], [Rational(3, 2), 1]]  // z₃ = z₁ + z₂
        let zBias: [Rational] = [Rational(1, 4), -1, Rational(-3, 4)]
        var w2: [[Rational]] = [], b2: [Rational] = []
        for k in 0..<3 {
            w2.append(z[k]); b2.append(zBias[k])
            w2.append(z[k].map { -$0 }); b2.append(-zBias[k])
        }
        let w3: [[Rational]] = [[w[0], -w[0], w[1], -w[1], w[2], -w[2]]]
        return try Network.mlp(
            widths: [2, 2, 6, 1, 1], activations: [.relu, .relu, .relu, .identity],
            weights: [hidden1, w2, w3, [[2]]], biases: [[Rational(1, 5), -1], b2, [Rational(1, 7)], [0]])
    }

    @Test("a deep ReLU pair equal by relu(z) − relu(−z) = z, moved along that symmetry, is decided equivalent")
    func deepReluIdentity() throws {
        let a = try Self.opposite(pairs: [1, 2, Rational(1, 2)])
        let t = Rational(3, 5)
        let b = try Self.opposite(pairs: [1 + t, 2 + t, Rational(1, 2) - t])
        let result = try Equivalence.decide(a, b)
        #expect(result.canonicalA.network != result.canonicalB.network)  // the rules alone do not identify them
        guard case .equivalent(let basis) = result.verdict else {
            Issue.record("expected equivalent, got \(result.verdict)")
            return
        }
        #expect(basis.contains("regions"))
        guard case .equivalent(let regions)? = DeepPiecewiseLinearEquivalence.decide(a, b) else {
            Issue.record("region search did not decide")
            return
        }
        #expect(regions >= 2)
    }

    @Test("the same pair with the symmetry broken (t on one weight only) is not equivalent, with an exact witness")
    func deepReluBroken() throws {
        let a = try Self.opposite(pairs: [1, 2, Rational(1, 2)])
        let b = try Self.opposite(pairs: [1, 2, Rational(1, 2) + Rational(1, 1 << 20)])
        try expectExactWitness(a, b)
    }

    /// f_B = f_A + relu(x − 1000): they differ only for x > 1000, far outside every sampled
    /// input, so only the region search can find the difference.
    @Test("a difference confined to x > 1000 is found by the region search, at an exact interior input")
    func farDifference() throws {
        let a = try Network.mlp(widths: [1, 1, 1], activations: [.relu, .identity], weights: [[[1]], [[1]]], biases: [[0], [0]])
        let b = try Network.mlp(
            widths: [1, 2, 1], activations: [.relu, .identity], weights: [[[1], [1]], [[1, 1]]], biases: [[0, -1000], [0]])
        guard case .notEquivalent(let x, _)? = DeepPiecewiseLinearEquivalence.decide(a, b) else {
            Issue.record("expected not equivalent")
            return
        }
        #expect(x[0] > 1000)
        #expect(try a.evaluateExactly(x).outputs != b.evaluateExactly(x).outputs)
    }

    @Test("at the end of its budget the region search says how far it got")
    func budget() throws {
        let a = try Self.opposite(pairs: [1, 2, Rational(1, 2)])
        guard case .budgetExhausted(let regions, let pending, let programs)? = DeepPiecewiseLinearEquivalence.decide(a, a, budget: 3) else {
            Issue.record("expected the budget to end")
            return
        }
        #expect(programs == 3 && pending >= 1 && regions >= 0)
    }

    /// Two 2-3-3-1 tanh networks that differ by 2⁻⁴⁰ in one hidden bias. The derivative of the
    /// output in that bias is nonzero at generic inputs, so they differ by about 10⁻¹²; the
    /// certified search proves it with disjoint enclosures, which the test re-checks.
    @Test("a deep tanh pair differing by 2⁻⁴⁰ is not equivalent, with disjoint output enclosures")
    func deepTanhTiny() throws {
        func net(_ shift: Rational) throws -> Network {
            try Network.mlp(
                widths: [2, 3, 3, 1], activations: [.tanh, .tanh, .identity],
                weights: [[[1, -1], [Rational(1, 2), 2], [-1, Rational(3, 4)]],
                          [[1, Rational(1, 3), -1], [Rational(-1, 2), 1, 1], [2, -1, Rational(1, 4)]],
                          [[1, Rational(-1, 2), Rational(3, 2)]]],
                biases: [[Rational(1, 8), 0, Rational(-1, 2)], [0, Rational(1, 4) + shift, -1], [0]])
        }
        let a = try net(0), b = try net(Rational.one.timesPowerOfTwo(-40))
        guard case .notEquivalent(let w?, let basis) = try Equivalence.decide(a, b).verdict else {
            Issue.record("expected not equivalent with a witness")
            return
        }
        #expect(basis.contains("certified"))
        let p = try #require(w.precision)
        let ya = try #require(a.evaluateCertified(w.input, precision: p)).outputs[0]
        let yb = try #require(b.evaluateCertified(w.input, precision: p)).outputs[0]
        #expect(ya.isDisjoint(from: yb))
        #expect(w.differenceLowerBound > Rational.one.timesPowerOfTwo(-60))
        #expect(w.differenceLowerBound < Rational.one.timesPowerOfTwo(-38))  // |∂f/∂b| ≤ 2 here
    }
}
