import CGMP

extension Rational {
    /// The exact value of an IEEE 754 bit pattern in `format` (in the low `1 + exponentBits +
    /// significandBits` bits of `bits`; higher bits are ignored): (−1)^s · 1.f · 2^(E − bias) for
    /// a normal number, (−1)^s · 0.f · 2^(1 − bias) for a subnormal one, and 0 for ±0.
    /// - Throws: ``ExactError/notFinite(_:)`` for NaN and infinities.
    public init(bits: UInt64, format: BinaryFloatFormat) throws(ExactError) {
        let m = UInt64(format.significandBits)
        let field = (bits >> m) & format.exponentMask
        let significand = bits & ((1 << m) - 1)
        let negative = (bits >> format.signShift) & 1 == 1
        guard field != format.exponentMask else {
            throw .notFinite("\(format) bit pattern 0x\(String(bits, radix: 16))" + (significand == 0 ? " (infinity)" : " (NaN)"))
        }
        let integer: UInt64
        let exponent: Int
        if field == 0 {
            integer = significand
            exponent = format.minimumExponent - format.significandBits
        } else {
            integer = significand | (1 << m)
            exponent = Int(field) - format.bias - format.significandBits
        }
        // Small (no GMP) whenever the reduced value fits in 63 bits, as for almost every weight.
        self.init(significand: integer, exponent: exponent, negative: negative)
    }

    /// The exact value of a finite `Double`.
    public init(exactly value: Double) throws(ExactError) {
        guard value.isFinite else { throw .notFinite("\(value)") }
        try self.init(bits: value.bitPattern, format: .float64)
    }

    /// The exact value of a finite `Float`.
    public init(exactly value: Float) throws(ExactError) {
        guard value.isFinite else { throw .notFinite("\(value)") }
        try self.init(bits: UInt64(value.bitPattern), format: .float32)
    }

    /// Rounds to the nearest value of `format` (ties to even); overflow gives ±infinity.
    /// - Returns: the bit pattern, and whether it equals `self` exactly.
    public func rounded(to format: BinaryFloatFormat) -> (bits: UInt64, exact: Bool) {
        if case .small(let p, let q) = representation { return Rational.rounded(p, q, to: format) }
        return roundedThroughBigIntegers(to: format)
    }

    /// ``rounded(to:)`` for any value, in ``BigInteger`` arithmetic (the reference the small
    /// path is tested against).
    func roundedThroughBigIntegers(to format: BinaryFloatFormat) -> (bits: UInt64, exact: Bool) {
        let sign: UInt64 = signum < 0 ? 1 << format.signShift : 0
        guard !isZero else { return (sign, true) }
        let n = numerator.magnitude, d = denominator
        let m = format.significandBits
        // e = ⌊log₂|x|⌋: bit lengths bound it to two candidates.
        var e = n.bitWidth - d.bitWidth
        let shiftedN = e >= 0 ? n : n.shifted(by: -e)
        let shiftedD = e >= 0 ? d.shifted(by: e) : d
        if shiftedN < shiftedD { e -= 1 }
        let maxExponent = format.bias
        let infinity = sign | (format.exponentMask << UInt64(m))
        if e > maxExponent { return (infinity, false) }
        // Quantum 2^q of the result; N = round(|x| / 2^q) has at most m + 2 bits.
        let q = Swift.max(e, format.minimumExponent) - m
        let num = q < 0 ? n.shifted(by: -q) : n
        let den = q > 0 ? d.shifted(by: q) : d
        guard let (quotient, remainder) = num.quotientAndRemainder(dividingBy: den),
            var integer = quotient.intValue
        else { return (infinity, false) }
        let twice = remainder.shifted(by: 1)
        if twice > den || (twice == den && integer & 1 == 1) { integer += 1 }
        // Normal and subnormal numbers share this layout: a carry into bit m bumps the exponent.
        let magnitudeBits = (UInt64(Swift.max(e, format.minimumExponent) - format.minimumExponent) << UInt64(m)) + UInt64(integer)
        if magnitudeBits >= format.exponentMask << UInt64(m) { return (infinity, false) }
        return (sign | magnitudeBits, remainder.isZero)
    }

    /// The nearest `Double` (round to nearest, ties to even, gradual underflow; ±infinity
    /// beyond the range).
    ///
    /// When numerator and denominator are both at most 2^53 in magnitude they are exact
    /// `Double`s, and IEEE 754 division of exact operands is itself correctly rounded, so
    /// `Double(p) / Double(q)` is the answer; otherwise ``rounded(to:)`` computes it.
    public var doubleValue: Double {
        if case .small(let p, let q) = representation {
            let limit: Int64 = 1 << 53
            if p.magnitude <= limit.magnitude, q <= limit { return Double(p) / Double(q) }
            return Double(bitPattern: Rational.rounded(p, q, to: .float64).bits)
        }
        return Double(bitPattern: rounded(to: .float64).bits)
    }

    /// ``rounded(to:)`` for a small value p/q, the same algorithm in 128-bit integers.
    ///
    /// With nᵦ, dᵦ the bit lengths of |p| and q, e ∈ {nᵦ − dᵦ − 1, nᵦ − dᵦ} and the quantum
    /// exponent is q′ = max(e, e_min) − m. For q′ < 0 the scaled numerator |p|·2^−q′ has at most
    /// nᵦ + m − e ≤ m + dᵦ + 1 ≤ 125 bits (m ≤ 61 for any format that fits 64 bits); for q′ > 0
    /// (then e > m, and e ≤ 62 since |p/q| < 2⁶³) the scaled denominator q·2^q′ has at most
    /// 63 + 62 bits. So every quantity below is exact in `UInt128`.
    static func rounded(_ p: Int64, _ q: Int64, to format: BinaryFloatFormat) -> (bits: UInt64, exact: Bool) {
        let sign: UInt64 = p < 0 ? 1 << format.signShift : 0
        guard p != 0 else { return (0, true) }
        let n = UInt128(p.magnitude), d = UInt128(q)
        let m = format.significandBits
        var e = (64 - p.magnitude.leadingZeroBitCount) - (64 - q.leadingZeroBitCount)
        let shiftedN = e >= 0 ? n : n << -e
        let shiftedD = e >= 0 ? d << e : d
        if shiftedN < shiftedD { e -= 1 }
        let infinity = sign | (format.exponentMask << UInt64(m))
        if e > format.bias { return (infinity, false) }
        let quantum = Swift.max(e, format.minimumExponent) - m
        let num = quantum < 0 ? n << -quantum : n
        let den = quantum > 0 ? d << quantum : d
        let (quotient, remainder) = num.quotientAndRemainder(dividingBy: den)
        guard var integer = UInt64(exactly: quotient) else { return (infinity, false) }
        let twice = remainder << 1
        if twice > den || (twice == den && integer & 1 == 1) { integer += 1 }
        let magnitudeBits = (UInt64(Swift.max(e, format.minimumExponent) - format.minimumExponent) << UInt64(m)) + integer
        if magnitudeBits >= format.exponentMask << UInt64(m) { return (infinity, false) }
        return (sign | magnitudeBits, remainder == 0)
    }

    /// The value as a `Double` when it is exactly one; otherwise `nil`.
    public var exactDouble: Double? {
        let r = rounded(to: .float64)
        return r.exact ? Double(bitPattern: r.bits) : nil
    }
}
