import Exact

/// A coefficient that is exact when it can be: rational parameters and piecewise-linear
/// slopes stay exact; values such as tanh(b) are carried in `Double` only.
public struct Coefficient: Sendable, Equatable {
    public var exact: Rational?
    public var numeric: Double
    public init(_ q: Rational) { exact = q; numeric = q.doubleValue }
    public init(numeric value: Double) { exact = nil; numeric = value }
    public init(exact: Rational?, numeric: Double) { self.exact = exact; self.numeric = numeric }
    public static func * (a: Coefficient, b: Coefficient) -> Coefficient {
        Coefficient(exact: a.exact.flatMap { x in b.exact.map { x * $0 } }, numeric: a.numeric * b.numeric)
    }
    public static prefix func - (a: Coefficient) -> Coefficient { Coefficient(exact: a.exact.map { -$0 }, numeric: -a.numeric) }
    public static func + (a: Coefficient, b: Coefficient) -> Coefficient {
        Coefficient(exact: a.exact.flatMap { x in b.exact.map { x + $0 } }, numeric: a.numeric + b.numeric)
    }
    public var isZero: Bool { exact?.isZero ?? (numeric == 0) }
}
