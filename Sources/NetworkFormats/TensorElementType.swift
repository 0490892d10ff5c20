import Exact

/// The element type of a stored tensor.
///
/// Every value of every type here is a rational number (IEEE floats are dyadic rationals m·2^e),
/// so decoding is exact; NaN and infinities are the only values refused.
public enum TensorElementType: String, Sendable, CaseIterable, Equatable {
    case float64, float32, float16, bfloat16
    /// 8-bit float with 5 exponent and 2 significand bits (IEEE-style: has ∞ and NaN).
    case float8E5M2
    /// 8-bit float with 4 exponent and 3 significand bits, "FN" variant: no infinities,
    /// only S.1111.111 is NaN, so the largest finite value is 448.
    case float8E4M3
    case int8, int16, int32, int64
    case uint8, uint16, uint32, uint64
    case bool

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .float64, .int64, .uint64: return 8
        case .float32, .int32, .uint32: return 4
        case .float16, .bfloat16, .int16, .uint16: return 2
        case .float8E5M2, .float8E4M3, .int8, .uint8, .bool: return 1
        }
    }

    /// The IEEE binary format of a float type (nil for integers, bool and E4M3FN).
    public var floatFormat: BinaryFloatFormat? {
        switch self {
        case .float64: return .float64
        case .float32: return .float32
        case .float16: return .float16
        case .bfloat16: return .bfloat16
        case .float8E5M2: return BinaryFloatFormat(name: "float8_e5m2", exponentBits: 5, significandBits: 2)
        default: return nil
        }
    }

    /// The safetensors dtype string (`F32`, `BF16`, `I64`, `BOOL`, …).
    public var safetensorsName: String {
        switch self {
        case .float64: return "F64"
        case .float32: return "F32"
        case .float16: return "F16"
        case .bfloat16: return "BF16"
        case .float8E5M2: return "F8_E5M2"
        case .float8E4M3: return "F8_E4M3"
        case .int8: return "I8"
        case .int16: return "I16"
        case .int32: return "I32"
        case .int64: return "I64"
        case .uint8: return "U8"
        case .uint16: return "U16"
        case .uint32: return "U32"
        case .uint64: return "U64"
        case .bool: return "BOOL"
        }
    }

    /// Every safetensors dtype this reader converts, for error messages.
    public static var safetensorsNames: [String] { allCases.map(\.safetensorsName) }

    /// The type named by a safetensors dtype string, or `nil`.
    public init?(safetensorsName name: String) {
        guard let match = Self.allCases.first(where: { $0.safetensorsName == name }) else { return nil }
        self = match
    }

    /// The numpy type character and size (`f4`, `u1`, `b1`), or `nil` when numpy has no such type.
    var numpyCode: String? {
        switch self {
        case .float64: return "f8"
        case .float32: return "f4"
        case .float16: return "f2"
        case .int8: return "i1"
        case .int16: return "i2"
        case .int32: return "i4"
        case .int64: return "i8"
        case .uint8: return "u1"
        case .uint16: return "u2"
        case .uint32: return "u4"
        case .uint64: return "u8"
        case .bool: return "b1"
        case .bfloat16, .float8E5M2, .float8E4M3: return nil
        }
    }

    /// The type of a numpy type code such as `f4` or `u1`.
    init?(numpyCode code: String) {
        guard let match = Self.allCases.first(where: { $0.numpyCode == code }) else { return nil }
        self = match
    }
}
