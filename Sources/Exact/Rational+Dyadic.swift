import CGMP

extension Rational {
    /// The dyadic rational ±m·2^e, built directly in one GMP value (no intermediates).
    ///
    /// Every finite binary float is of this form, so tensor readers decode floats through this
    /// initializer. After removing the trailing zero bits of m (m = m′·2^t with m′ odd), the
    /// value is m′·2^(e+t) in lowest terms: for e + t ≥ 0 the integer m′·2^(e+t), otherwise the
    /// fraction m′ / 2^−(e+t), whose odd numerator and power-of-two denominator are coprime.
    public init(significand m: UInt64, exponent e: Int, negative: Bool) {
        let s = RationalStorage()
        if m != 0 {
            let zeros = m.trailingZeroBitCount
            let odd = m >> UInt64(zeros)
            let exponent = e + zeros
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
        }
        self.init(storage: s)
    }
}
