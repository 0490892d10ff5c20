import Canonical
import Exact
import Networks
import Testing

/// Distance up to symmetry: a permuted copy with weights perturbed at 2⁻²⁰ is aligned back, the
/// largest parameter difference is exactly 2⁻²⁰ (20 bits of precision), and the certified output
/// bound holds against exact evaluation on a dense grid.
@Suite struct NetworkDistanceTests {
    static let step = Rational.one.timesPowerOfTwo(-20)

    /// A 2-3-3-1 network whose hidden units have max |incoming entry| = 1 and a positive first
    /// entry (already canonical in scale and sign), with distinct units.
    static func original(_ act: Activation) throws -> Network {
        try Network.mlp(
            widths: [2, 3, 3, 1], activations: [act, act, .identity],
            weights: [[[1, Rational(-1, 2)], [Rational(1, 4), 1], [1, Rational(1, 3)]],
                      [[1, Rational(1, 2), Rational(-1, 4)], [Rational(1, 3), -1, Rational(1, 2)], [Rational(1, 2), Rational(1, 4), 1]],
                      [[Rational(3, 2), -1, Rational(1, 2)]]],
            biases: [[Rational(1, 8), Rational(-1, 4), Rational(1, 2)], [0, Rational(1, 8), Rational(-1, 2)], [Rational(1, 10)]])
    }

    /// The original with hidden layers permuted (σ₁ = (2 0 1), σ₂ = (1 2 0)) and every weight
    /// that is not ±1 moved by ±2⁻²⁰ (signs alternating), biases by 2⁻²¹.
    static func extracted(_ act: Activation) throws -> Network {
        let a = try original(act)
        var theta = a.parameterVector
        for k in theta.indices where theta[k].magnitude != 1 {
            theta[k] += (k % 2 == 0 ? step : -step) / (a.parameters[k].role == .bias ? 2 : 1)
        }
        let perturbed = try a.withParameterVector(theta)
        return try permute(perturbed, [[2, 0, 1], [1, 2, 0]])
    }

    /// Unit i of hidden layer ℓ becomes unit perms[ℓ−1][i]; outgoing columns follow.
    static func permute(_ n: Network, _ perms: [[Int]]) throws -> Network {
        var layers = n.layers
        for (index, p) in perms.enumerated() {
            var inverse = p
            for (i, j) in p.enumerated() { inverse[j] = i }
            let layer = layers[index]
            let w = layer.connections[0].weights
            layers[index].connections[0].weights = .init(rows: w.rows, columns: w.columns, elements: (0..<w.rows).flatMap { r in (0..<w.columns).map { w[inverse[r], $0] } })!
            layers[index].bias = layer.bias.map { b in (0..<b.count).map { b[inverse[$0]] } }
            let next = layers[index + 1].connections[0].weights
            layers[index + 1].connections[0].weights = .init(rows: next.rows, columns: next.columns, elements: (0..<next.rows).flatMap { r in (0..<next.columns).map { next[r, inverse[$0]] } })!
        }
        return try n.withLayers(layers)
    }

    @Test("a permuted tanh copy perturbed at 2⁻²⁰ aligns back: largest difference exactly 2⁻²⁰, 20 bits of precision", arguments: [Activation.tanh, .relu])
    func bitsOfPrecision(_ act: Activation) throws {
        let a = try Self.original(act), b = try Self.extracted(act)
        let d = try NetworkDistance.measure(a, b, epsilon: Rational(1, 1000), lower: [-1, -1], upper: [1, 1], samples: 64)
        #expect(d.largestParameterDifference == Self.step)
        #expect(d.bitsOfPrecision == 20)
        #expect(d.verdict == .within)
        let bound = try #require(d.outputBound)
        #expect(bound > 0 && bound < Rational(1, 1000), "\(bound.doubleValue)")
    }

    @Test("the certified bound for the ReLU pair holds at every point of a dense 41×41 grid, by exact evaluation")
    func boundConfirmedExactly() throws {
        let a = try Self.original(.relu), b = try Self.extracted(.relu)
        let d = try NetworkDistance.measure(a, b, epsilon: 0, lower: [-1, -1], upper: [1, 1], samples: 64)
        let bound = try #require(d.outputBound)
        var largest = Rational.zero
        for i in -20...20 {
            for j in -20...20 {
                let x = [Rational(i, 20), Rational(j, 20)]
                let diff = (try a.evaluateExactly(x).outputs[0] - b.evaluateExactly(x).outputs[0]).magnitude
                largest = max(largest, diff)
            }
        }
        #expect(largest <= bound)
        #expect(largest.signum > 0)
        // The certified lower bound at the sampled input is below the exact difference there.
        let s = try #require(d.sample)
        let exact = (try a.evaluateExactly(s.input).outputs[0] - b.evaluateExactly(s.input).outputs[0]).magnitude
        #expect(s.certifiedLowerBound <= exact && exact <= bound)
        #expect(d.verdict == .notWithin)  // ε = 0 and the networks differ
    }

    @Test("equal networks up to symmetry have difference 0 and bound 0")
    func identical() throws {
        let a = try Self.original(.tanh)
        let b = try Self.permute(a, [[1, 2, 0], [2, 0, 1]])
        let d = try NetworkDistance.measure(a, b, epsilon: 0, lower: [-1, -1], upper: [1, 1], samples: 8)
        #expect(d.largestParameterDifference == 0 && d.bitsOfPrecision == nil && d.worstParameter == nil)
        #expect(d.outputBound == 0 && d.verdict == .within)
    }

    @Test("different canonical architectures cannot be aligned")
    func differentArchitectures() throws {
        let a = try Self.original(.tanh)
        let b = try Network.mlp(widths: [2, 1, 1], activations: [.tanh, .identity], weights: [[[1, 1]], [[1]]], biases: [[0], [0]])
        #expect(throws: DistanceError.self) { try NetworkDistance.measure(a, b, epsilon: 0, lower: [-1, -1], upper: [1, 1]) }
    }
}
