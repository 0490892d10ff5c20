import Exact
import Networks

/// The finite action of the rules that empty a unit u's outgoing weights into a partner unit of
/// its layer and the receiving biases: for every unit k that u feeds, with w = v_ku,
///
///     v_ku ↦ 0,   v_k,partner ↦ v_k,partner + share·w,   b_k ↦ b_k + offset·w,
///
/// after which u has no effect on the outputs and is removed. It is the end point t = w of the
/// curve v_ku − t, v_k,partner + share·t, b_k + offset·t: the ``SymmetryMove`` whose tangent is
/// −e_ku + share·e_k,partner + offset·e_bk (``MoveBuilder/transfer(_:from:into:bias:)``).
/// - **Duplicate merge** (``ScalingRelation/merge``): u's own parameters are c times the
///   partner's and act(c·z) = ρ·act(z) + κ, so v·act(c·z) = ρv·act(z) + κv: share ρ, offset κ.
/// - **Constant fold** (``Activation/constantFold(bias:)``): every incoming weight of u is 0, so
///   it outputs act(b): no partner, offset act(b).
public struct OutgoingTransfer: Sendable, Equatable {
    /// The factor of w added to the partner's outgoing weight (`nil`: there is no partner).
    public let share: Rational?
    /// The factor of w added to the receiving bias (exact when it is rational).
    public let offset: Coefficient

    public init(share: Rational?, offset: Coefficient) { (self.share, self.offset) = (share, offset) }

    /// The receiving units need biases to absorb offset·w.
    public var needsReceivingBiases: Bool { !offset.isZero }
}

extension ScalingRelation {
    /// Merging a unit whose own parameters are c times the partner's into the partner.
    public var merge: OutgoingTransfer { OutgoingTransfer(share: rho, offset: Coefficient(kappa)) }
}

extension Activation {
    /// Folding a constant unit with bias b (every incoming weight 0) into the receiving biases.
    public func constantFold(bias b: Rational) -> OutgoingTransfer { OutgoingTransfer(share: nil, offset: value(at: b)) }

    /// The duplicate relation of two units with this activation from their own parameter vectors
    /// a and b (incoming weights and bias, in one order): act(c·z) = ρ·act(z) + κ for the c with
    /// b = c·a (``ScalingRelation/factor(_:_:)``); c = 1 when a = b, also for a = 0. `nil` when
    /// they are not duplicates.
    public func duplicateRelation(_ a: [Rational], _ b: [Rational]) -> ScalingRelation? {
        if a == b { return scalingRelation(at: .one) }
        return ScalingRelation.factor(a, b).flatMap { scalingRelation(at: $0) }
    }

    /// The sign flip this activation admits in a layer whose readers have biases or not: an
    /// offset flip (act(−z) = k − act(z)) needs biases downstream to absorb k·w_out (asked only
    /// for such a flip).
    public func flipKind(readersHaveBiases: @autoclosure () -> Bool) -> FlipKind? {
        guard let kind = flipKind else { return nil }
        if case .oddWithOffset = kind, !readersHaveBiases() { return nil }
        return kind
    }
}

extension ScalingRelation {
    /// c ≠ 0 with b = c·a entrywise (a ≠ 0, same length); `nil` otherwise.
    public static func factor(_ a: [Rational], _ b: [Rational]) -> Rational? {
        guard a.count == b.count, let pivot = a.firstIndex(where: { !$0.isZero }) else { return nil }
        let c = b[pivot] / a[pivot]
        guard !c.isZero else { return nil }
        for k in a.indices where b[k] != c * a[k] { return nil }
        return c
    }
}
