import Exact
import PropertyBased
import Testing

/// IEEE 754 ↔ ℚ: import is exact for every finite bit pattern of every format; export rounds to
/// nearest, ties to even, with gradual underflow and overflow to ±∞, exactly as IEEE 754 says.
@Suite struct RationalFloatingPointTests {
    static let formats: [BinaryFloatFormat] = [.float64, .float32, .float16, .bfloat16]

    /// The exact value of a `Double`, derived independently of `Rational(bits:format:)` from
    /// `significandBitPattern` and `exponentBitPattern`.
    static func reference(_ d: Double) -> Rational {
        let e = Int(d.exponentBitPattern), f = BigInteger(d.significandBitPattern)
        let integer = e == 0 ? f : f + BigInteger.powerOfTwo(52)
        let magnitude = Rational(integer).timesPowerOfTwo((e == 0 ? 1 : e) - 1075)
        return d.sign == .minus ? -magnitude : magnitude
    }

    @Test func float64ImportIsExactAndRoundTrips() async {
        await propertyCheck(count: 1000, input: Gen<UInt64>.uint64()) { bits in
            let d = Double(bitPattern: bits)
            guard d.isFinite else {
                #expect(throws: ExactError.self) { try Rational(bits: bits, format: .float64) }
                return
            }
            let x = try Rational(exactly: d)
            #expect(x == Self.reference(d))
            #expect(x.doubleValue == d)
            #expect(x.exactDouble == d)
            let r = x.rounded(to: .float64)
            #expect(r.exact && r.bits == (d == 0 ? 0 : bits))  // −0 reads as 0, which writes as +0
        }
    }

    @Test func float32ImportIsExactAndRoundTrips() async {
        await propertyCheck(count: 1000, input: Gen<UInt32>.uint32()) { bits in
            let f = Float(bitPattern: bits)
            guard f.isFinite else {
                #expect(throws: ExactError.self) { try Rational(bits: UInt64(bits), format: .float32) }
                return
            }
            let x = try Rational(bits: UInt64(bits), format: .float32)
            #expect(x == Self.reference(Double(f)))  // Float → Double is exact
            #expect(try Rational(exactly: f) == x)
            let r = x.rounded(to: .float32)
            #expect(r.exact && r.bits == (f == 0 ? 0 : UInt64(bits)))
        }
    }

    /// All 65,536 bit patterns of each 16-bit format.
    @Test func sixteenBitFormatsExhaustively() throws {
        for bits in 0...UInt16.max {
            let half = Double(Float16(bitPattern: bits))
            let brain = Double(Float(bitPattern: UInt32(bits) << 16))  // bfloat16 is float32's top half
            for (format, value) in [(BinaryFloatFormat.float16, half), (.bfloat16, brain)] {
                if value.isFinite {
                    let x = try Rational(bits: UInt64(bits), format: format)
                    #expect(x == Self.reference(value))
                    let r = x.rounded(to: format)
                    #expect(r.exact && r.bits == (value == 0 ? 0 : UInt64(bits)))
                } else {
                    #expect(throws: ExactError.self) { try Rational(bits: UInt64(bits), format: format) }
                }
            }
        }
    }

    @Test func notFiniteValuesAreRefused() {
        for value in [Double.nan, .infinity, -.infinity, .signalingNaN] {
            #expect { try Rational(exactly: value) } throws: { error in
                if case .notFinite = error as? ExactError { return true } else { return false }
            }
        }
        #expect(throws: ExactError.self) { try Rational(exactly: Float.nan) }
        #expect(throws: ExactError.self) { try Rational(exactly: -Float.infinity) }
        #expect(throws: ExactError.self) { try Rational(bits: 0x7C00, format: .float16) }
        #expect(throws: ExactError.self) { try Rational(bits: 0xFF81, format: .bfloat16) }
    }

    @Test func extremesOfEachFormat() throws {
        let cases: [(BinaryFloatFormat, maxFinite: Rational, minSubnormal: Rational)] = [
            (.float64, Rational(BigInteger.powerOfTwo(53) - 1).timesPowerOfTwo(971), Rational(1).timesPowerOfTwo(-1074)),
            (.float32, Rational(BigInteger.powerOfTwo(24) - 1).timesPowerOfTwo(104), Rational(1).timesPowerOfTwo(-149)),
            (.float16, Rational(65504), Rational(1).timesPowerOfTwo(-24)),
            (.bfloat16, Rational(255).timesPowerOfTwo(120), Rational(1).timesPowerOfTwo(-133)),
        ]
        for (format, maxFinite, minSubnormal) in cases {
            let width = 1 + format.exponentBits + format.significandBits
            let signBit: UInt64 = 1 << UInt64(width - 1)
            let infinity: UInt64 = ((1 << UInt64(format.exponentBits)) - 1) << UInt64(format.significandBits)
            let maxBits = infinity - 1
            #expect(try Rational(bits: maxBits, format: format) == maxFinite)
            #expect(try Rational(bits: maxBits | signBit, format: format) == -maxFinite)
            #expect(try Rational(bits: 1, format: format) == minSubnormal)
            #expect(try Rational(bits: signBit, format: format) == .zero)  // −0
            #expect(try Rational(bits: 0, format: format) == .zero)
            // Higher bits than the format's width are ignored.
            if width < 64 { #expect(try Rational(bits: 1 | (1 << 63), format: format) == minSubnormal) }

            let halfUlpAtMax = (maxFinite - (try Rational(bits: maxBits - 1, format: format))) / 2
            // Overflow threshold: max + ½ulp is a tie with 2^(emax+1), whose "even" side is ∞.
            #expect((maxFinite + halfUlpAtMax).rounded(to: format) == (infinity, false))
            #expect((-(maxFinite + halfUlpAtMax)).rounded(to: format) == (infinity | signBit, false))
            #expect((maxFinite + halfUlpAtMax - minSubnormal).rounded(to: format) == (maxBits, false))
            #expect((maxFinite * maxFinite).rounded(to: format) == (infinity, false))
            // Underflow: ½ minSubnormal is a tie between 0 (even) and minSubnormal.
            #expect((minSubnormal / 2).rounded(to: format) == (0, false))
            #expect((-minSubnormal / 2).rounded(to: format) == (signBit, false))
            #expect((minSubnormal * Rational(1, 2) + minSubnormal.timesPowerOfTwo(-40)).rounded(to: format) == (1, false))
            #expect((minSubnormal * Rational(3, 2)).rounded(to: format) == (2, false))  // tie → even
            #expect((minSubnormal * Rational(5, 2)).rounded(to: format) == (2, false))
            // Carry from the largest subnormal into the smallest normal number.
            let largestSubnormal = minSubnormal * Rational(BigInteger.powerOfTwo(format.significandBits) - 1)
            let smallestNormalBits: UInt64 = 1 << UInt64(format.significandBits)
            #expect((largestSubnormal + minSubnormal / 2).rounded(to: format) == (smallestNormalBits, false))
            // Carry into the exponent: just below 1 rounds up to 1.
            let oneBits = UInt64((1 << (format.exponentBits - 1)) - 1) << UInt64(format.significandBits)
            let ulpBelowOne = Rational(1).timesPowerOfTwo(-format.significandBits - 1)
            #expect((1 - ulpBelowOne / 2).rounded(to: format) == (oneBits, false))
            #expect((1 - ulpBelowOne).rounded(to: format) == (oneBits - 1, true))
        }
    }

    /// For a random rational x and its rounding r: no value of the format is nearer to x, and
    /// a tie went to the even significand.
    @Test func roundingIsToNearestEven() async {
        await propertyCheck(count: 400, input: Gen.large, Gen<Int>.int(in: -1200...1100), Gen<Int>.int(in: 0...3)) { x0, shift, k in
            let format = Self.formats[k]
            let x = x0.timesPowerOfTwo(shift - x0.numerator.bitWidth + x0.denominator.bitWidth)
            let (bits, exact) = x.rounded(to: format)
            let width = UInt64(format.exponentBits + format.significandBits)
            let magnitude = bits & ((1 << width) - 1)
            let infinity: UInt64 = ((1 << UInt64(format.exponentBits)) - 1) << UInt64(format.significandBits)
            let sign = x.signum < 0 ? Rational(-1) : Rational(1)
            func value(_ m: UInt64) -> Rational { sign * ((try? Rational(bits: m, format: format)) ?? .zero) }
            #expect(x.isZero || (bits >> width == 1) == (x.signum < 0))
            if magnitude == infinity {
                let maxFinite = value(infinity - 1), below = value(infinity - 2)
                #expect(abs(x) >= abs(maxFinite) + (abs(maxFinite) - abs(below)) / 2)
                return
            }
            let v = value(magnitude)
            #expect(exact == (v == x))
            let d = abs(x - v)
            if magnitude > 0 {
                let lower = abs(x - value(magnitude - 1))
                #expect(d < lower || (d == lower && magnitude & 1 == 0))
            }
            if magnitude + 1 < infinity {
                let upper = abs(x - value(magnitude + 1))
                #expect(d < upper || (d == upper && magnitude & 1 == 0))
            }
        }
    }

    /// `Double(String)` is correctly rounded; so must `Rational(parsing:).doubleValue` be.
    @Test func doubleValueAgreesWithSwiftsDecimalParsing() async {
        let digits = Gen<Int>.int(in: 0...9).array(of: 1...30)
        await propertyCheck(count: 2000, input: digits, Gen<Int>.int(in: 0...30), Gen<Int>.int(in: -345...330), Gen<Bool>.bool) { ds, point, e, negative in
            var text = ds.map(String.init).joined()
            let p = Swift.min(point, text.count)
            text.insert(".", at: text.index(text.startIndex, offsetBy: p))
            text = (negative ? "-" : "") + text + "e\(e)"
            guard let expected = Double(text), let x = try? Rational(parsing: text) else {
                Issue.record("\(text) did not parse")
                return
            }
            #expect(x.doubleValue.bitPattern == expected.bitPattern || (x.isZero && expected == 0), "\(text)")
        }
    }

    /// The fast path of `doubleValue` (small numerator and denominator) agrees with the general
    /// rounding, including at the 2^53 boundary.
    @Test func doubleValueFastPathAgreesWithRounding() async {
        let limit = 1 << 53
        let near = Gen<Int>.int(in: (limit - 4)...(limit + 4))
        await propertyCheck(count: 500, input: Gen<Int>.int(in: -limit...limit), Gen<Int>.int(in: 1...limit), near, Gen<Bool>.bool) { p, q, n, flip in
            for x in [Rational(p, q), Rational(n, q), flip ? Rational(p, n) : Rational(-n, 3)] {
                #expect(x.doubleValue.bitPattern == x.rounded(to: .float64).bits)
            }
        }
        #expect(Rational(1, 3).doubleValue == 1.0 / 3.0 && Rational(1, 3).exactDouble == nil)
        #expect(Rational(-1, 2).exactDouble == -0.5)
    }
}
