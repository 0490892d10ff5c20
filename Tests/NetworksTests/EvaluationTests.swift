import Exact
import Networks
import PropertyBased
import Testing
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Exact evaluation computes the defining formula, agrees with Double evaluation on
/// piecewise-linear networks, and reports kinks and irrational values instead of hiding them.
@Suite struct EvaluationTests {
    @Test func exactEvaluationFollowsTheFormula() throws {
        let net = try smallReLUNetwork()
        let x = [Rational(1, 2), Rational(-1, 3)]
        let e = try net.evaluateExactly(x)
        // z₁ = W₁x + b₁ = (1/2 + 2/3 + 1, 3/2 − 1/3, −1/2 + 1/3 + 2) = (13/6, 7/6, 11/6); all positive.
        #expect(e.preActivations[0] == x)
        #expect(e.preActivations[1] == [Rational(13, 6), Rational(7, 6), Rational(11, 6)])
        // z₂ = 2·13/6 − 7/6 + 3·11/6 − 1 = 52/6 − 1 = 23/3.
        #expect(e.outputs == [Rational(23, 3)] && e.preActivations[2] == e.outputs && e.kinks.isEmpty)
    }

    @Test func skipConnectionsAndMasksAreEvaluated() throws {
        let net = try skipNetwork()
        let e = try net.evaluateExactly([2, 1])
        // layer1: relu(1·2) = 2, relu(2·2 − 3·1 + 1) = 2; layer2: 4·2 − 5·2 + 6·2 + 7·1 = 17.
        #expect(e.preActivations[1] == rationals([2, 2]) && e.outputs == rationals([17]))
        #expect(try net.evaluate([2, 1]) == [17])
    }

    /// On piecewise-linear networks, the Double evaluation is the exact value rounded, up to
    /// floating-point error of the few operations involved.
    @Test func exactAndDoubleEvaluationAgree() async throws {
        let weights = Gen<Int>.int(in: -20...20).array(of: 3 * 2 + 3 + 3 + 1)
        let activations: [Activation] = [.relu, .abs, .leakyReLU(slope: Rational(1, 8)), .identity]
        await propertyCheck(input: weights, Gen<Int>.int(in: -100...100).array(of: 2), Gen<Int>.int(in: 0...3)) { w, input, k in
            let base = try Network.mlp(
                widths: [2, 3, 1], activations: [activations[k], .identity],
                weights: [[Array(w[0..<2]), Array(w[2..<4]), Array(w[4..<6])].map(rationals), [rationals(Array(w[6..<9]))]],
                biases: [rationals(Array(w[9..<12])), rationals([w[12]])])
            let net = try base.withParameterVector(base.parameterVector.map { $0 / 4 })
            let x = input.map { Rational($0, 8) }
            let exact = try net.evaluateExactly(x)
            let numeric = try net.evaluate(x.map(\.doubleValue))
            // Every value here is a dyadic rational with few bits, so Double is exact too.
            #expect(numeric == exact.outputs.map(\.doubleValue))
            let forward = try NumericNetwork(net).forward(x.map(\.doubleValue))
            #expect(forward.pre.map { $0 } == exact.preActivations.map { $0.map(\.doubleValue) })
        }
    }

    @Test func kinksAreDetectedExactly() throws {
        let net = try smallReLUNetwork()
        // layer1.unit1: 3x₀ + x₁ = 0 at (1, −3); unit 2: −x₀ − x₁ + 2 = 0 there too? −1 + 3 + 2 = 4, no.
        let e = try net.evaluateExactly([1, -3])
        #expect(e.preActivations[1][1].isZero && e.kinks == [UnitID(layer: 1, unit: 1)])
        // A hair away there is no kink: exactness tells the two apart.
        let tiny = Rational(1).timesPowerOfTwo(-200)
        #expect(try net.evaluateExactly([1 + tiny, -3]).kinks.isEmpty)
        // Identity has no kink at 0; the output unit's zero pre-activation is not reported.
        let linear = try Network.mlp(widths: [1, 1], activations: [.identity], weights: [[rationals([1])]], biases: [nil])
        #expect(try linear.evaluateExactly([0]).kinks.isEmpty)
        let absolute = try Network.mlp(widths: [1, 1], activations: [.abs], weights: [[rationals([1])]], biases: [nil])
        #expect(try absolute.evaluateExactly([0]).kinks == [UnitID(layer: 1, unit: 0)])
    }

    @Test func analyticActivationsAreExactOnlyAtZero() throws {
        let net = try Network.mlp(widths: [1, 2, 1], activations: [.tanh, .identity], weights: [[rationals([1]), rationals([2])], [rationals([1, 1])]], biases: [nil, nil])
        #expect(try net.evaluateExactly([0]).outputs == [0])
        #expect(throws: NetworkError.notExact(activation: "tanh", unit: UnitID(layer: 1, unit: 0))) { try net.evaluateExactly([1]) }
        let sig = try Network.mlp(widths: [1, 1], activations: [.sigmoid], weights: [[rationals([3])]], biases: [nil])
        #expect(try sig.evaluateExactly([0]).outputs == [Rational(1, 2)])
        #expect(Swift.abs(try sig.evaluate([1])[0] - 1 / (1 + exp(-3.0))) <= 1e-16)
        let relu = try smallReLUNetwork()
        #expect(!net.isPiecewiseLinear && relu.isPiecewiseLinear)
    }

    @Test func wrongInputCountsAreRefused() throws {
        let net = try smallReLUNetwork()
        #expect(throws: NetworkError.wrongInputCount(expected: 2, found: 3)) { try net.evaluateExactly([1, 2, 3]) }
        #expect(throws: NetworkError.wrongInputCount(expected: 2, found: 1)) { try net.evaluate([1]) }
        #expect(throws: NetworkError.wrongInputCount(expected: 2, found: 0)) { try NumericNetwork(net).forward([]) }
    }
}

/// Exact evaluation is bounded by `ExactEvaluationLimits.maximumBits`.
@Suite struct ExactEvaluationLimitTests {
    @Test func aPreActivationBeyondTheLimitThrowsNamingTheUnit() throws {
        // Three width-1 identity layers of weight 2^40: pre-activations 2^40, 2^80, 2^120
        // (41, 81, 121 bits plus 1 for the denominator).
        let w = Rational(1).timesPowerOfTwo(40)
        let n = try Network.mlp(widths: [1, 1, 1, 1], activations: [.identity, .identity, .identity],
                                weights: [[[w]], [[w]], [[w]]], biases: [nil, nil, nil])
        #expect(try n.evaluateExactly([1], limits: ExactEvaluationLimits(maximumBits: 122)).outputs == [w * w * w])
        #expect(throws: NetworkError.exactValueTooLarge(unit: UnitID(layer: 2, unit: 0), bits: 82, limit: 81)) {
            try n.evaluateExactly([1], limits: ExactEvaluationLimits(maximumBits: 81))
        }
    }
}
