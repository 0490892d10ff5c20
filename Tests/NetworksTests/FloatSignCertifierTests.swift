import Exact
import LinearAlgebra
import Testing

@testable import Networks

/// Random piecewise-linear networks with rational weights of large denominators (so that no
/// `Double` is exact): a skip connection, a layer without biases, leaky ReLU 1/7 and abs, and a
/// deep narrow ReLU stack where values cancel.
private func certifierNetworks(seed: UInt64) throws -> [Network] {
    var g = SplitMix64(seed: seed)
    func value() -> Rational { Rational(Int(g.next() % 2_000_001) - 1_000_000, Int(g.next() % 999_983) + 17) / 3 }
    func weights(_ rows: Int, _ columns: Int) -> Matrix<Rational> {
        Matrix(rows: rows, columns: columns, elements: (0..<(rows * columns)).map { _ in value() })!
    }
    let skip = try Network(inputCount: 3, layers: [
        Layer(activation: .relu, weights: weights(6, 3), bias: (0..<6).map { _ in value() }, source: 0),
        Layer(
            units: 4, activation: .leakyReLU(slope: Rational(1, 7)),
            connections: [Connection(source: 1, weights: weights(4, 6)), Connection(source: 0, weights: weights(4, 3))],
            bias: nil),
        Layer(activation: .abs, weights: weights(5, 4), bias: (0..<5).map { _ in value() }, source: 2),
        Layer(activation: .identity, weights: weights(2, 5), bias: (0..<2).map { _ in value() }, source: 3),
    ])
    var layers: [Layer] = []
    for l in 0..<8 {
        layers.append(Layer(activation: .relu, weights: weights(7, l == 0 ? 2 : 7), bias: (0..<7).map { _ in value() }, source: l))
    }
    layers.append(Layer(activation: .identity, weights: weights(1, 7), bias: nil, source: 8))
    return [skip, try Network(inputCount: 2, layers: layers)]
}

/// Rational points: random ones, and ones pushed onto or next to a layer-1 kink (the first input
/// solved for z = 0, then nudged by 10⁻¹², 10⁻¹⁸, 10⁻³⁰ of a unit) and bisected towards a deeper
/// unit's kink along a segment, where the `Double` pass cannot be trusted.
private func certifierPoints(for network: Network, seed: UInt64) -> [[Rational]] {
    var g = SplitMix64(seed: seed)
    let n = network.inputCount
    func random() -> [Rational] { (0..<n).map { _ in Rational(Int(g.next() % 2_000_001) - 1_000_000, Int(g.next() % 65_521) + 1) / 1000 } }
    var points = (0..<60).map { _ in random() }
    let first = network.layers[0]
    for i in 0..<first.units {
        var x = random()
        let w = first.connections[0].weights
        guard !w[i, 0].isZero else { continue }
        var rest = first.bias?[i] ?? .zero
        for j in 1..<n { rest += w[i, j] * x[j] }
        x[0] = -rest / w[i, 0]
        points.append(x)
        for nudge in [Rational(1, 1_000_000_000_000), Rational(1, 1_000_000_000_000_000_000), Rational(1) / Rational(BigInteger.power(10, 30))] {
            points.append([x[0] + nudge] + x.dropFirst())
        }
    }
    // Bisection on a segment a → b for the kink of the last kinked layer's unit 0.
    let last = network.layers.lastIndex { $0.activation.hasKink }! + 1
    func z(_ x: [Rational]) -> Rational { (try? network.evaluateExactly(x).preActivations[last][0]) ?? .zero }
    for _ in 0..<6 {
        var a = random(), b = random()
        guard z(a).signum * z(b).signum < 0 else { continue }
        for step in 0..<70 {
            let mid = zip(a, b).map { ($0 + $1) / 2 }
            if z(mid).signum == z(a).signum { a = mid } else { b = mid }
            if step >= 40 { points.append(mid) }
        }
    }
    return points
}

@Suite struct FloatSignCertifierTests {
    /// At every point, the computed pre-activation of every unit is within its bound of the
    /// exact one; where the certifier proves the signs they are the exact signs, none is 0; on a
    /// kink it proves nothing.
    @Test(arguments: [UInt64(3), 11, 29])
    func boundsHoldAndProvenSignsAreExact(seed: UInt64) throws {
        for network in try certifierNetworks(seed: seed) {
            let numeric = NumericNetwork(network)
            let certifier = try #require(FloatSignCertifier(network, numeric: numeric))
            var proven = 0, onKink = 0
            for x in certifierPoints(for: network, seed: seed + 1) {
                let xd = x.map(\.doubleValue)
                let pass = try numeric.forward(xd)
                let exact = try network.evaluateExactly(x)
                let bounds = try #require(certifier.errorBounds(point: x, input: xd, pre: pass.pre, post: pass.post, stopAtUnproven: false))
                for l in 1...bounds.count {
                    for i in bounds[l - 1].indices {
                        let gap = try Rational(exactly: pass.pre[l][i]) - exact.preActivations[l][i]
                        #expect(gap.magnitude <= (try Rational(exactly: bounds[l - 1][i])), "layer \(l) unit \(i)")
                    }
                }
                let certified = certifier.certifies(point: x, input: xd, pre: pass.pre, post: pass.post)
                if !exact.kinks.isEmpty {
                    onKink += 1
                    #expect(!certified)
                }
                guard certified else { continue }
                proven += 1
                for (l, layer) in network.layers.enumerated() where layer.activation.hasKink {
                    #expect(exact.preActivations[l + 1].map { Int8($0.signum) } == pass.pre[l + 1].map { $0 < 0 ? -1 : 1 })
                }
            }
            // Random points are proven; points on layer-1 kinks are among the rest.
            #expect(proven >= 60 && onKink > 0)
        }
    }

    /// Weights that round to 0 or lie below 2⁻⁵⁰⁰ leave the bound's range: no certifier.
    @Test func tinyWeightsHaveNoCertifier() throws {
        let tiny = Rational(1) / Rational(BigInteger.powerOfTwo(600))
        let network = try Network.mlp(
            widths: [1, 2, 1], activations: [.relu, .identity],
            weights: [[[tiny], [Rational(1)]], [[Rational(1), Rational(1)]]], biases: [[.zero, .zero], [.zero]])
        #expect(FloatSignCertifier(network, numeric: NumericNetwork(network)) == nil)
    }
}
