import Exact
import PropertyBased
import Testing

/// `BigInteger` against Swift's 128-bit integers, plus value semantics and edge cases.
@Suite struct BigIntegerTests {
    @Test func arithmeticAgreesWithInt128() async {
        await propertyCheck(input: Gen<Int64>.int64(), Gen<Int64>.int64()) { x, y in
            let a = Int128(x), b = Int128(y)
            let ba = BigInteger(a), bb = BigInteger(b)
            #expect(ba + bb == BigInteger(a + b))
            #expect(ba - bb == BigInteger(a - b))
            #expect(ba * bb == BigInteger(a * b))
            #expect(-ba == BigInteger(-a))
            #expect((ba < bb) == (a < b))
            #expect((ba == bb) == (a == b))
            #expect((ba * bb).description == String(a * b))
            if b != 0, let (q, r) = ba.quotientAndRemainder(dividingBy: bb) {
                #expect(q == BigInteger(a / b) && r == BigInteger(a % b))  // truncating, like Int
            }
        }
    }

    @Test func genericIntegerConversionIsExact() {
        #expect(BigInteger(Int128.min).description == String(Int128.min))
        #expect(BigInteger(UInt128.max).description == String(UInt128.max))
        #expect(BigInteger(UInt64.max).description == "18446744073709551615")
        #expect(BigInteger(Int8(-128)) == BigInteger(-128))
        #expect(BigInteger(exactly: UInt128.max) == BigInteger(UInt128.max))
        #expect(BigInteger(Int.max).intValue == Int.max)
        #expect((BigInteger(Int.max) + 1).intValue == nil)
        #expect(BigInteger(Int.min).intValue == Int.min)
        #expect((BigInteger(Int.min) - 1).intValue == nil)
    }

    @Test func decimalTextRoundTripsAndRejectsNonDigits() async {
        await propertyCheck(input: Gen<UInt64>.uint64().array(of: 0...5), Gen<Bool>.bool) { limbs, negative in
            let x = negative ? -bigInteger(limbs: limbs) : bigInteger(limbs: limbs)
            #expect(BigInteger(x.description) == x)
            #expect(BigInteger(decimalDigits: Substring(x.toString(radix: 10))) == x)
        }
        for bad in ["", "-", "+", "1a", " 1", "1 ", "+-1", "0x10", "١٢", "1_000", "1.0"] {
            #expect(BigInteger(bad) == nil, "\(bad)")
        }
        #expect(BigInteger("+12") == 12 && BigInteger("-0") == 0 && BigInteger("007") == 7)
        #expect(BigInteger(255).toString(radix: 16) == "ff" && BigInteger(-5).toString(radix: 2) == "-101")
    }

    @Test func copyOnWriteAndAliasedOperands() {
        let original = BigInteger(UInt128.max)
        var x = original
        x += x  // the same variable on both sides: no exclusivity trap
        #expect(x == BigInteger(UInt128.max) * 2 && original == BigInteger(UInt128.max))
        var y = original
        y *= y
        #expect(y == original * original && original == BigInteger(UInt128.max))
        var z = original
        z -= z
        #expect(z.isZero && original == BigInteger(UInt128.max))
    }

    @Test func hashingAgreesWithEquality() async {
        await propertyCheck(input: Gen<UInt64>.uint64().array(of: 0...4), Gen<UInt64>.uint64().array(of: 0...4)) { p, q in
            let a = bigInteger(limbs: p), b = bigInteger(limbs: q)
            let again = (a + b) - b  // equal value, different storage
            #expect(again == a && again.hashValue == a.hashValue)
            #expect((-a).hashValue == (0 - a).hashValue)
            #expect(Set([a, again, -(-a)]).count == 1)
        }
    }

    @Test func bitsShiftsPowersAndDivisibility() {
        #expect(BigInteger(0).bitWidth == 0 && BigInteger(1).bitWidth == 1 && BigInteger(-255).bitWidth == 8)
        #expect(BigInteger.powerOfTwo(100) == BigInteger.power(2, 100))
        #expect(BigInteger.power(10, 0) == 1 && BigInteger.power(-3, 3) == -27)
        #expect(BigInteger(-3).shifted(by: -1) == -1)  // truncation toward zero, as documented
        #expect(BigInteger(-3).shifted(by: 2) == -12 && BigInteger(7).shifted(by: -1) == 3)
        #expect(BigInteger.gcd(-12, 18) == 6 && BigInteger.lcm(-4, 6) == 12 && BigInteger.gcd(0, 0) == 0)
        #expect(BigInteger(-7).remainder(modulo: 3) == 2)  // in 0..<m for negative values too
        #expect(BigInteger(91).dividedExactly(by: 7) == 13)
        #expect(BigInteger(5).quotientAndRemainder(dividingBy: 0) == nil)
        #expect(BigInteger(-5).magnitude == 5 && abs(BigInteger(-5)) == 5)
        #expect(BigInteger(-5).signum == -1 && BigInteger(0).signum == 0 && BigInteger(9).isOdd && !BigInteger(-8).isOdd)
        #expect([BigInteger(3), -10, 7].max() == 7 && [BigInteger(3), -10, 7].min() == -10)
    }
}
