import Exact
import PropertyBased
import Testing

/// ℚ is a field, `Rational` is a value type, and the derived operations agree with the definitions.
@Suite struct RationalArithmeticTests {
    @Test func additionAndMultiplicationAreAssociativeAndCommutative() async {
        await propertyCheck(input: Gen.any, Gen.any, Gen.any) { a, b, c in
            #expect((a + b) + c == a + (b + c))
            #expect((a * b) * c == a * (b * c))
            #expect(a + b == b + a)
            #expect(a * b == b * a)
        }
    }

    @Test func multiplicationDistributesOverAddition() async {
        await propertyCheck(input: Gen.any, Gen.any, Gen.any) { a, b, c in
            #expect(a * (b + c) == a * b + a * c)
            #expect((a - b) * c == a * c - b * c)
        }
    }

    @Test func identitiesAndInverses() async {
        await propertyCheck(input: Gen.any) { a in
            #expect(a + .zero == a && a * .one == a && a * .zero == .zero)
            #expect(a + (-a) == .zero && a - a == .zero)
            if let r = a.reciprocal {
                #expect(a * r == .one)
                #expect(r.reciprocal == a)
                #expect((try? a.divided(by: a)) == .one)
                #expect(Rational.one / a == r)
            } else {
                #expect(a.isZero)
            }
        }
    }

    @Test func valuesAreInLowestTermsWithPositiveDenominator() async throws {
        await propertyCheck(input: Gen.large, Gen.large) { a, b in
            let x = a * b + a
            #expect(x.denominator.signum == 1)
            #expect(BigInteger.gcd(x.numerator, x.denominator) == 1)
            #expect((try? Rational(numerator: x.numerator, denominator: x.denominator)) == x)
        }
        let x = try Rational(numerator: 6, denominator: -4)
        #expect(x.numerator == -3 && x.denominator == 2 && x == Rational(-3, 2))
        #expect(throws: ExactError.zeroDenominator) { try Rational(numerator: 1, denominator: 0) }
        #expect(throws: ExactError.divisionByZero) { try Rational(1).divided(by: .zero) }
    }

    @Test func mutatingACopyNeverChangesTheOriginal() {
        let original = Rational(-7, 3)
        var copy = original
        copy += 1
        #expect(original == Rational(-7, 3) && copy == Rational(-4, 3))
        copy = original; copy -= 1
        #expect(original == Rational(-7, 3))
        copy = original; copy *= 2
        #expect(original == Rational(-7, 3))
        copy = original; copy /= 2
        #expect(original == Rational(-7, 3) && copy == Rational(-7, 6))
        copy = original; copy.addProduct(2, 3)
        #expect(original == Rational(-7, 3) && copy == Rational(11, 3))
        var array = [original, original]
        array[0] += 1
        #expect(array[1] == original && original == Rational(-7, 3))
    }

    @Test func aliasedOperandsDoNotTrap() async {
        await propertyCheck(input: Gen.any) { a in
            var x = a
            x += x
            #expect(x == a * 2)
            x = a; x *= x
            #expect(x == a * a)
            x = a; x -= x
            #expect(x.isZero)
            x = a; x.addProduct(x, x)
            #expect(x == a + a * a)
            if !a.isZero {
                x = a; x /= x
                #expect(x == .one)
            }
        }
    }

    @Test func hashingAgreesWithEquality() async {
        await propertyCheck(input: Gen.any, Gen.any) { a, b in
            let again = (a + b) - b
            #expect(again == a && again.hashValue == a.hashValue)
            #expect(Set([a, again, -(-a)]).count == 1)
        }
        #expect(Rational(2, 4).hashValue == Rational(1, 2).hashValue)
        #expect(Rational(-2, -4) == Rational(1, 2))
    }

    @Test func orderIsTheOrderOfQ() async {
        await propertyCheck(input: Gen.any, Gen.any) { a, b in
            #expect((a < b) == ((b - a).signum > 0))
            #expect((a <= b) == !(b < a))
            #expect(min(a, b) <= max(a, b))
            #expect(abs(a) == a.magnitude && abs(a) >= .zero)
            #expect(Rational(a.floor) <= a && a < Rational(a.floor) + 1)
        }
        #expect([Rational(1, 2), Rational(-3, 4), Rational(1, 3)].sorted() == [Rational(-3, 4), Rational(1, 3), Rational(1, 2)])
        #expect(Rational(-3, 2).floor == -2 && Rational(3, 2).floor == 1 && Rational(-4).floor == -4)
    }

    @Test func integerConversionsAndSmallQueries() {
        #expect(Rational(Int128.max).numerator == BigInteger(Int128.max))
        #expect(Rational(exactly: UInt8(200)) == Rational(200))
        #expect(Rational(UInt64.max).description == "18446744073709551615")
        #expect(Rational(3).isInteger && !Rational(3, 2).isInteger && Rational(4, 4).isOne)
        #expect(Rational(3, 4).timesPowerOfTwo(3) == 6 && Rational(3).timesPowerOfTwo(-2) == Rational(3, 4))
        #expect(Rational(5, 8).bitSize == 3 + 4)
        #expect(Rational.zero.reciprocal == nil && Rational(-2, 3).reciprocal == Rational(-3, 2))
        #expect(Rational(-2, 3).signum == -1 && Rational.zero.signum == 0 && Rational.zero.isZero)
        let sum = [Rational(1, 2), Rational(1, 3), Rational(1, 6)].reduce(.zero, +)
        #expect(sum == .one)
    }

    @Test func valuesCrossTasksSafely() async {
        let shared = Rational(UInt128.max) / Rational(3)
        let results = await withTaskGroup(of: Rational.self) { group in
            for k in 1...8 {
                group.addTask {
                    var local = shared  // shares storage until mutated
                    for _ in 0..<100 { local += Rational(k) }
                    return local - shared
                }
            }
            var out: [Rational] = []
            for await r in group { out.append(r) }
            return out
        }
        #expect(Set(results) == Set((1...8).map { Rational(100 * $0) }))
        #expect(shared == Rational(UInt128.max) / Rational(3))
    }
}
