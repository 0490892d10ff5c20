import Exact
import Networks

/// One symmetry rule applied to one network: a curve t ↦ θ(t) with θ(0) = θ (the **finite
/// action**) and its velocity at t = 0 (the **tangent**, ``tangent``). Both are read from the
/// same list of ``Update``s, so the tangent is the derivative of the action by construction;
/// the canonicaliser's scale, flip, fold and merge steps are these actions at particular t
/// (``ScalingRelation``), and the rank analysis checks the tangents against the kernel of its
/// Jacobian. For ``SymmetryTangent/Scope/function`` moves the action computes the same function
/// for every t where it is defined; for ``SymmetryTangent/Scope/batch`` moves on the batch they
/// were derived from (for small t); ``SymmetryTangent/Scope/firstOrder`` moves are the straight
/// line along a direction that is a degeneracy only to first order.
public struct SymmetryMove: Sendable {
    /// How one parameter θ_p moves along the curve.
    public enum Update: Sendable {
        /// θ_p + t·c.
        case translate(index: Int, by: Coefficient)
        /// θ_p·(1 + t)^power, power = ±1 (the rescaling c = 1 + t of ``ScalingRelation``).
        case scale(index: Int, value: Rational, power: Int)
        /// θ_p − w·(act(b + t) − act(b)): a downstream bias absorbing the change of a constant
        /// unit's output as its bias b moves; `slope` is act′(b).
        case activationShift(index: Int, weight: Rational, activation: Activation, at: Rational, slope: Coefficient)

        public var index: Int {
            switch self {
            case .translate(let i, _), .scale(let i, _, _), .activationShift(let i, _, _, _, _): return i
            }
        }

        /// d/dt θ_p(t) at t = 0.
        public var velocity: Coefficient {
            switch self {
            case .translate(_, let c): return c
            case .scale(_, let value, let power): return Coefficient(value * Rational(power))
            case .activationShift(_, let w, _, _, let slope): return -(slope * Coefficient(w))
            }
        }
    }

    public let kind: SymmetryTangent.Kind
    public let category: SymmetryTangent.Category
    public let scope: SymmetryTangent.Scope
    public let updates: [Update]

    /// The velocity of the action at t = 0, summed per parameter, zeros dropped (`nil` when
    /// every coefficient vanishes).
    public var tangent: SymmetryTangent? {
        var entries: [Int: Coefficient] = [:]
        for u in updates { entries[u.index] = entries[u.index].map { $0 + u.velocity } ?? u.velocity }
        let list = entries.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
            .map { SymmetryTangent.Entry(index: $0.key, exact: $0.value.exact, numeric: $0.value.numeric) }
        return list.isEmpty ? nil : SymmetryTangent(kind: kind, category: category, scope: scope, entries: list)
    }

    /// θ(t): the updates applied in order. `nil` when a coefficient or an activation value it
    /// needs is not exact, or t = −1 for a scaling.
    public func apply<S: SymmetryScalar>(to theta: [S], t: S) -> [S]? {
        var out = theta
        for u in updates {
            switch u {
            case .translate(let i, let c):
                guard let q = c.exact else { return nil }
                out[i] = out[i] + t * S(q)
            case .scale(let i, _, let power):
                let factor = S(.one) + t
                guard let inverse = factor.reciprocal else { return nil }
                out[i] = out[i] * (power > 0 ? factor : inverse)
            case .activationShift(let i, let w, let activation, let b, _):
                guard let change = t.increment(of: activation, at: b) else { return nil }
                out[i] = out[i] - S(w) * change
            }
        }
        return out
    }
}
