import Exact
import LinearAlgebra

/// Bounds on exact evaluation (reasons in `docs/limits.md`).
///
/// Exact values can grow by the size of a weight at every layer: 2,000 width-1 layers of weight
/// 10^10000 reach 10^(2·10⁷), tens of millions of bits, and minutes of arithmetic. Evaluation
/// stops with ``NetworkError/exactValueTooLarge(unit:bits:limit:)`` when a pre-activation's
/// numerator and denominator together need more than ``maximumBits`` bits.
public struct ExactEvaluationLimits: Sendable, Equatable {
    /// Bits (numerator plus denominator, ``Rational/bitSize``) allowed in one exact
    /// pre-activation. Default 4,000,000: above the 3.3 million bits of the largest number a
    /// 10⁶-character literal can write, so every network whose numbers were admitted with
    /// `--max-number-length` up to 10⁶ still evaluates exactly through a layer.
    public var maximumBits: Int
    public init(maximumBits: Int = 4_000_000) { self.maximumBits = maximumBits }
    public static let `default` = ExactEvaluationLimits()
}
