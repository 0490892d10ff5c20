import Exact
import Networks

/// The numbers a ``SymmetryMove``'s finite action can be evaluated in: a field holding the
/// rationals, in which an activation can be evaluated near a rational point. `Rational` is the
/// one in use; dual numbers a + b·ε (ε² = 0) over `Rational` make the action's derivative at
/// t = 0 exact, which is how the tests check that each tangent is the velocity of its action.
public protocol SymmetryScalar {
    init(_ q: Rational)
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    /// 1 / self, `nil` for 0.
    var reciprocal: Self? { get }
    /// act(b + self) − act(b), `nil` when it is not exactly known.
    func increment(of activation: Activation, at b: Rational) -> Self?
}

extension Rational: SymmetryScalar {
    public init(_ q: Rational) { self = q }

    public var reciprocal: Rational? { isZero ? nil : Rational.one / self }

    public func increment(of activation: Activation, at b: Rational) -> Rational? {
        guard let after = activation.exactValue(b + self), let before = activation.exactValue(b) else { return nil }
        return after - before
    }
}
