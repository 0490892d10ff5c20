import CGMP

/// An arbitrary-precision integer with value semantics, backed by GMP's `mpz_t`.
///
/// Copies share storage until one of them is mutated (copy-on-write). Every operation that GMP
/// would abort on (division by zero) is checked in Swift first.
public struct BigInteger: Sendable {
    var storage: IntegerStorage

    init(storage: IntegerStorage) { self.storage = storage }

    /// Builds a fresh value by letting `body` write into a newly initialised `mpz_t`.
    @inline(__always)
    static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> BigInteger {
        let s = IntegerStorage()
        body(s.pointer)
        return BigInteger(storage: s)
    }

    /// Makes the storage unique before a mutation.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = IntegerStorage(copying: storage) }
    }

    public init() { storage = IntegerStorage() }

    public init(_ value: Int) {
        storage = IntegerStorage()
        __gmpz_set_si(storage.pointer, value)
    }

    public init(_ value: UInt64) {
        storage = IntegerStorage()
        __gmpz_set_ui(storage.pointer, UInt(value))
    }

    /// The integer `value`, for any fixed-width or arbitrary `BinaryInteger` (exact).
    public init<T: BinaryInteger>(_ value: T) {
        storage = IntegerStorage()
        if let small = Int(exactly: value) {
            __gmpz_set_si(storage.pointer, small)
            return
        }
        // |value| word by word, most significant first: z = z·2^wordBits + word.
        let words = value.magnitude.words
        for word in words.reversed() {
            __gmpz_mul_2exp(storage.pointer, storage.pointer, mp_bitcnt_t(UInt.bitWidth))
            __gmpz_add_ui(storage.pointer, storage.pointer, word)
        }
        if value < 0 { __gmpz_neg(storage.pointer, storage.pointer) }
    }

    /// The sign: −1, 0 or 1.
    public var signum: Int { Int(nnid_mpz_sgn(storage.pointer)) }
    public var isZero: Bool { signum == 0 }
    public var isOdd: Bool { nnid_mpz_odd_p(storage.pointer) != 0 }

    /// The number of bits of |self| (0 for zero).
    public var bitWidth: Int { isZero ? 0 : Int(__gmpz_sizeinbase(storage.pointer, 2)) }

    /// The value as an `Int`, or `nil` when it does not fit.
    public var intValue: Int? {
        nnid_mpz_fits_slong(storage.pointer) != 0 ? __gmpz_get_si(storage.pointer) : nil
    }

    public var magnitude: BigInteger { BigInteger.make { __gmpz_abs($0, storage.pointer) } }

    /// The value modulo a positive `modulus` that fits in 64 bits, in `0..<modulus`.
    public func remainder(modulo modulus: UInt) -> UInt {
        precondition(modulus > 0, "modulus must be positive")
        return __gmpz_fdiv_ui(storage.pointer, modulus)
    }

    /// `2^exponent` for a non-negative exponent.
    public static func powerOfTwo(_ exponent: Int) -> BigInteger {
        precondition(exponent >= 0, "negative exponent")
        return BigInteger.make { __gmpz_setbit($0, mp_bitcnt_t(exponent)) }
    }

    /// `base^exponent` for a non-negative exponent.
    public static func power(_ base: Int, _ exponent: Int) -> BigInteger {
        precondition(exponent >= 0, "negative exponent")
        let b = BigInteger(base)
        return BigInteger.make { __gmpz_pow_ui($0, b.storage.pointer, UInt(exponent)) }
    }

    /// Greatest common divisor (non-negative).
    public static func gcd(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        BigInteger.make { __gmpz_gcd($0, a.storage.pointer, b.storage.pointer) }
    }

    /// Least common multiple (non-negative).
    public static func lcm(_ a: BigInteger, _ b: BigInteger) -> BigInteger {
        BigInteger.make { __gmpz_lcm($0, a.storage.pointer, b.storage.pointer) }
    }

    /// Quotient and remainder of truncating division, or `nil` when `divisor` is zero.
    public func quotientAndRemainder(dividingBy divisor: BigInteger) -> (quotient: BigInteger, remainder: BigInteger)? {
        guard !divisor.isZero else { return nil }
        let q = IntegerStorage(), r = IntegerStorage()
        __gmpz_tdiv_qr(q.pointer, r.pointer, storage.pointer, divisor.storage.pointer)
        return (BigInteger(storage: q), BigInteger(storage: r))
    }

    /// `self · 2^shift` for `shift ≥ 0`; for `shift < 0`, `self / 2^−shift` truncated toward zero
    /// (so `-3` shifted by `-1` is `-1`, not ⌊−3/2⌋ = −2).
    public func shifted(by shift: Int) -> BigInteger {
        if shift >= 0 { return BigInteger.make { __gmpz_mul_2exp($0, storage.pointer, mp_bitcnt_t(shift)) } }
        return BigInteger.make { __gmpz_tdiv_q_2exp($0, storage.pointer, mp_bitcnt_t(-shift)) }
    }

    /// The digits in base `radix` (2 … 36, lower-case letters), with a leading `-` for negative values.
    public func toString(radix: Int32 = 10) -> String {
        precondition((2...36).contains(radix), "radix must be in 2...36")
        let size = __gmpz_sizeinbase(storage.pointer, radix) + 2
        var buffer = [CChar](repeating: 0, count: size)
        __gmpz_get_str(&buffer, radix, storage.pointer)
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses an optionally signed run of decimal digits; `nil` for anything else.
    public init?(decimalDigits text: Substring) {
        var digits = text
        var negative = false
        if let first = digits.first, first == "-" || first == "+" {
            negative = first == "-"
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        storage = IntegerStorage()
        let ok = String(digits).withCString { __gmpz_set_str(storage.pointer, $0, 10) }
        guard ok == 0 else { return nil }
        if negative { __gmpz_neg(storage.pointer, storage.pointer) }
    }
}

extension BigInteger: Equatable, Hashable, Comparable {
    public static func == (a: BigInteger, b: BigInteger) -> Bool {
        __gmpz_cmp(a.storage.pointer, b.storage.pointer) == 0
    }

    public static func < (a: BigInteger, b: BigInteger) -> Bool {
        __gmpz_cmp(a.storage.pointer, b.storage.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let p = storage.pointer
        let size = nnid_mpz_limb_count(p)
        hasher.combine(size)
        for i in 0..<Swift.abs(size) { hasher.combine(nnid_mpz_limb(p, i)) }
    }
}

extension BigInteger: SignedNumeric {
    /// Always succeeds: every `BinaryInteger` is an exact `BigInteger`.
    public init?<T: BinaryInteger>(exactly source: T) { self.init(source) }
    public static let zero = BigInteger()
}

extension BigInteger: CustomStringConvertible, LosslessStringConvertible, ExpressibleByIntegerLiteral {
    public var description: String { toString() }
    public init?(_ description: String) { self.init(decimalDigits: Substring(description)) }
    public init(integerLiteral value: Int) { self.init(value) }
}

extension BigInteger {
    public static func + (a: BigInteger, b: BigInteger) -> BigInteger {
        make { __gmpz_add($0, a.storage.pointer, b.storage.pointer) }
    }
    public static func - (a: BigInteger, b: BigInteger) -> BigInteger {
        make { __gmpz_sub($0, a.storage.pointer, b.storage.pointer) }
    }
    public static func * (a: BigInteger, b: BigInteger) -> BigInteger {
        make { __gmpz_mul($0, a.storage.pointer, b.storage.pointer) }
    }
    public static prefix func - (a: BigInteger) -> BigInteger {
        make { __gmpz_neg($0, a.storage.pointer) }
    }
    public static func += (a: inout BigInteger, b: BigInteger) {
        a.makeUnique()
        __gmpz_add(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }
    public static func -= (a: inout BigInteger, b: BigInteger) {
        a.makeUnique()
        __gmpz_sub(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }
    public static func *= (a: inout BigInteger, b: BigInteger) {
        a.makeUnique()
        __gmpz_mul(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }

    /// Exact division; the caller guarantees `divisor` divides `self` and is nonzero.
    public func dividedExactly(by divisor: BigInteger) -> BigInteger {
        precondition(!divisor.isZero, "division by zero")
        return BigInteger.make { __gmpz_divexact($0, storage.pointer, divisor.storage.pointer) }
    }
}
