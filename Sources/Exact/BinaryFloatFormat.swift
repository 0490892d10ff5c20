import CGMP

/// An IEEE 754 binary interchange format, described by its field widths.
///
/// Every finite value of such a format is a dyadic rational m·2^e, so conversion *to* a
/// ``Rational`` is always exact; conversion *from* a rational rounds to nearest, ties to even,
/// exactly as IEEE 754 prescribes, and reports whether rounding happened.
public struct BinaryFloatFormat: Sendable, Equatable, CustomStringConvertible {
    /// Width of the biased exponent field.
    public let exponentBits: Int
    /// Width of the stored (trailing) significand field.
    public let significandBits: Int
    public let name: String

    /// A format with the given field widths. The sign, exponent and significand fields must
    /// fit in 64 bits (`1 + exponentBits + significandBits ≤ 64`, `exponentBits ≥ 2`,
    /// `significandBits ≥ 1`): a programmer's constant, checked by precondition.
    public init(name: String, exponentBits: Int, significandBits: Int) {
        precondition(exponentBits >= 2 && significandBits >= 1 && 1 + exponentBits + significandBits <= 64,
                     "a binary float format must fit in 64 bits")
        self.name = name
        self.exponentBits = exponentBits
        self.significandBits = significandBits
    }

    public static let float64 = BinaryFloatFormat(name: "float64", exponentBits: 11, significandBits: 52)
    public static let float32 = BinaryFloatFormat(name: "float32", exponentBits: 8, significandBits: 23)
    public static let float16 = BinaryFloatFormat(name: "float16", exponentBits: 5, significandBits: 10)
    public static let bfloat16 = BinaryFloatFormat(name: "bfloat16", exponentBits: 8, significandBits: 7)

    public var description: String { name }
    var bias: Int { (1 << (exponentBits - 1)) - 1 }
    /// The exponent of the smallest normal number.
    var minimumExponent: Int { 1 - bias }
    var exponentMask: UInt64 { (1 << UInt64(exponentBits)) - 1 }
    var signShift: UInt64 { UInt64(exponentBits + significandBits) }
}
