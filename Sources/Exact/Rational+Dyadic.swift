import CGMP

extension Rational {
    /// The dyadic rational ±m·2^e, built directly (no intermediates).
    ///
    /// Every finite binary float is of this form, so tensor readers decode floats through this
    /// initializer. After removing the trailing zero bits of m (m = m′·2^t with m′ odd), the
    /// value is m′·2^(e+t) in lowest terms: for e + t ≥ 0 the integer m′·2^(e+t), otherwise the
    /// fraction m′ / 2^−(e+t), whose odd numerator and power-of-two denominator are coprime.
    /// When both fit in 63 bits (as for almost every float32, float16 and bfloat16 weight) the
    /// value is stored small without touching GMP.
    public init(significand m: UInt64, exponent e: Int, negative: Bool) {
        guard m != 0 else {
            self.init()
            return
        }
        let zeros = m.trailingZeroBitCount
        let odd = m >> UInt64(zeros)
        let (exponent, overflow) = e.addingReportingOverflow(zeros)
        let oddBits = odd.bitWidth - odd.leadingZeroBitCount
        if !overflow, odd <= UInt64(Int64.max) {
            let magnitude = Int64(odd)
            if exponent >= 0, exponent <= 63 - oddBits {
                self.init(smallNumerator: negative ? -(magnitude << exponent) : magnitude << exponent, denominator: 1)
                return
            }
            if exponent < 0, exponent >= -62 {
                self.init(smallNumerator: negative ? -magnitude : magnitude, denominator: 1 << -exponent)
                return
            }
        }
        let s = RationalStorage()
        let num = nnid_mpq_numref(s.pointer)
        __gmpz_set_ui(num, UInt(odd))
        if exponent > 0 {
            __gmpz_mul_2exp(num, num, mp_bitcnt_t(exponent))
        } else if exponent < 0 {
            let den = nnid_mpq_denref(s.pointer)
            __gmpz_set_ui(den, 0)
            __gmpz_setbit(den, mp_bitcnt_t(-exponent))
        }
        if negative { __gmpz_neg(num, num) }
        self.init(normalizing: s)
    }
}
