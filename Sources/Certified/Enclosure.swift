import CArb
import CGMP
import Exact

/// A certified enclosure of a real number: the number lies in [``lower``, ``upper``].
///
/// The endpoints are exact rationals (dyadics) read from an Arb ball, so comparisons between
/// enclosures are exact: two enclosures with `a.upper < b.lower` prove the first number smaller.
/// An endpoint is `nil` when the ball is unbounded on that side (an overflow or a non-finite
/// intermediate), which proves nothing on that side.
public struct Enclosure: Sendable, Equatable, CustomStringConvertible {
    public let lower: Rational?
    public let upper: Rational?
    /// Arb's decimal text of the ball, `mid +/- rad` (the decimal midpoint and radius are
    /// themselves rounded outward by Arb, so the text also encloses the number).
    public let text: String

    public init(lower: Rational?, upper: Rational?, text: String) {
        self.lower = lower
        self.upper = upper
        self.text = text
    }

    init(ball: UnsafePointer<arb_struct>, digits: Int) {
        lower = Enclosure.bound(ball, upper: false)
        upper = Enclosure.bound(ball, upper: true)
        let c = nnid_arb_text(ball, digits)
        text = c.map { String(cString: $0) } ?? "?"
        nnid_free_text(c)
    }

    public var description: String { text }

    /// Whether the two enclosures are disjoint: then the numbers they enclose differ (proved).
    public func isDisjoint(from other: Enclosure) -> Bool {
        if let u = upper, let l = other.lower, u < l { return true }
        if let u = other.upper, let l = lower, u < l { return true }
        return false
    }

    /// The width upper − lower (`nil` if unbounded).
    public var width: Rational? {
        guard let l = lower, let u = upper else { return nil }
        return u - l
    }

    /// Exponents of dyadic endpoints beyond this are reported as unbounded rather than expanded
    /// (2^(2²⁰) already has a million bits; no network value of interest is that large).
    static let maximumExponent = 1 << 20

    static func bound(_ ball: UnsafePointer<arb_struct>, upper: Bool) -> Rational? {
        var man = __mpz_struct(), one = __mpz_struct()
        __gmpz_init(&man)
        __gmpz_init_set_ui(&one, 1)
        defer { __gmpz_clear(&man); __gmpz_clear(&one) }
        var exponent = 0
        guard nnid_arb_bound(ball, upper ? 1 : 0, &man, &exponent) != 0,
            Swift.abs(exponent) <= maximumExponent,
            let m = Rational(gmpNumerator: &man, denominator: &one)
        else { return nil }
        return m.timesPowerOfTwo(exponent)
    }
}
