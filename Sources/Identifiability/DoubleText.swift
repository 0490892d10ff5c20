import Exact

/// A compact, deterministic rendering of a Double: 4 significant digits, rounded half away
/// from zero on the Double's exact (dyadic) value (``DecimalText``), and only then written —
/// fixed point for 10⁻³ ≤ |x| < 10⁵ (whole numbers from 1000 on in full), `m.mmme±k`
/// otherwise. Rounding first means 0.99999 prints `1.000` and 10⁻¹² prints `1.000e-12`;
/// `inf`, `-inf`, `nan` and `0` print as such.
func short(_ x: Double) -> String {
    if let text = DecimalText.nonFinite(x) { return text }
    guard let (n, e) = DecimalText.scientificParts(x, digits: 3, tie: .awayFromZero) else { return "0" }
    let sign = x < 0 ? "-" : ""
    // The decade before rounding (rounding down never reaches the next one) picks whole numbers.
    if let decade = DecimalText.scientificParts(x, digits: 0, tie: .down)?.exponent, decade >= 3 && decade < 5 {
        let whole = DecimalText.fixed(Swift.abs(x), decimals: 0)
        return sign + (whole.count <= 5 ? whole : "1.000e5")
    }
    if e >= -3 && e < 5 { return sign + DecimalText.placingPoint(n, decimals: max(0, 3 - e)) }
    return sign + DecimalText.placingPoint(n, decimals: 3) + "e" + String(e)
}
