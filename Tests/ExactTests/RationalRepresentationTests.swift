import CGMP
@testable import Exact
import PropertyBased
import Testing

/// A reduced fraction n/d (d > 0) computed with ``BigInteger`` arithmetic only: the reference
/// against which `Rational`'s two forms (inline 64-bit and GMP) and the switch between them
/// are checked.
struct Fraction: Equatable, CustomStringConvertible {
    let n: BigInteger
    let d: BigInteger

    init(_ numerator: BigInteger, _ denominator: BigInteger) {
        precondition(!denominator.isZero)
        let sign = denominator.signum < 0 ? BigInteger(-1) : BigInteger(1)
        let g = BigInteger.gcd(numerator, denominator)  // gcd(0, d) = |d|
        n = (numerator * sign).dividedExactly(by: g)
        d = (denominator * sign).dividedExactly(by: g)
    }

    static func + (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d + b.n * a.d, a.d * b.d) }
    static func - (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d - b.n * a.d, a.d * b.d) }
    static func * (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.n, a.d * b.d) }
    static func / (a: Fraction, b: Fraction) -> Fraction { Fraction(a.n * b.d, a.d * b.n) }
    static func < (a: Fraction, b: Fraction) -> Bool { a.n * b.d < b.n * a.d }

    var description: String { d == 1 ? n.description : "\(n)/\(d)" }

    /// Whether the value has the small form: |n| ≤ 2⁶³ − 1 and d ≤ 2⁶³ − 1.
    var fitsSmall: Bool {
        let limit = BigInteger(Int.max)
        return n.magnitude <= limit && d <= limit
    }

    /// ⌊n/d⌋ from truncating division.
    var floor: BigInteger {
        guard let (q, r) = n.quotientAndRemainder(dividingBy: d) else { return 0 }
        return r.signum < 0 ? q - 1 : q
    }

    /// n · d⁻¹ mod p, or `nil` when p divides d.
    func residue(modulo p: UInt) -> UInt? {
        let den = d.remainder(modulo: p)
        guard den != 0 else { return nil }
        return Modular.multiply(n.remainder(modulo: p), Modular.inverse(den, p), p)
    }

    /// Whether `r` holds exactly this value.
    func matches(_ r: Rational) -> Bool { r.numerator == n && r.denominator == d }
}

/// Integers that straddle the 64-bit boundary: near 2⁶³ (just inside and just outside the small
/// range), near 2⁶² and 2³² (products that overflow), near 2⁶⁴ and 2¹²⁸, random widths, and
/// powers of two (dyadic denominators).
func boundaryInteger(kind: Int, bits: UInt64, offset: Int, negative: Bool) -> BigInteger {
    let magnitude: BigInteger
    switch kind {
    case 0: magnitude = BigInteger.powerOfTwo(63) + BigInteger(offset)
    case 1: magnitude = BigInteger.powerOfTwo(62) + BigInteger(offset)
    case 2: magnitude = BigInteger.powerOfTwo(32) + BigInteger(offset)
    case 3: magnitude = BigInteger.powerOfTwo(64) + BigInteger(offset)
    case 4: magnitude = BigInteger.powerOfTwo(Int(bits % 130))
    case 5: magnitude = BigInteger(bits >> (bits % 64))
    case 6: magnitude = BigInteger(bits) * BigInteger(bits >> 40 | 1)
    default: magnitude = BigInteger(bits % 1000)
    }
    return negative ? -magnitude : magnitude
}

extension Gen where Value == Fraction {
    /// n/d with n, d from ``boundaryInteger(kind:bits:offset:negative:)`` (d ≠ 0).
    static var boundary: Generator<Fraction, some SendableSequenceType> {
        zip(Gen<Int>.int(in: 0...7), Gen<UInt64>.uint64(), Gen<Int>.int(in: -3...3), Gen<Bool>.bool(),
            Gen<Int>.int(in: 0...7), Gen<UInt64>.uint64(), Gen<Int>.int(in: -3...3))
            .map { kn, bn, on, negative, kd, bd, od in
                let d = boundaryInteger(kind: kd, bits: bd, offset: od, negative: false)
                return Fraction(boundaryInteger(kind: kn, bits: bn, offset: on, negative: negative), d.isZero ? 1 : d)
            }
    }
}

@Suite struct RationalRepresentationTests {
    /// The value of `f` as a `Rational`, built from its BigInteger numerator and denominator.
    static func rational(_ f: Fraction) -> Rational {
        (try? Rational(numerator: f.n, denominator: f.d)) ?? .zero
    }

    /// Canonical form: the value is stored small exactly when it fits, and holds f.
    static func expectCanonical(_ r: Rational, _ f: Fraction, _ what: String) {
        #expect(f.matches(r), "\(what): \(r) ≠ \(f)")
        #expect(r.isSmall == f.fitsSmall, "\(what): \(f) stored \(r.isSmall ? "small" : "big")")
    }

    @Test func constructionIsCanonical() async {
        await propertyCheck(count: 300, input: Gen.boundary) { f in
            Self.expectCanonical(Self.rational(f), f, "init")
            #expect(Rational(f.description) == Self.rational(f))
        }
        #expect(Rational(Int.max).isSmall && !Rational(Int.min).isSmall)
        #expect(Rational(Int.min).numerator == BigInteger(Int.min))
        #expect(Rational(1, Int.max).isSmall && !Rational(1, Int.min).isSmall)
        #expect(Rational(1, Int.min) == -Rational(BigInteger.powerOfTwo(63)).reciprocal!)
        #expect(Rational(Int.min, Int.min) == .one && Rational(Int.min, Int.min).isSmall)
        #expect(Rational(Int.min, 2).isSmall && Rational(Int.min, 2) == Rational(-(1 << 62)))
    }

    @Test func arithmeticMatchesBigIntegerReference() async {
        await propertyCheck(count: 300, input: Gen.boundary, Gen.boundary) { f, g in
            let a = Self.rational(f), b = Self.rational(g)
            Self.expectCanonical(a + b, f + g, "\(f) + \(g)")
            Self.expectCanonical(a - b, f - g, "\(f) − \(g)")
            Self.expectCanonical(a * b, f * g, "\(f) · \(g)")
            Self.expectCanonical(-a, Fraction(-f.n, f.d), "−\(f)")
            Self.expectCanonical(a.magnitude, Fraction(f.n.magnitude, f.d), "|\(f)|")
            if !g.n.isZero {
                Self.expectCanonical(a / b, f / g, "\(f) / \(g)")
                Self.expectCanonical(b.reciprocal ?? .zero, Fraction(g.d, g.n), "1/\(g)")
            } else {
                #expect(b.reciprocal == nil)
            }
            var c = a
            c += b
            Self.expectCanonical(c, f + g, "+=")
            c = a
            c -= b
            Self.expectCanonical(c, f - g, "−=")
            c = a
            c *= b
            Self.expectCanonical(c, f * g, "·=")
            c = b
            c.addProduct(a, b)
            Self.expectCanonical(c, g + f * g, "addProduct")
            c = a
            c.addProduct(a, b)
            Self.expectCanonical(c, f + f * g, "addProduct aliasing")
        }
    }

    /// Sums and products whose intermediates leave the small range and come back into it.
    @Test func resultsThatShrinkAreDemoted() async {
        await propertyCheck(count: 300, input: Gen.boundary, Gen.boundary) { f, g in
            let a = Self.rational(f), b = Self.rational(g)
            Self.expectCanonical((a + b) - b, f, "(a + b) − b")
            if !g.n.isZero { Self.expectCanonical((a * b) / b, f, "(a · b) / b") }
            var c = a
            c += b
            c -= b
            Self.expectCanonical(c, f, "a += b; a −= b")
            c.addProduct(b, b)
            c.addProduct(-b, b)
            Self.expectCanonical(c, f, "a + b² − b²")
        }
        let big = Rational(BigInteger.powerOfTwo(64) + 1)
        #expect(!big.isSmall && (big - big).isSmall && (big - big) == .zero)
        #expect((big / big).isSmall && (big / big).isOne)
        #expect(Rational(Int64.max) + 1 == Rational(BigInteger.powerOfTwo(63)))
        #expect(!(Rational(Int64.max) + 1).isSmall && (Rational(Int64.max) + 1 - 1).isSmall)
    }

    @Test func comparisonAndHashingAgreeWithTheValue() async {
        await propertyCheck(count: 300, input: Gen.boundary, Gen.boundary) { f, g in
            let a = Self.rational(f), b = Self.rational(g)
            #expect((a < b) == (f < g) && (b < a) == (g < f))
            #expect((a == b) == (f == g))
            // The same value reached by a different route (through the big form when a + b is
            // big) hashes and compares equal.
            let roundTrip = (a + b) - b
            #expect(roundTrip == a && roundTrip.hashValue == a.hashValue)
            let scaled = (a * 3) / 3
            #expect(scaled == a && scaled.hashValue == a.hashValue)
            #expect(Set([a, roundTrip, scaled]).count == 1)
        }
    }

    @Test func textRoundTripsAndDecimalsParseExactly() async {
        await propertyCheck(count: 300, input: Gen.boundary, Gen<UInt64>.uint64(), Gen<Int>.int(in: -25...25), Gen<Bool>.bool()) { f, digits, exponent, negative in
            let a = Self.rational(f)
            #expect(a.description == f.description)
            #expect(Rational(a.description) == a)
            // A decimal with up to 20 digits and an exponent: its value is digits · 10^scale.
            let text = (negative ? "-" : "") + String(digits >> (digits % 64)) + "e\(exponent)"
            let mantissa = BigInteger(digits >> (digits % 64)) * (negative ? -1 : 1)
            let power = BigInteger.power(10, abs(exponent))
            let reference = exponent >= 0 ? Fraction(mantissa * power, 1) : Fraction(mantissa, power)
            let parsed = try Rational(parsing: text)
            Self.expectCanonical(parsed, reference, text)
            let dotted = (negative ? "-" : "") + "0." + String(digits)
            Self.expectCanonical(try Rational(parsing: dotted),
                                 Fraction(BigInteger(digits) * (negative ? -1 : 1), BigInteger.power(10, String(digits).count)), dotted)
        }
    }

    @Test func floorResidueAndBitSizeMatchTheReference() async {
        await propertyCheck(count: 300, input: Gen.boundary) { f in
            let a = Self.rational(f)
            #expect(a.floor == f.floor)
            for p in Modular.primes.prefix(2) + [2, 3, 4_294_967_291] {
                #expect(a.residue(modulo: p) == f.residue(modulo: p))
            }
            #expect(a.bitSize == max(f.n.bitWidth, 1) + f.d.bitWidth)
            #expect(a.signum == f.n.signum && a.isInteger == (f.d == 1) && a.isZero == f.n.isZero)
        }
    }

    /// The small-form float path against the BigInteger one, for every format, on boundary
    /// values and on random dyadics.
    @Test func floatConversionMatchesTheReference() async {
        let formats: [BinaryFloatFormat] = [.float64, .float32, .float16, .bfloat16,
                                            BinaryFloatFormat(name: "e2m61", exponentBits: 2, significandBits: 61),
                                            BinaryFloatFormat(name: "e11m52", exponentBits: 11, significandBits: 52)]
        await propertyCheck(count: 300, input: Gen.boundary) { f in
            let a = Self.rational(f)
            for format in formats {
                let r = a.rounded(to: format), reference = a.roundedThroughBigIntegers(to: format)
                #expect(r == reference, "\(f) to \(format)")
            }
            #expect(a.doubleValue.bitPattern == a.roundedThroughBigIntegers(to: .float64).bits || a.doubleValue == 0)
        }
        await propertyCheck(count: 300, input: Gen<UInt32>.uint32()) { bits in
            guard let x = try? Rational(bits: UInt64(bits), format: .float32) else { return }
            let f = Float(bitPattern: bits)
            // Reference: ±(integer significand) · 2^(exponent − 23) by BigInteger arithmetic.
            let e = Int(f.exponentBitPattern), m = BigInteger(UInt64(f.significandBitPattern))
            let integer = e == 0 ? m : m + BigInteger.powerOfTwo(23)
            let shift = (e == 0 ? 1 : e) - 150
            let signed = f.sign == .minus ? -integer : integer
            let reference = shift >= 0 ? Fraction(signed * BigInteger.powerOfTwo(shift), 1)
                                       : Fraction(signed, BigInteger.powerOfTwo(-shift))
            Self.expectCanonical(x, reference, "float32 \(f)")
            #expect(x.rounded(to: .float32) == x.roundedThroughBigIntegers(to: .float32))
            #expect(x.doubleValue == Double(f))
        }
    }

    @Test func timesPowerOfTwoMatchesTheReference() async {
        await propertyCheck(count: 300, input: Gen.boundary, Gen<Int>.int(in: -130...130)) { f, k in
            let a = Self.rational(f)
            let reference = k >= 0 ? Fraction(f.n * BigInteger.powerOfTwo(k), f.d) : Fraction(f.n, f.d * BigInteger.powerOfTwo(-k))
            Self.expectCanonical(a.timesPowerOfTwo(k), reference, "\(f) · 2^\(k)")
        }
    }

    /// The GMP view of a small value is the value, and values copied out of GMP are canonical.
    @Test func gmpAccessRoundTrips() async {
        await propertyCheck(count: 300, input: Gen.boundary) { f in
            let a = Self.rational(f)
            let copy = a.withUnsafeGMPValue { Rational(copyingGMPValue: $0) }
            Self.expectCanonical(copy, f, "copyingGMPValue")
            let parts = a.withUnsafeGMPValue { q in
                Rational(gmpNumerator: nnid_mpq_numref_const(q), denominator: nnid_mpq_denref_const(q))
            }
            Self.expectCanonical(parts ?? .zero, f, "gmpNumerator")
            if let (p, q) = a.smallParts {
                #expect(f.n == BigInteger(Int(p)) && f.d == BigInteger(Int(q)))
            } else {
                #expect(!f.fitsSmall)
            }
        }
    }

    @Test func copiesOfBigValuesAreIndependent() {
        let original = Rational(BigInteger.powerOfTwo(100) + 1)
        var copy = original
        copy += 1
        copy.addProduct(original, original)
        #expect(original == Rational(BigInteger.powerOfTwo(100) + 1))
        var x = original
        x += x
        #expect(x == original * 2 && original == Rational(BigInteger.powerOfTwo(100) + 1))
    }

    @Test func smallValuesAreInline() throws {
        #expect(MemoryLayout<Rational>.size <= 24)
        let tenth = try Rational(exactly: Float(0.1)), tiny = try Rational(exactly: 1e-300)
        #expect(tenth.isSmall)
        #expect(try Rational(exactly: 0.1).isSmall)  // 3602879701896397 / 2^55
        #expect(!tiny.isSmall)
    }
}
