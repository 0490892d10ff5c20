import Exact

/// act(c·z) = ρ·act(z) + κ for every z: the one fact every symmetry rule of a unit rests on.
///
/// Its finite action on a unit u is ``UnitScaling``: incoming weights and bias times c, each
/// outgoing weight v_ku times 1/ρ and each receiving bias b_k minus v_ku·κ/ρ — then
/// (v_ku/ρ)·act(c·z) + b_k − v_ku·κ/ρ = v_ku·act(z) + b_k, so no output changes. c > 0 with ρ = c
/// is a rescaling, c = −1 a sign flip, and a unit whose own parameters are c times another's is
/// that unit's (negated) duplicate.
public struct ScalingRelation: Sendable, Equatable {
    public let c: Rational
    public let rho: Rational
    public let kappa: Rational

    public init(c: Rational, rho: Rational, kappa: Rational) { (self.c, self.rho, self.kappa) = (c, rho, kappa) }
}
