import Exact
import Networks
@testable import Rank

/// Networks with seeded "generic" rational weights: k/8 for k a nonzero integer in −16…16.
enum Fixtures {
    static func weights(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> [[Rational]] {
        (0..<rows).map { _ in (0..<columns).map { _ in generic(&rng) } }
    }
    static func generic(_ rng: inout SplitMix64) -> Rational {
        let k = Int(rng.nextBits(5)) - 16
        return Rational(k == 0 ? 3 : k, 8)
    }
    static func mlp(_ widths: [Int], _ activations: [Activation], bias: Bool = true, seed: UInt64 = 1) throws -> Network {
        var rng = SplitMix64(seed: seed)
        var w: [[[Rational]]] = []
        var b: [[Rational]?] = []
        for l in 1..<widths.count {
            w.append(weights(widths[l], widths[l - 1], &rng))
            b.append(bias ? (0..<widths[l]).map { _ in generic(&rng) } : nil)
        }
        return try Network.mlp(widths: widths, activations: activations, weights: w, biases: b)
    }
    /// (1, n, 1) ReLU with kinks −b_i/w_i spread inside (−1, 1).
    static func relu1n1(_ n: Int) throws -> Network {
        let w: [[Rational]] = (0..<n).map { i in [Rational(i % 2 == 0 ? 1 : -1)] }
        let kinks = (0..<n).map { i in Rational(2 * i + 1, n) - 1 }  // −1 + (2i+1)/n
        let b: [Rational] = (0..<n).map { i in -(w[i][0] * kinks[i]) }
        let v: [[Rational]] = [(0..<n).map { Rational($0 + 1, 2) }]
        return try Network.mlp(widths: [1, n, 1], activations: [.relu, .identity], weights: [w, v], biases: [b, [Rational(1, 3)]])
    }
}
