
extension Rational: LosslessStringConvertible, CustomStringConvertible {
    /// `p/q` in lowest terms, or `p` for an integer.
    public var description: String {
        if case .small(let p, let q) = representation { return q == 1 ? "\(p)" : "\(p)/\(q)" }
        return isInteger ? numerator.description : "\(numerator)/\(denominator)"
    }

    /// Parses the text forms accepted by ``init(parsing:limits:)``; `nil` when it is not one.
    public init?(_ description: String) {
        guard let value = try? Rational(parsing: description) else { return nil }
        self = value
    }

    /// Parses an exact number.
    ///
    /// Accepted forms (no white space): a fraction `[±]p/q` of decimal integers (q ≠ 0), or a
    /// decimal `[±]digits[.digits][e[±]digits]` (also `.5` and `5.`). Decimals are read
    /// **exactly**: `0.1` is 1/10 and `1e-3` is 1/1000, never the nearest binary float.
    ///
    /// - Throws: ``ExactError`` naming what is wrong: malformed text, a zero denominator, a
    ///   literal longer than `limits.maximumLength`, or an exponent beyond `limits.maximumExponent`.
    public init(parsing text: String, limits: RationalParsingLimits = .default) throws(ExactError) {
        let count = text.utf8.count
        guard count <= limits.maximumLength else { throw .tooLong(length: count, limit: limits.maximumLength) }
        guard count > 0 else { throw .malformed(text, reason: "empty") }
        let s = Substring(text)
        if let slash = s.firstIndex(of: "/") {
            guard let n = BigInteger(decimalDigits: s[..<slash]) else {
                throw .malformed(text, reason: "numerator is not an integer")
            }
            let rest = s[s.index(after: slash)...]
            guard rest.first != "+" && rest.first != "-", let d = BigInteger(decimalDigits: rest) else {
                throw .malformed(text, reason: "denominator is not a positive integer")
            }
            self = try Rational(numerator: n, denominator: d)
            return
        }
        self = try Rational.parseDecimal(s, original: text, limits: limits)
    }

    private static func parseDecimal(_ s: Substring, original: String, limits: RationalParsingLimits) throws(ExactError) -> Rational {
        var rest = s
        var negative = false
        if let first = rest.first, first == "+" || first == "-" {
            negative = first == "-"
            rest = rest.dropFirst()
        }
        var mantissaText = rest
        var exponent = 0
        if let e = rest.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissaText = rest[..<e]
            let exponentText = rest[rest.index(after: e)...]
            var digits = exponentText
            if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                throw .malformed(original, reason: "exponent is not an integer")
            }
            let significant = digits.drop(while: { $0 == "0" })
            guard significant.count <= 9, let magnitude = Int(significant.isEmpty ? "0" : significant),
                magnitude <= limits.maximumExponent
            else { throw .exponentOutOfRange(original, limit: limits.maximumExponent) }
            exponent = exponentText.first == "-" ? -magnitude : magnitude
        }
        var integerPart = mantissaText
        var fractionPart: Substring = ""
        if let dot = mantissaText.firstIndex(of: ".") {
            integerPart = mantissaText[..<dot]
            fractionPart = mantissaText[mantissaText.index(after: dot)...]
        }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        guard integerPart.utf8.allSatisfy(isDigit), fractionPart.utf8.allSatisfy(isDigit),
            !(integerPart.isEmpty && fractionPart.isEmpty)
        else { throw .malformed(original, reason: "expected digits, a fraction p/q, or a decimal like -1.5e-3") }
        let digits = integerPart + fractionPart
        let scale = exponent - fractionPart.count
        // Up to 18 digits and a power of ten up to 10¹⁸ fit in 64 bits: no GMP value needed.
        if digits.utf8.count <= 18, (-18...18).contains(scale), let whole = Int64(digits) {
            let power = (0..<Swift.abs(scale)).reduce(Int64(1)) { p, _ in p * 10 }
            if scale < 0 {
                return Rational.reducing(negative: negative, UInt128(whole), UInt128(power))
            }
            let (product, overflow) = whole.multipliedReportingOverflow(by: power)
            if !overflow { return Rational(smallNumerator: negative ? -product : product, denominator: 1) }
        }
        guard let whole = BigInteger(decimalDigits: digits) else {
            throw .malformed(original, reason: "expected digits")
        }
        var value = Rational(whole)
        if scale > 0 {
            value = value * Rational(BigInteger.power(10, scale))
        } else if scale < 0 {
            value = try Rational(numerator: whole, denominator: BigInteger.power(10, -scale))
        }
        return negative ? -value : value
    }
}
