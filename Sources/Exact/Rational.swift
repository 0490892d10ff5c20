import CGMP

/// Owns one heap-allocated, initialised GMP rational (`mpq_t`), always in canonical form
/// (denominator positive, numerator and denominator coprime).
final class RationalStorage: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<__mpq_struct>

    init() {
        pointer = .allocate(capacity: 1)
        __gmpq_init(pointer)
    }

    convenience init(copying other: RationalStorage) {
        self.init()
        __gmpq_set(pointer, other.pointer)
    }

    deinit {
        __gmpq_clear(pointer)
        pointer.deallocate()
    }
}

/// An exact rational number p/q with value semantics, backed by GMP's `mpq_t`.
///
/// Values are always stored in lowest terms with a positive denominator, so equal numbers have
/// equal representations (which makes hashing and `==` structural). Copies share storage until
/// mutated (copy-on-write).
///
/// Division by zero is a programmer error, as for `Int`: the `/` operator checks its divisor
/// before GMP sees it. Code that divides by user-supplied values uses
/// ``Rational/divided(by:)``, which throws instead.
public struct Rational: Sendable {
    var storage: RationalStorage

    init(storage: RationalStorage) { self.storage = storage }

    @inline(__always)
    static func make(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) -> Rational {
        let s = RationalStorage()
        body(s.pointer)
        return Rational(storage: s)
    }

    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = RationalStorage(copying: storage) }
    }

    /// Zero.
    public init() { storage = RationalStorage() }

    /// The integer `value`.
    public init(_ value: Int) {
        storage = RationalStorage()
        __gmpq_set_si(storage.pointer, value, 1)
    }

    /// The integer `value`, for any `BinaryInteger` (exact).
    public init<T: BinaryInteger>(_ value: T) {
        self.init(BigInteger(value))
    }

    /// The integer `value`.
    public init(_ value: BigInteger) {
        storage = RationalStorage()
        __gmpq_set_z(storage.pointer, value.storage.pointer)
    }

    /// `numerator / denominator` for a nonzero literal denominator (a programmer's constant).
    /// For values that come from input, use ``init(numerator:denominator:)``, which throws.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator != 0, "zero denominator")
        storage = RationalStorage()
        let n = BigInteger(numerator), d = BigInteger(denominator)
        __gmpz_set(nnid_mpq_numref(storage.pointer), n.storage.pointer)
        __gmpz_set(nnid_mpq_denref(storage.pointer), d.storage.pointer)
        __gmpq_canonicalize(storage.pointer)
    }

    /// `numerator / denominator`, reduced to lowest terms.
    /// - Throws: ``ExactError/zeroDenominator`` when `denominator` is zero.
    public init(numerator: BigInteger, denominator: BigInteger) throws(ExactError) {
        guard !denominator.isZero else { throw .zeroDenominator }
        storage = RationalStorage()
        __gmpz_set(nnid_mpq_numref(storage.pointer), numerator.storage.pointer)
        __gmpz_set(nnid_mpq_denref(storage.pointer), denominator.storage.pointer)
        __gmpq_canonicalize(storage.pointer)
    }

    public static let zero = Rational()
    public static let one = Rational(1)

    /// The numerator of the reduced fraction (carries the sign).
    public var numerator: BigInteger {
        BigInteger.make { __gmpz_set($0, nnid_mpq_numref(storage.pointer)) }
    }

    /// The denominator of the reduced fraction (always positive).
    public var denominator: BigInteger {
        BigInteger.make { __gmpz_set($0, nnid_mpq_denref(storage.pointer)) }
    }

    /// The sign: −1, 0 or 1.
    public var signum: Int { Int(nnid_mpq_sgn(storage.pointer)) }
    public var isZero: Bool { signum == 0 }
    public var isInteger: Bool { __gmpz_cmp_si(nnid_mpq_denref(storage.pointer), 1) == 0 }
    public var isOne: Bool { __gmpq_cmp_si(storage.pointer, 1, 1) == 0 }

    /// |self|.
    public var magnitude: Rational { Rational.make { __gmpq_abs($0, storage.pointer) } }

    /// 1/self, or `nil` for zero.
    public var reciprocal: Rational? {
        isZero ? nil : Rational.make { __gmpq_inv($0, storage.pointer) }
    }

    /// Bits in numerator plus bits in denominator: a measure of how large the value is to store.
    public var bitSize: Int {
        Int(__gmpz_sizeinbase(nnid_mpq_numref(storage.pointer), 2) + __gmpz_sizeinbase(nnid_mpq_denref(storage.pointer), 2))
    }

    /// The residue of this value modulo the prime `p`, or `nil` when `p` divides the denominator.
    public func residue(modulo p: UInt) -> UInt? {
        precondition(p >= 2, "the modulus must be a prime")
        let den = __gmpz_fdiv_ui(nnid_mpq_denref(storage.pointer), p)
        guard den != 0 else { return nil }
        let num = __gmpz_fdiv_ui(nnid_mpq_numref(storage.pointer), p)
        return Modular.multiply(num, Modular.inverse(den, p), p)
    }
}

extension Rational: Equatable, Hashable, Comparable {
    public static func == (a: Rational, b: Rational) -> Bool {
        a.storage === b.storage || __gmpq_equal(a.storage.pointer, b.storage.pointer) != 0
    }

    public static func < (a: Rational, b: Rational) -> Bool {
        __gmpq_cmp(a.storage.pointer, b.storage.pointer) < 0
    }

    public func hash(into hasher: inout Hasher) {
        let p = storage.pointer
        for z in [nnid_mpq_numref(p), nnid_mpq_denref(p)] {
            let size = nnid_mpz_limb_count(z)
            hasher.combine(size)
            for i in 0..<Swift.abs(size) { hasher.combine(nnid_mpz_limb(z, i)) }
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

extension Rational {
    public static func + (a: Rational, b: Rational) -> Rational {
        make { __gmpq_add($0, a.storage.pointer, b.storage.pointer) }
    }
    public static func - (a: Rational, b: Rational) -> Rational {
        make { __gmpq_sub($0, a.storage.pointer, b.storage.pointer) }
    }
    public static func * (a: Rational, b: Rational) -> Rational {
        make { __gmpq_mul($0, a.storage.pointer, b.storage.pointer) }
    }
    /// Exact quotient. The divisor must be nonzero (a programmer error otherwise, as for `Int`).
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "division by zero")
        return make { __gmpq_div($0, a.storage.pointer, b.storage.pointer) }
    }
    public static prefix func - (a: Rational) -> Rational {
        make { __gmpq_neg($0, a.storage.pointer) }
    }
    public static func += (a: inout Rational, b: Rational) {
        a.makeUnique()
        __gmpq_add(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }
    public static func -= (a: inout Rational, b: Rational) {
        a.makeUnique()
        __gmpq_sub(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }
    public static func *= (a: inout Rational, b: Rational) {
        a.makeUnique()
        __gmpq_mul(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }
    /// Exact quotient in place. The divisor must be nonzero (a programmer error otherwise).
    public static func /= (a: inout Rational, b: Rational) {
        precondition(!b.isZero, "division by zero")
        a.makeUnique()
        __gmpq_div(a.storage.pointer, a.storage.pointer, b.storage.pointer)
    }

    /// `self += x · y`. The product lives in a stack-allocated GMP temporary, so no Swift object
    /// is created for it.
    public mutating func addProduct(_ x: Rational, _ y: Rational) {
        makeUnique()
        let target = storage.pointer
        withUnsafeTemporaryAllocation(of: __mpq_struct.self, capacity: 1) { buffer in
            let t = buffer.baseAddress!
            __gmpq_init(t)
            __gmpq_mul(t, x.storage.pointer, y.storage.pointer)
            __gmpq_add(target, target, t)
            __gmpq_clear(t)
        }
    }

    /// Exact quotient that reports a zero divisor instead of trapping.
    public func divided(by divisor: Rational) throws(ExactError) -> Rational {
        guard !divisor.isZero else { throw .divisionByZero }
        return self / divisor
    }

    /// `self · 2^exponent` (exact, for any integer exponent).
    public func timesPowerOfTwo(_ exponent: Int) -> Rational {
        if exponent >= 0 { return Rational.make { __gmpq_mul_2exp($0, storage.pointer, mp_bitcnt_t(exponent)) } }
        return Rational.make { __gmpq_div_2exp($0, storage.pointer, mp_bitcnt_t(-exponent)) }
    }

    /// `⌊self⌋`.
    public var floor: BigInteger {
        BigInteger.make { __gmpz_fdiv_q($0, nnid_mpq_numref(storage.pointer), nnid_mpq_denref(storage.pointer)) }
    }
}

/// Errors from exact arithmetic and from reading exact numbers.
public enum ExactError: Error, Equatable, Sendable, CustomStringConvertible {
    case zeroDenominator
    case divisionByZero
    case notFinite(String)
    case malformed(String, reason: String)
    case tooLong(length: Int, limit: Int)
    case exponentOutOfRange(String, limit: Int)

    public var description: String {
        switch self {
        case .zeroDenominator: return "zero denominator"
        case .divisionByZero: return "division by zero"
        case .notFinite(let what): return "\(what) is not a finite number"
        case .malformed(let text, let reason): return "\"\(text)\" is not an exact number: \(reason)"
        case .tooLong(let length, let limit):
            return "number literal has \(length) characters; the limit is \(limit)"
        case .exponentOutOfRange(let text, let limit):
            return "\"\(text)\" has an exponent outside ±\(limit)"
        }
    }
}
