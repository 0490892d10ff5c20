import Exact

/// An affine function of the plane, f(x, y) = a·x + b·y + c, with exact rational coefficients.
///
/// On a linear region of a piecewise-linear network every unit's pre-activation and activation,
/// and every output, is such a function of the two inputs.
public struct AffineFunction2: Hashable, Sendable, CustomStringConvertible {
    public var a: Rational
    public var b: Rational
    public var c: Rational
    public init(a: Rational, b: Rational, c: Rational) {
        self.a = a
        self.b = b
        self.c = c
    }
    /// The constant function c.
    public static func constant(_ c: Rational) -> AffineFunction2 { AffineFunction2(a: .zero, b: .zero, c: c) }
    /// f(x, y) = x.
    public static let x = AffineFunction2(a: .one, b: .zero, c: .zero)
    /// f(x, y) = y.
    public static let y = AffineFunction2(a: .zero, b: .one, c: .zero)

    /// f(p), exactly.
    public func callAsFunction(_ p: PlanePoint) -> Rational {
        var v = c
        if !a.isZero { v.addProduct(a, p.x) }
        if !b.isZero { v.addProduct(b, p.y) }
        return v
    }
    /// f is constant (its zero set is empty or the whole plane, never a line).
    public var isConstant: Bool { a.isZero && b.isZero }

    /// `self + s·g`.
    public mutating func add(_ g: AffineFunction2, times s: Rational) {
        guard !s.isZero else { return }
        a.addProduct(s, g.a)
        b.addProduct(s, g.b)
        c.addProduct(s, g.c)
    }
    /// s·f.
    public func scaled(by s: Rational) -> AffineFunction2 { AffineFunction2(a: s * a, b: s * b, c: s * c) }

    /// `a·x + b·y + c` with exact coefficients (`3/2·x − y + 1/4`).
    public var description: String {
        var terms: [String] = []
        for (coefficient, name) in [(a, "x"), (b, "y")] where !coefficient.isZero {
            let magnitude = coefficient.magnitude
            let body = magnitude.isOne ? name : "\(magnitude)·\(name)"
            terms.append(terms.isEmpty ? (coefficient.signum < 0 ? "−" : "") + body : (coefficient.signum < 0 ? "− " : "+ ") + body)
        }
        if !c.isZero || terms.isEmpty {
            terms.append(terms.isEmpty ? (c.signum < 0 ? "−\(c.magnitude)" : "\(c)") : (c.signum < 0 ? "− \(c.magnitude)" : "+ \(c)"))
        }
        return terms.joined(separator: " ")
    }
}
