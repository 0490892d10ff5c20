import Exact

/// A point of the plane with exact rational coordinates.
public struct PlanePoint: Hashable, Sendable, CustomStringConvertible {
    public var x: Rational
    public var y: Rational
    public init(_ x: Rational, _ y: Rational) {
        self.x = x
        self.y = y
    }
    /// `(x, y)` with exact coordinates.
    public var description: String { "(\(x), \(y))" }
}
