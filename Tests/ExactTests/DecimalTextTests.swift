import Exact
import PropertyBased
import Testing

/// `DecimalText` rounds once on the exact value: the printed decimal is the nearest (or the
/// directed) one to the Double's dyadic value, which is checked here by exact comparison, and
/// ties follow the chosen rule.
@Suite struct DecimalTextTests {
    /// The exact value of a printed decimal "[-]w.fff".
    static func value(_ text: String) throws -> Rational { try Rational(parsing: text) }

    @Test func fixedIsTheNearestDecimal() async throws {
        await propertyCheck(input: Gen<Int64>.int64(in: -1_000_000_000...1_000_000_000), Gen<Int>.int(in: 0...6)) { m, d in
            let x = Double(m) / 1024  // exact dyadic values, many with short binary fractions
            let text = DecimalText.fixed(x, decimals: d)
            let q = try! Rational(exactly: x), printed = try! Self.value(text)
            let unit = DecimalText.power10(-d)
            // |printed − q| ≤ unit/2, and the decimal has exactly d decimals.
            #expect((printed - q) * 2 <= unit && (q - printed) * 2 <= unit, "\(x) → \(text)")
            #expect(d == 0 ? !text.contains(".") : text.split(separator: ".").last!.count == d)
        }
    }

    @Test func tiesFollowTheRule() {
        #expect(DecimalText.fixed(2.5, decimals: 0) == "3")
        #expect(DecimalText.fixed(-2.5, decimals: 0) == "-3")
        #expect(DecimalText.fixed(2.5, decimals: 0, tie: .toEven) == "2")
        #expect(DecimalText.fixed(3.5, decimals: 0, tie: .toEven) == "4")
        #expect(DecimalText.fixed(0.125, decimals: 2, tie: .toEven, trimZeros: true) == "0.12")
        // 1.2345 is 1.23449999999999993072…: below the tie, whatever a scaled Double says.
        #expect(DecimalText.fixed(1.2345, decimals: 3) == "1.234")
        #expect(DecimalText.fixed(-0.0004, decimals: 3) == "0.000")
        #expect(DecimalText.fixed(.nan, decimals: 2) == "nan" && DecimalText.fixed(-.infinity, decimals: 2) == "-inf")
    }

    @Test func scientificMovesToTheNextDecadeWhenRoundingReachesIt() {
        #expect(DecimalText.scientific(9.999, digits: 2) == "1.00e+1")
        #expect(DecimalText.scientific(1.25e-13, digits: 2, tie: .toEven, trimZeros: true) == "1.25e-13")
        #expect(DecimalText.scientific(300, digits: 2, tie: .toEven, trimZeros: true) == "3e+2")
        #expect(DecimalText.scientific(0, digits: 2) == "0")
    }

    @Test func directedRoundingGivesBounds() async {
        await propertyCheck(input: Gen<Int64>.int64(in: 1...Int64.max), Gen<Int64>.int64(in: 1...1_000_000)) { p, q in
            let r = Rational(Int(p), Int(q))
            let low = try! Self.value(DecimalText.scientific(r, digits: 3, tie: .down))
            let high = try! Self.value(DecimalText.scientific(r, digits: 3, tie: .up))
            #expect(low <= r && r <= high, "\(r): \(low) … \(high)")
        }
    }
}
