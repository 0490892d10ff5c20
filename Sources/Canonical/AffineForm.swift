import Exact

/// An affine function x ↦ c·x + d on ℝⁿ with exact rational coefficients.
struct AffineForm: Sendable, Equatable {
    var coefficients: [Rational]
    var constant: Rational

    static func constant(_ d: Rational, dimension n: Int) -> AffineForm {
        AffineForm(coefficients: Array(repeating: .zero, count: n), constant: d)
    }

    /// The j-th coordinate function x ↦ xⱼ.
    static func coordinate(_ j: Int, dimension n: Int) -> AffineForm {
        var f = AffineForm.constant(.zero, dimension: n)
        f.coefficients[j] = 1
        return f
    }

    /// self += w·g.
    mutating func add(_ w: Rational, times g: AffineForm) {
        guard !w.isZero else { return }
        for j in coefficients.indices where !g.coefficients[j].isZero { coefficients[j].addProduct(w, g.coefficients[j]) }
        if !g.constant.isZero { constant.addProduct(w, g.constant) }
    }

    func scaled(by s: Rational) -> AffineForm {
        AffineForm(coefficients: coefficients.map { $0 * s }, constant: constant * s)
    }

    static func - (f: AffineForm, g: AffineForm) -> AffineForm {
        AffineForm(coefficients: zip(f.coefficients, g.coefficients).map { $0 - $1 }, constant: f.constant - g.constant)
    }

    var isConstant: Bool { coefficients.allSatisfy(\.isZero) }
    var isZero: Bool { isConstant && constant.isZero }

    func value(at x: [Rational]) -> Rational {
        var s = constant
        for j in coefficients.indices where !coefficients[j].isZero && !x[j].isZero { s.addProduct(coefficients[j], x[j]) }
        return s
    }
}
