import Exact
import Testing
@testable import LearningCoefficient
import Networks

/// Which parameters get a proven λ(θ) (`proofs/deep-linear-local-coefficient.md`).
@Suite struct ProvenValueTests {
    static func linear(_ widths: [Int], _ weights: [[[Rational]]], bias: Bool = false) throws -> Network {
        try Network.mlp(
            widths: widths, activations: Array(repeating: .identity, count: widths.count - 1), weights: weights,
            biases: (1..<widths.count).map { bias ? Array(repeating: Rational.zero, count: widths[$0]) : nil })
    }

    static func zeros(_ widths: [Int]) -> [[[Rational]]] {
        (1..<widths.count).map { l in Array(repeating: Array(repeating: Rational.zero, count: widths[l - 1]), count: widths[l]) }
    }

    @Test func zeroDeepLinearGetsAoyagiRankZero() throws {
        let widths = [4, 3, 2, 3]
        let proven = ProvenLearningCoefficient.at(try Self.linear(widths, Self.zeros(widths)), interval: nil)
        #expect(proven?.value == AoyagiCoefficient.deepLinear(widths: widths, rank: 0)?.lambda)
        #expect(proven?.reason == .deepLinearAtZero(widths: widths))
    }

    /// Rank A = rank B = rank BA = 1 in a 3-2-3 network: λ = λ_AW(3, 2, 3, 1).
    @Test func minimalRankTwoLayerGetsAoyagiWatanabe() throws {
        let a: [[Rational]] = [[1, 2, 0], [0, 0, 0]]
        let b: [[Rational]] = [[1, 0], [-1, 0], [3, 0]]
        let proven = ProvenLearningCoefficient.at(try Self.linear([3, 2, 3], [a, b]), interval: nil)
        #expect(proven?.value == AoyagiCoefficient.twoLayer(input: 3, hidden: 2, output: 3, rank: 1)?.lambda)
    }

    /// rank A = 2 but rank BA = 1: not a point of minimal rank, so nothing is claimed; nor with
    /// biases, nor at depth 3 away from 0.
    @Test func otherPointsGetNoClaim() throws {
        let a: [[Rational]] = [[1, 0, 0], [0, 1, 0]]
        let b: [[Rational]] = [[1, 0], [1, 0], [1, 0]]
        #expect(ProvenLearningCoefficient.at(try Self.linear([3, 2, 3], [a, b]), interval: nil) == nil)
        #expect(ProvenLearningCoefficient.at(try Self.linear([3, 2, 3], Self.zeros([3, 2, 3]), bias: true), interval: nil) == nil)
        var deep = Self.zeros([2, 2, 2, 2])
        deep[0][0][0] = 1
        #expect(ProvenLearningCoefficient.at(try Self.linear([2, 2, 2, 2], deep), interval: nil) == nil)
    }
}
