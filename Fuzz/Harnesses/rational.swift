import Exact

/// Fuzzes exact-number parsing (`Rational(parsing:)`).
///
/// Oracles: a parsed value's `description` (`p/q` in lowest terms) parses back to the same
/// value; `doubleValue`'s fast path agrees with IEEE rounding (`rounded(to: .float64)`); and a
/// rounding reported exact converts back to the same rational, in every binary format.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let value = try? Rational(parsing: text) else { return 0 }
    let unlimited = RationalParsingLimits(maximumLength: .max, maximumExponent: .max)
    guard let again = try? Rational(parsing: value.description, limits: unlimited), again == value else {
        fatalError("Rational description does not parse back to the same value")
    }
    // The Double fast path and the general IEEE rounding must agree bit for bit, and a value
    // that is exactly a Double must come back from it unchanged.
    let rounded = value.rounded(to: .float64)
    guard value.doubleValue.bitPattern == rounded.bits else { fatalError("doubleValue disagrees with rounded(to: .float64)") }
    if rounded.exact {
        guard let back = try? Rational(bits: rounded.bits, format: .float64), back == value else {
            fatalError("an exactly representable value did not round-trip through float64")
        }
    }
    for format in [BinaryFloatFormat.float32, .float16, .bfloat16] {
        let r = value.rounded(to: format)
        if r.exact, (try? Rational(bits: r.bits, format: format)) != value { fatalError("\(format) round trip failed") }
    }
    return 0
}
