import Exact

/// Fuzzes exact-number parsing (`Rational(parsing:)`).
///
/// Oracles: a parsed value's `description` (`p/q` in lowest terms) parses back to the same
/// value, and its `Double` rounding is finite or infinite but never NaN.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let value = try? Rational(parsing: text) else { return 0 }
    let unlimited = RationalParsingLimits(maximumLength: .max, maximumExponent: .max)
    guard let again = try? Rational(parsing: value.description, limits: unlimited), again == value else {
        fatalError("Rational description does not parse back to the same value")
    }
    if value.doubleValue.isNaN { fatalError("doubleValue of a rational is NaN") }
    return 0
}
