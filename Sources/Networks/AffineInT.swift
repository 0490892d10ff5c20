import Exact

/// a + b·t.
struct AffineInT {
    var a: Rational
    var b: Rational
    static let zero = AffineInT(a: .zero, b: .zero)
    func value(_ t: Rational) -> Rational { a + b * t }
    var bitSize: Int { a.bitSize + b.bitSize }
}
