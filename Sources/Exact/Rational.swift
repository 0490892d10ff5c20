import CGMP

/// An exact rational number p/q with value semantics.
///
/// Values are always in lowest terms with a positive denominator. Two forms hold them:
///
/// - **small**: p and q as 64-bit integers, inline (no heap allocation), whenever
///   |p| ≤ 2⁶³ − 1 and 1 ≤ q ≤ 2⁶³ − 1 — which covers the exact values of almost all float32,
///   float16 and bfloat16 weights;
/// - **big**: a GMP `mpq_t` behind a shared class instance (copy-on-write), for everything else.
///
/// The choice is canonical: a value that fits the small form is *always* stored small. Since
/// reduced fractions with positive denominators are unique, equal numbers have identical
/// representations, which keeps `==` and hashing structural (see
/// `proofs/small-rational-canonical.md`). Arithmetic on small operands runs in 64/128-bit integer
/// arithmetic whose intermediates cannot overflow, and falls back to GMP only when the reduced
/// result does not fit; GMP results that fit are demoted back to the small form.
///
/// Division by zero is a programmer error, as for `Int`: the `/` operator checks its divisor
/// before GMP sees it. Code that divides by user-supplied values uses
/// ``Rational/divided(by:)``, which throws instead.
public struct Rational: Sendable {
    /// The two forms. Invariants: `.small(p, q)` has q ≥ 1, p ≠ Int64.min, gcd(|p|, q) = 1
    /// (so zero is `.small(0, 1)`); `.big(s)` holds a canonical value that does not fit `.small`.
    enum Representation {
        case small(Int64, Int64)
        case big(RationalStorage)
    }

    var representation: Representation

    /// `p/q` already in small canonical form (the caller guarantees the invariants).
    @inline(__always)
    init(smallNumerator p: Int64, denominator q: Int64) {
        representation = .small(p, q)
    }

    /// Takes ownership of a canonical GMP value, demoting it to the small form when it fits.
    init(normalizing storage: RationalStorage) {
        if let (p, q) = Rational.smallParts(of: storage.pointer) {
            representation = .small(p, q)
        } else {
            representation = .big(storage)
        }
    }

    /// Whether the value is held in the inline 64-bit form (it is exactly when it fits).
    var isSmall: Bool {
        if case .small = representation { return true }
        return false
    }

    /// Builds a fresh value by letting `body` write a canonical `mpq_t`, then normalises it.
    @inline(__always)
    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let s = RationalStorage()
        body(s.pointer)
        return Rational(normalizing: s)
    }

    /// Zero.
    public init() { representation = .small(0, 1) }

    /// The integer `value`.
    public init(_ value: Int) {
        if value != Int.min {
            representation = .small(Int64(value), 1)
        } else {
            self = Rational.make { __gmpq_set_si($0, value, 1) }
        }
    }

    /// The integer `value`, for any `BinaryInteger` (exact).
    public init<T: BinaryInteger>(_ value: T) {
        if let v = Int(exactly: value) {
            self.init(v)
        } else {
            self.init(BigInteger(value))
        }
    }

    /// The integer `value`.
    public init(_ value: BigInteger) {
        if let v = value.intValue, v != Int.min {
            representation = .small(Int64(v), 1)
        } else {
            self = Rational.make { __gmpq_set_z($0, value.storage.pointer) }
        }
    }

    /// `numerator / denominator` for a nonzero literal denominator (a programmer's constant).
    /// For values that come from input, use ``init(numerator:denominator:)``, which throws.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "zero denominator")
        self = Rational.reducing(
            negative: (numerator < 0) != (denominator < 0),
            UInt128(numerator.magnitude), UInt128(denominator.magnitude))
    }

    /// `numerator / denominator`, reduced to lowest terms.
    /// - Throws: ``ExactError/zeroDenominator`` when `denominator` is zero.
    public init(numerator: BigInteger, denominator: BigInteger) throws(ExactError) {
        guard !denominator.isZero else { throw .zeroDenominator }
        if let p = numerator.intValue, let q = denominator.intValue {
            self = Rational.reducing(negative: (p < 0) != (q < 0), UInt128(p.magnitude), UInt128(q.magnitude))
            return
        }
        self = Rational.make { r in
            __gmpz_set(nnid_mpq_numref(r), numerator.storage.pointer)
            __gmpz_set(nnid_mpq_denref(r), denominator.storage.pointer)
            __gmpq_canonicalize(r)
        }
    }

    public static let zero = Rational()
    public static let one = Rational(1)

    /// The numerator of the reduced fraction (carries the sign).
    public var numerator: BigInteger {
        switch representation {
        case .small(let p, _): return BigInteger(Int(p))
        case .big(let s): return BigInteger.make { __gmpz_set($0, nnid_mpq_numref(s.pointer)) }
        }
    }

    /// The denominator of the reduced fraction (always positive).
    public var denominator: BigInteger {
        switch representation {
        case .small(_, let q): return BigInteger(Int(q))
        case .big(let s): return BigInteger.make { __gmpz_set($0, nnid_mpq_denref(s.pointer)) }
        }
    }

    /// The sign: −1, 0 or 1.
    public var signum: Int {
        switch representation {
        case .small(let p, _): return Int(p.signum())
        case .big(let s): return Int(nnid_mpq_sgn(s.pointer))
        }
    }

    public var isZero: Bool {
        if case .small(0, _) = representation { return true }
        return false  // a big value is never zero: zero fits the small form
    }

    public var isInteger: Bool {
        switch representation {
        case .small(_, let q): return q == 1
        case .big(let s): return __gmpz_cmp_si(nnid_mpq_denref(s.pointer), 1) == 0
        }
    }

    public var isOne: Bool {
        if case .small(1, 1) = representation { return true }
        return false
    }

    /// |self|.
    public var magnitude: Rational {
        switch representation {
        case .small(let p, let q): return Rational(smallNumerator: p < 0 ? -p : p, denominator: q)
        case .big(let s): return Rational.make { __gmpq_abs($0, s.pointer) }
        }
    }

    /// 1/self, or `nil` for zero. The small range is symmetric (|p|, q ≤ 2⁶³ − 1), so the
    /// reciprocal of a small value is small.
    public var reciprocal: Rational? {
        switch representation {
        case .small(let p, let q):
            if p == 0 { return nil }
            return Rational(smallNumerator: p < 0 ? -q : q, denominator: p < 0 ? -p : p)
        case .big(let s):
            return Rational.make { __gmpq_inv($0, s.pointer) }
        }
    }

    /// Bits in numerator plus bits in denominator: a measure of how large the value is to store.
    /// (Zero counts one bit, as GMP's `mpz_sizeinbase` does.)
    public var bitSize: Int {
        switch representation {
        case .small(let p, let q):
            return Swift.max(1, p.magnitude.bitWidth - p.magnitude.leadingZeroBitCount)
                + (q.bitWidth - q.leadingZeroBitCount)
        case .big(let s):
            return Int(__gmpz_sizeinbase(nnid_mpq_numref(s.pointer), 2) + __gmpz_sizeinbase(nnid_mpq_denref(s.pointer), 2))
        }
    }

    /// The residue of this value modulo the prime `p`, or `nil` when `p` divides the denominator.
    public func residue(modulo p: UInt) -> UInt? {
        precondition(p >= 2, "the modulus must be a prime")
        let num: UInt, den: UInt
        switch representation {
        case .small(let a, let b):
            den = UInt(b) % p
            let r = UInt(a.magnitude) % p
            num = (a < 0 && r != 0) ? p - r : r
        case .big(let s):
            den = __gmpz_fdiv_ui(nnid_mpq_denref(s.pointer), p)
            num = __gmpz_fdiv_ui(nnid_mpq_numref(s.pointer), p)
        }
        guard den != 0 else { return nil }
        return Modular.multiply(num, Modular.inverse(den, p), p)
    }
}

extension Rational: Equatable, Hashable, Comparable {
    /// Structural equality: canonical forms (small when it fits, reduced, positive denominator)
    /// are unique, so a small value never equals a big one.
    public static func == (a: Rational, b: Rational) -> Bool {
        switch (a.representation, b.representation) {
        case (.small(let p, let q), .small(let r, let s)): return p == r && q == s
        case (.big(let x), .big(let y)): return x === y || __gmpq_equal(x.pointer, y.pointer) != 0
        default: return false
        }
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            if q == s { return p < r }
            // p/q < r/s ⇔ p·s < r·q (q, s > 0); each product is below 2¹²⁶ in magnitude.
            return Int128(p) * Int128(s) < Int128(r) * Int128(q)
        }
        return a.withGMP { x in b.withGMP { y in __gmpq_cmp(x, y) < 0 } }
    }

    public func hash(into hasher: inout Hasher) {
        switch representation {
        case .small(let p, let q):
            hasher.combine(p)
            hasher.combine(q)
        case .big(let s):
            let p = s.pointer
            for z in [nnid_mpq_numref(p), nnid_mpq_denref(p)] {
                let size = nnid_mpz_limb_count(z)
                hasher.combine(size)
                for i in 0..<Swift.abs(size) { hasher.combine(nnid_mpz_limb(z, i)) }
            }
        }
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

/// `Rational` is a signed numeric type (so `abs(_:)`, `Rational(exactly: someInt)` and generic
/// numeric code work); with ``Rational/reciprocal`` and `/` it is the field ℚ.
extension Rational: SignedNumeric {
    /// Always succeeds: every `BinaryInteger` is an exact rational.
    public init?<T: BinaryInteger>(exactly source: T) { self.init(source) }
}

/// A GMP rational operation `r = f(x, y)` (`__gmpq_add` and friends); GMP allows `r` to alias
/// `x` or `y`.
typealias GMPRationalOperation = (UnsafeMutablePointer<__mpq_struct>, UnsafePointer<__mpq_struct>, UnsafePointer<__mpq_struct>) -> Void

extension Rational {
    public static func + (a: Rational, b: Rational) -> Rational {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            return sum(p, q, r, s)
        }
        return viaGMP(a, b, __gmpq_add)
    }
    public static func - (a: Rational, b: Rational) -> Rational {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            return sum(p, q, -r, s)
        }
        return viaGMP(a, b, __gmpq_sub)
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            return product(p, q, r, s)
        }
        return viaGMP(a, b, __gmpq_mul)
    }
    /// Exact quotient. The divisor must be nonzero (a programmer error otherwise, as for `Int`).
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "division by zero")
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            return r < 0 ? product(p, q, -s, -r) : product(p, q, s, r)
        }
        return viaGMP(a, b, __gmpq_div)
    }
    public static prefix func - (a: Rational) -> Rational {
        switch a.representation {
        case .small(let p, let q): return Rational(smallNumerator: -p, denominator: q)
        case .big(let s): return Rational.make { __gmpq_neg($0, s.pointer) }
        }
    }
    public static func += (a: inout Rational, b: Rational) {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            a = sum(p, q, r, s)
            return
        }
        a.update(with: b, __gmpq_add)
    }
    public static func -= (a: inout Rational, b: Rational) {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            a = sum(p, q, -r, s)
            return
        }
        a.update(with: b, __gmpq_sub)
    }
    public static func *= (a: inout Rational, b: Rational) {
        if case .small(let p, let q) = a.representation, case .small(let r, let s) = b.representation {
            a = product(p, q, r, s)
            return
        }
        a.update(with: b, __gmpq_mul)
    }
    /// Exact quotient in place. The divisor must be nonzero (a programmer error otherwise).
    public static func /= (a: inout Rational, b: Rational) {
        precondition(!b.isZero, "division by zero")
        a = a / b
    }

    /// `self += x · y`. When x and y are small their product is formed in 128-bit integers and
    /// handed to GMP (if needed at all) as a read-only view on the stack; otherwise the product
    /// lives in a stack-allocated GMP temporary. Either way no Swift object is created for it.
    public mutating func addProduct(_ x: Rational, _ y: Rational) {
        if case .small(let p, let q) = x.representation, case .small(let r, let s) = y.representation {
            let (negative, n, d) = Rational.wideProduct(p, q, r, s)
            if n <= UInt128(Int64.max), d <= UInt128(Int64.max) {
                let m = Int64(n)
                self += Rational(smallNumerator: negative ? -m : m, denominator: Int64(d))
                return
            }
            Rational.withView(negative: negative, n, d) { t in update(with: t, __gmpq_add) }
            return
        }
        x.withGMP { a in
            y.withGMP { b in
                withUnsafeTemporaryAllocation(of: __mpq_struct.self, capacity: 1) { buffer in
                    let t = buffer.baseAddress!
                    __gmpq_init(t)
                    __gmpq_mul(t, a, b)
                    update(with: UnsafePointer(t), __gmpq_add)
                    __gmpq_clear(t)
                }
            }
        }
    }

    /// Exact quotient that reports a zero divisor instead of trapping.
    public func divided(by divisor: Rational) throws(ExactError) -> Rational {
        guard !divisor.isZero else { throw .divisionByZero }
        return self / divisor
    }

    /// `self · 2^exponent` (exact, for any integer exponent).
    public func timesPowerOfTwo(_ exponent: Int) -> Rational {
        if case .small(let p, let q) = representation {
            if p == 0 || exponent == 0 { return self }
            // Cancel powers of two against the other side first; shift what is left if it fits.
            if exponent > 0 {
                let cancel = Swift.min(q.trailingZeroBitCount, exponent)
                let shift = exponent - cancel
                if shift < 63, p.magnitude.leadingZeroBitCount - 1 >= shift {
                    return Rational(smallNumerator: p << shift, denominator: q >> cancel)
                }
            } else {
                let e = -exponent
                let cancel = Swift.min(p.trailingZeroBitCount, e)
                let shift = e - cancel
                if shift < 63, q.leadingZeroBitCount - 1 >= shift {
                    return Rational(smallNumerator: p >> cancel, denominator: q << shift)
                }
            }
        }
        return withGMP { x in
            exponent >= 0
                ? Rational.make { __gmpq_mul_2exp($0, x, mp_bitcnt_t(exponent)) }
                : Rational.make { __gmpq_div_2exp($0, x, mp_bitcnt_t(-exponent)) }
        }
    }

    /// `⌊self⌋`.
    public var floor: BigInteger {
        switch representation {
        case .small(let p, let q):
            let (quotient, remainder) = p.quotientAndRemainder(dividingBy: q)
            return BigInteger(Int(remainder < 0 ? quotient - 1 : quotient))
        case .big(let s):
            return BigInteger.make { __gmpz_fdiv_q($0, nnid_mpq_numref(s.pointer), nnid_mpq_denref(s.pointer)) }
        }
    }
}
