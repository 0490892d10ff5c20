import Exact
import Identifiability
import LinearAlgebra
import Networks

/// A value of λ(θ) that is proven at this particular θ, with the reason.
public struct ProvenLearningCoefficient: Sendable, Equatable {
    public enum Reason: Sendable, Equatable {
        /// A bias-free deep linear network at θ = 0: λ(0) is Aoyagi's global value for true rank 0
        /// (`proofs/deep-linear-local-coefficient.md`, part 1).
        case deepLinearAtZero(widths: [Int])
        /// A bias-free two-layer linear network at θ = (B, A) with rank A = rank B = rank BA = r:
        /// λ(θ) is Aoyagi & Watanabe's value (`proofs/deep-linear-local-coefficient.md`, part 2).
        case reducedRankRegression(input: Int, hidden: Int, output: Int, rank: Int)
        /// The rank analysis's interval has lower = upper: rank = P, a regular point, λ = P/2.
        case regular(parameters: Int)
    }
    public let value: Rational
    public let multiplicity: Int
    public let reason: Reason

    /// The proven λ(θ) for `network` at its parameters, if one of the reasons applies.
    /// `interval` is the rank analysis's (for the regular case).
    public static func at(_ network: Network, interval: LearningCoefficientBounds?) -> ProvenLearningCoefficient? {
        if let linear = deepLinear(network) { return linear }
        if let interval, interval.lower == interval.upper, !interval.rankIsAmbiguous {
            return ProvenLearningCoefficient(value: interval.lower, multiplicity: 1, reason: .regular(parameters: network.parameterCount))
        }
        return nil
    }

    /// The deep-linear cases: bias-free, identity activations, dense, each layer fed by the previous.
    static func deepLinear(_ network: Network) -> ProvenLearningCoefficient? {
        let isPlain = network.layers.enumerated().allSatisfy { index, layer in
            layer.bias == nil && layer.activation == .identity && layer.connections.count == 1
                && layer.connections[0].source == index && layer.connections[0].present == nil
        }
        guard isPlain else { return nil }
        let widths = network.widths
        let matrices = network.layers.map { $0.connections[0].weights }
        if matrices.allSatisfy({ $0.elements.allSatisfy(\.isZero) }) {
            guard let a = AoyagiCoefficient.deepLinear(widths: widths, rank: 0) else { return nil }
            return ProvenLearningCoefficient(value: a.lambda, multiplicity: a.multiplicity, reason: .deepLinearAtZero(widths: widths))
        }
        guard matrices.count == 2 else { return nil }
        let (a, b) = (matrices[0], matrices[1])
        let r = product(b, a).exactRank().rank
        guard a.exactRank().rank == r, b.exactRank().rank == r,
            let value = AoyagiCoefficient.twoLayer(input: widths[0], hidden: widths[1], output: widths[2], rank: r)
        else { return nil }
        return ProvenLearningCoefficient(
            value: value.lambda, multiplicity: value.multiplicity,
            reason: .reducedRankRegression(input: widths[0], hidden: widths[1], output: widths[2], rank: r))
    }

    /// The exact product B·A.
    static func product(_ b: Matrix<Rational>, _ a: Matrix<Rational>) -> Matrix<Rational> {
        var out = Matrix<Rational>(rows: b.rows, columns: a.columns, repeating: .zero)
        for i in 0..<b.rows {
            for k in 0..<b.columns where !b[i, k].isZero {
                for j in 0..<a.columns where !a[k, j].isZero { out[i, j].addProduct(b[i, k], a[k, j]) }
            }
        }
        return out
    }

    /// One line: the value and why it holds here.
    public var explanation: String {
        switch reason {
        case .deepLinearAtZero(let widths):
            return "bias-free deep linear network \(widths.map(String.init).joined(separator: "-")) at θ = 0: Aoyagi (2024), true rank 0"
        case .reducedRankRegression(let m, let h, let n, let r):
            return "reduced-rank regression \(m)-\(h)-\(n), rank A = rank B = rank BA = \(r): Aoyagi & Watanabe (2005)"
        case .regular(let p):
            return "regular point (rank = P = \(p)): λ = P/2"
        }
    }
}
