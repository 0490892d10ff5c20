import Exact
import LinearAlgebra

/// Why a network is not well formed; `place` names the layer, connection or entry.
public enum NetworkError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(place: String, reason: String)
    case shapeMismatch(place: String, expected: String, found: String)
    case wrongInputCount(expected: Int, found: Int)
    case notExact(activation: String, unit: UnitID)
    /// An exact intermediate value grew beyond ``ExactEvaluationLimits/maximumBits``.
    case exactValueTooLarge(unit: UnitID, bits: Int, limit: Int)
    /// The unit's bias is an irrational symbolic constant, so its pre-activation is not rational.
    case irrationalBias(unit: UnitID, value: SymbolicConstant)

    public var description: String {
        switch self {
        case .invalid(let place, let reason): return "\(place): \(reason)"
        case .shapeMismatch(let place, let expected, let found): return "\(place): expected shape \(expected), found \(found)"
        case .wrongInputCount(let expected, let found): return "the network has \(expected) inputs; \(found) values given"
        case .notExact(let activation, let unit):
            return "\(unit): \(activation) is not rational at this point, so exact evaluation is impossible"
        case .exactValueTooLarge(let unit, let bits, let limit):
            return "\(unit): the exact pre-activation has \(bits) bits, beyond the limit of \(limit) bits for exact evaluation"
        case .irrationalBias(let unit, let value):
            return "\(unit): the bias is the irrational constant \(value), so exact rational evaluation is impossible"
        }
    }
}
