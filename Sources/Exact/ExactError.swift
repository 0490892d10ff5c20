import CGMP

/// Errors from exact arithmetic and from reading exact numbers.
public enum ExactError: Error, Equatable, Sendable, CustomStringConvertible {
    case zeroDenominator
    case divisionByZero
    case notFinite(String)
    case malformed(String, reason: String)
    case tooLong(length: Int, limit: Int)
    case exponentOutOfRange(String, limit: Int)

    public var description: String {
        switch self {
        case .zeroDenominator: return "zero denominator"
        case .divisionByZero: return "division by zero"
        case .notFinite(let what): return "\(what) is not a finite number"
        case .malformed(let text, let reason): return "\"\(text)\" is not an exact number: \(reason)"
        case .tooLong(let length, let limit):
            return "number literal has \(length) characters; the limit is \(limit)"
        case .exponentOutOfRange(let text, let limit):
            return "\"\(text)\" has an exponent outside ±\(limit)"
        }
    }
}
