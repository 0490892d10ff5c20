import Exact
import PropertyBased
import Testing

/// Reading exact numbers: every accepted form means its exact value, and every malformed or
/// hostile literal is rejected with the error that names the problem.
@Suite struct RationalParsingTests {
    @Test(arguments: [
        ("1e-3", Rational(1, 1000)), ("-.5", Rational(-1, 2)), ("5.", Rational(5)), ("+3/4", Rational(3, 4)),
        ("0.1", Rational(1, 10)), ("-0", Rational(0)), ("-0/7", Rational(0)), ("1.5e2", Rational(150)),
        ("1E+2", Rational(100)), ("-12/8", Rational(-3, 2)), ("007", Rational(7)), ("1e0000000000005", Rational(100_000)),
        ("2.5E-1", Rational(1, 4)), ("-1.e1", Rational(-10)), (".125", Rational(1, 8)), ("0/5", Rational(0)),
        ("123456789012345678901234567890", Rational(BigInteger("123456789012345678901234567890")!)),
        ("-0.000001", Rational(-1, 1_000_000)), ("1e-0", Rational(1)), ("10/4", Rational(5, 2)),
    ])
    func acceptedFormsMeanTheirExactValue(text: String, value: Rational) throws {
        #expect(try Rational(parsing: text) == value)
        #expect(Rational(text) == value)
    }

    @Test(arguments: [
        "3/-4", "3/+4", "", "abc", "1e", "e1", ".", "-", "+", "1/", "/2", "1/2/3", "1.2.3", "1e1.5", "--1", "+-1",
        " 1", "1 ", "1\n", "1 /2", "1/ 2", "١", "1_000", "0x10", "inf", "-inf", "nan", "NaN", "1e+", "1e-", ".e5",
        "1/2e3", "1.5/2", "½", "1,5", "1ee5", "e", "/", "1..", "٣/4",
    ])
    func malformedTextIsRejected(text: String) {
        #expect {
            try Rational(parsing: text)
        } throws: { error in
            guard case .malformed(let echoed, _) = error as? ExactError else { return false }
            return echoed == text
        }
        #expect(Rational(text) == nil)
    }

    @Test func zeroDenominatorIsItsOwnError() {
        #expect(throws: ExactError.zeroDenominator) { try Rational(parsing: "1/0") }
        #expect(throws: ExactError.zeroDenominator) { try Rational(parsing: "-0/000") }
    }

    @Test func hostileExponentsAndLengthsAreRefused() throws {
        let limit = RationalParsingLimits.default.maximumExponent
        #expect(throws: ExactError.exponentOutOfRange("1e99999999999", limit: limit)) { try Rational(parsing: "1e99999999999") }
        #expect(throws: ExactError.exponentOutOfRange("1e-10001", limit: limit)) { try Rational(parsing: "1e-10001") }
        #expect(try Rational(parsing: "1e10000") == Rational(BigInteger.power(10, 10000)))
        #expect(try Rational(parsing: "1e-10000") == Rational(BigInteger.power(10, 10000)).reciprocal)
        let long = String(repeating: "1", count: 10_001)
        #expect(throws: ExactError.tooLong(length: 10_001, limit: 10_000)) { try Rational(parsing: long) }
        #expect(try Rational(parsing: String(long.dropFirst())).numerator.bitWidth > 33_000)
        let tight = RationalParsingLimits(maximumLength: 5, maximumExponent: 3)
        #expect(throws: ExactError.tooLong(length: 6, limit: 5)) { try Rational(parsing: "123456", limits: tight) }
        #expect(throws: ExactError.exponentOutOfRange("1e4", limit: 3)) { try Rational(parsing: "1e4", limits: tight) }
        #expect(try Rational(parsing: "1e3", limits: tight) == 1000)
    }

    @Test func errorMessagesNameTheText() {
        #expect(ExactError.malformed("1x", reason: "r").description.contains("\"1x\""))
        #expect(ExactError.exponentOutOfRange("1e99", limit: 10).description.contains("1e99"))
        #expect(ExactError.tooLong(length: 12, limit: 10).description.contains("12"))
        #expect(ExactError.notFinite("nan").description.contains("nan"))
    }

    @Test func descriptionIsLowestTermsWithTheSignInFront() {
        #expect(Rational(-3, 4).description == "-3/4")
        #expect(Rational(3, -4).description == "-3/4")
        #expect(Rational(6, 3).description == "2")
        #expect(Rational(-5).description == "-5")
        #expect(Rational.zero.description == "0")
    }

    @Test func descriptionRoundTrips() async {
        await propertyCheck(input: Gen.any) { x in
            #expect((try? Rational(parsing: x.description)) == x)
        }
    }

    /// m·10^e written as `<m>e<e>` and as a plain decimal means exactly m·10^e.
    @Test func scientificAndPlainDecimalsAreExact() async {
        await propertyCheck(input: Gen<Int>.int(in: -1_000_000...1_000_000), Gen<Int>.int(in: -40...40)) { m, e in
            let scale = Rational(BigInteger.power(10, Swift.abs(e)))
            let expected = e >= 0 ? Rational(m) * scale : Rational(m) / scale
            #expect((try? Rational(parsing: "\(m)e\(e)")) == expected)
            #expect((try? Rational(parsing: "\(m)E\(e >= 0 ? "+" : "")\(e)")) == expected)
            // The same number with the decimal point written out.
            let digits = String(Swift.abs(m))
            let plain: String
            if e >= 0 {
                plain = digits + String(repeating: "0", count: e)
            } else {
                let padded = String(repeating: "0", count: Swift.max(0, -e - digits.count + 1)) + digits
                plain = padded.dropLast(-e) + "." + padded.suffix(-e)
            }
            #expect((try? Rational(parsing: (m < 0 ? "-" : "") + plain)) == expected, "\(plain)")
        }
    }
}
