import Exact
import LinearAlgebra

/// Why an exact Jacobian cannot be formed at the given points.
public enum JacobianError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Point `point` has `found` coordinates; the network has `expected` inputs.
    case wrongInputCount(point: Int, expected: Int, found: Int)
    /// At point `point`, the pre-activation of `unit` is exactly 0 at a kink of its activation:
    /// the network is not differentiable in its parameters there. Replace the point.
    case atKink(point: Int, unit: UnitID)
    /// `unit`'s activation is not piecewise linear, so the Jacobian is not rational.
    case notPiecewiseLinear(activation: String, unit: UnitID)
    /// The exact evaluation at point `point` failed (e.g. a value beyond the exact-evaluation limits).
    case evaluation(point: Int, NetworkError)

    public var description: String {
        switch self {
        case .wrongInputCount(let point, let expected, let found):
            return "point \(point) has \(found) coordinates; the network has \(expected) inputs"
        case .atKink(let point, let unit):
            return "point \(point): the pre-activation of \(unit) is exactly 0, at the kink of its activation; the Jacobian does not exist there"
        case .notPiecewiseLinear(let activation, let unit):
            return "\(unit): \(activation) is not piecewise linear, so the Jacobian is not exact"
        case .evaluation(let point, let error):
            return "point \(point): \(error.description)"
        }
    }
}
