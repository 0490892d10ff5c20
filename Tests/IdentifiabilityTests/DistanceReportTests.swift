import Testing
@testable import Canonical
@testable import Identifiability

@Suite struct DistanceReportTests {
    @Test("decimal bounds round to the safe side")
    func decimalSides() {
        #expect(DistanceReport.decimal(Rational(1, 3), up: true) == "3.334e-1")
        #expect(DistanceReport.decimal(Rational(1, 3), up: false) == "3.333e-1")
        #expect(DistanceReport.decimal(Rational(99_996, 10_000), up: true) == "1.000e+1")
        #expect(DistanceReport.decimal(Rational(1000), up: true) == "1.000e+3")
        #expect(DistanceReport.decimal(0, up: true) == "0")
    }

    @Test("bits of precision: the largest k with d ≤ 2⁻ᵏ")
    func bits() {
        let p20 = Rational.one.timesPowerOfTwo(-20)
        #expect(NetworkDistance.bits(p20) == 20)
        #expect(NetworkDistance.bits(3 * Rational.one.timesPowerOfTwo(-22)) == 20)
        #expect(NetworkDistance.bits(p20 + Rational.one.timesPowerOfTwo(-60)) == 19)
        #expect(NetworkDistance.bits(1) == 0)
        #expect(NetworkDistance.bits(3) == -2)
        #expect(NetworkDistance.bits(0) == nil)
    }
}
