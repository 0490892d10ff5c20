/// Decimal text of a `Double` for reports and pictures, rounded once, on the Double's exact
/// (dyadic) value — never on a scaled Double, whose own rounding could move a value across a
/// tie — so the same value prints the same digits on every machine.
///
/// A finite x ≠ 0 is q = |x| ∈ ℚ exactly. ``rounded(_:decimals:tie:)`` is n = round(q·10^d)
/// with the chosen rule for ties; ``decade(_:)`` is e = ⌊log₁₀ q⌋, decided by exact comparison
/// with powers of ten. Every rendering below is one of these two integers written out.
public enum DecimalText {
    /// How a magnitude q ≥ 0 is rounded to an integer.
    public enum Tie: Sendable {
        /// To the nearest; halfway away from zero (2.5 → 3).
        case awayFromZero
        /// To the nearest; halfway to the even neighbour (2.5 → 2, 3.5 → 4).
        case toEven
        /// ⌊q⌋: the text is a lower bound of the magnitude.
        case down
        /// ⌈q⌉: the text is an upper bound of the magnitude.
        case up
    }

    /// `inf`, `-inf` or `nan` for a value that is not finite, else nil.
    public static func nonFinite(_ x: Double) -> String? {
        x.isFinite ? nil : x.isNaN ? "nan" : (x > 0 ? "inf" : "-inf")
    }

    /// 10^k as an exact rational (k may be negative).
    public static func power10(_ k: Int) -> Rational {
        k >= 0 ? Rational(BigInteger.power(10, k)) : 1 / Rational(BigInteger.power(10, -k))
    }

    /// ⌊log₁₀ q⌋ for q > 0, exactly: a first guess from the binary exponent, then corrected.
    public static func decade(_ q: Rational, binaryExponent: Int) -> Int {
        var e = binaryExponent * 30103 / 100_000
        while power10(e) > q { e -= 1 }
        while power10(e + 1) <= q { e += 1 }
        return e
    }

    /// round(q) for q ≥ 0 under `tie`.
    public static func rounded(_ q: Rational, tie: Tie) -> BigInteger {
        let down = q.floor
        let rest = q - Rational(down)
        if tie == .down { return down }
        if tie == .up { return rest.isZero ? down : down + BigInteger(1) }
        let half = Rational(1, 2)
        if rest > half || (rest == half && (tie == .awayFromZero || isOdd(down))) { return down + BigInteger(1) }
        return down
    }

    /// The exact |x| and its decade, for finite x ≠ 0.
    static func magnitude(_ x: Double) -> (q: Rational, decade: Int)? {
        guard x.isFinite, x != 0, let q = try? Rational(exactly: Swift.abs(x)) else { return nil }
        return (q, decade(q, binaryExponent: Int(Swift.abs(x).exponent)))
    }

    /// The digits of n with a decimal point before the last `decimals` of them ("1234", 2 →
    /// "12.34"; "5", 3 → "0.005"); with `trimZeros` trailing zeros of the fraction are dropped.
    public static func placingPoint(_ n: BigInteger, decimals: Int, trimZeros: Bool = false) -> String {
        var digits = n.description
        guard decimals > 0 else { return digits }
        while digits.count <= decimals { digits = "0" + digits }
        var fraction = String(digits.suffix(decimals))
        let whole = String(digits.dropLast(decimals))
        if trimZeros { while fraction.last == "0" { fraction.removeLast() } }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// x with `decimals` decimals ("-12.35"); "-" only when the rounded value is not zero.
    public static func fixed(_ x: Double, decimals: Int, tie: Tie = .awayFromZero, trimZeros: Bool = false) -> String {
        if let text = nonFinite(x) { return text }
        guard let (q, _) = magnitude(x) else { return trimZeros || decimals == 0 ? "0" : placingPoint(BigInteger(0), decimals: decimals) }
        let n = rounded(q * power10(decimals), tie: tie)
        return (x < 0 && !n.isZero ? "-" : "") + placingPoint(n, decimals: decimals, trimZeros: trimZeros)
    }

    /// The mantissa digits and exponent of x with `digits` decimals in the mantissa: n with
    /// 10^digits ≤ n < 10^(digits+1) and |x| ≈ n·10^(e − digits) (a rounding that reaches the
    /// next decade moves e up).
    public static func scientificParts(_ x: Double, digits: Int, tie: Tie) -> (n: BigInteger, exponent: Int)? {
        guard let (q, decade) = magnitude(x) else { return nil }
        return scientificParts(q, decade: decade, digits: digits, tie: tie)
    }

    /// ``scientificParts(_:digits:tie:)`` of a rational magnitude q > 0 whose decade is known.
    public static func scientificParts(_ q: Rational, decade: Int, digits: Int, tie: Tie) -> (n: BigInteger, exponent: Int) {
        var e = decade
        var n = rounded(q * power10(digits - e), tie: tie)
        if n == BigInteger.power(10, digits + 1) { e += 1; n = BigInteger.power(10, digits) }
        return (n, e)
    }

    /// x as m.mm…e±k with `digits` decimals in the mantissa ("1.25e-13", "3.00e+2"; with
    /// `trimZeros` "3e+2"); `0` for zero.
    public static func scientific(_ x: Double, digits: Int, tie: Tie = .awayFromZero, trimZeros: Bool = false) -> String {
        if let text = nonFinite(x) { return text }
        guard let (n, e) = scientificParts(x, digits: digits, tie: tie) else { return "0" }
        return (x < 0 ? "-" : "") + placingPoint(n, decimals: digits, trimZeros: trimZeros) + "e" + (e < 0 ? "-" : "+") + String(Swift.abs(e))
    }

    /// A rational q ≥ 0 as m.mm…e±k with `digits` decimals in the mantissa, rounded by `tie`
    /// (with `.down` or `.up` the text is a bound on that side); `0` for q = 0.
    public static func scientific(_ q: Rational, digits: Int, tie: Tie) -> String {
        guard q.signum > 0 else { return "0" }
        let binary = q.numerator.bitWidth - q.denominator.bitWidth
        let (n, e) = scientificParts(q, decade: decade(q, binaryExponent: binary), digits: digits, tie: tie)
        return placingPoint(n, decimals: digits) + "e" + (e < 0 ? "-" : "+") + String(Swift.abs(e))
    }

    private static func isOdd(_ n: BigInteger) -> Bool {
        guard let (_, r) = n.quotientAndRemainder(dividingBy: BigInteger(2)) else { return false }
        return !r.isZero
    }
}
