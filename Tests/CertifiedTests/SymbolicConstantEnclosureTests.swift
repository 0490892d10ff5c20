import Exact
import Networks
import Testing

@testable import Certified

/// c = 3·tanh(1) − 1 with tanh(1) = (e² − 1)/(e² + 1), increasing in e: the bounds
/// 2.718281828 < e < 2.718281829 give proven rational bounds on c.
@Suite struct SymbolicConstantEnclosureTests {
    let c = SymbolicConstant(rational: -1, tanhTerms: [(3, 1)])

    var bounds: (Rational, Rational) {
        func value(_ e: Rational) -> Rational { 3 * (e * e - 1) / (e * e + 1) - 1 }
        return (value(Rational(2_718_281_828, 1_000_000_000)), value(Rational(2_718_281_829, 1_000_000_000)))
    }

    @Test func enclosuresMeetTheBoundsFromE() throws {
        let (low, high) = bounds
        for p in [32, 64, 256] {
            let e = c.enclosure(precision: p)
            let l = try #require(e.lower), u = try #require(e.upper)
            #expect(l <= high && u >= low)
        }
    }

    @Test func signIsDecided() {
        #expect(c.sign == 1)
        #expect((-c).sign == -1)
        #expect(SymbolicConstant().sign == 0)
        #expect(SymbolicConstant(Rational(-2, 3)).sign == -1)
    }

    /// Rounding to the grid (1/1024)ℤ: 1315.5 < 1024·c < 1316.5 by the bounds from e, so the
    /// nearest grid point is 1316/1024.
    @Test func nearestGridPointIsDecided() throws {
        let (low, high) = bounds
        #expect(1024 * low > Rational(2631, 2) && 1024 * high < Rational(2633, 2))
        func grid(_ x: Rational) -> Rational? {
            Rational((1024 * x + Rational(1, 2)).floor) / 1024
        }
        let nearest = try #require(c.nearest(rounding: grid))
        #expect(nearest.value == Rational(1316, 1024))
        // c ≤ high < 1316/1024, so the true error is at least 1316/1024 − high.
        #expect(nearest.errorBound >= nearest.value - high)
        #expect(nearest.errorBound < Rational(1, 2048))
    }
}
