import Exact
import Networks

extension TensorElementType {
    /// The float dtypes a network can be written as.
    public static let writableFloats: [TensorElementType] = [.float64, .float32, .float16, .bfloat16]

    /// Reads a dtype option: `f64`/`float64`/`F64`, `f32`, `f16`, `bf16`.
    public init?(optionName: String) {
        switch optionName.lowercased() {
        case "f64", "float64", "double": self = .float64
        case "f32", "float32", "float": self = .float32
        case "f16", "float16", "half": self = .float16
        case "bf16", "bfloat16": self = .bfloat16
        default: return nil
        }
    }
}

extension TensorLayout.OutputTensor {
    /// The little-endian bytes of the values in float `type`, rounding to nearest (ties to
    /// even) only when `lossy`; each rounding is recorded in `report`.
    /// - Throws: ``TensorFormatError/notRepresentable(parameter:value:dtype:)`` for a value the
    ///   dtype cannot hold exactly (unless `lossy`), ``TensorFormatError/outOfRange(parameter:value:dtype:)``
    ///   for one beyond its finite range.
    func encoded(as type: TensorElementType, lossy: Bool, report: inout RoundingReport) throws(TensorFormatError) -> [UInt8] {
        guard let format = type.floatFormat, TensorElementType.writableFloats.contains(type) else {
            throw .notWritable(reason: "networks are written as F64, F32, F16 or BF16, not \(type.safetensorsName)")
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * type.byteCount)
        let infinity = format.exponentMask(shiftedBy: format.significandBits)
        for (k, value) in values.enumerated() {
            let (bits, exact) = value.rounded(to: format)
            if bits & infinity == infinity {
                throw .outOfRange(parameter: parameterName(k), value: value.description, dtype: type.safetensorsName)
            }
            if !exact {
                guard lossy else { throw .notRepresentable(parameter: parameterName(k), value: value.description, dtype: type.safetensorsName) }
                // The rounded bit pattern is finite, so its exact value exists.
                let error = ((try? Rational(bits: bits, format: format)) ?? value) - value
                report.roundedCount += 1
                if error.magnitude > report.maximumError {
                    report.maximumError = error.magnitude
                    report.worstParameter = parameterName(k)
                }
            }
            for byte in 0..<type.byteCount { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(8 * byte))) }
        }
        return bytes
    }
}

extension BinaryFloatFormat {
    /// The exponent field's bits, all ones, in place (the pattern of ±infinity and NaN).
    func exponentMask(shiftedBy m: Int) -> UInt64 { ((1 << UInt64(exponentBits)) - 1) << UInt64(m) }
}
