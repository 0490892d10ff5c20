import Foundation
import Exact

/// Reading an ONNX `TensorProto` (an initializer or a `Constant`'s value) exactly.
///
/// The element count product(dims) is computed with overflow checks and compared with the
/// caller's budget before any value is decoded, so an initializer claiming 2⁴⁰ elements costs
/// nothing. Values come from `raw_data` (little-endian, exactly product(dims) × element size
/// bytes) or from the typed field the specification assigns to the data type: `float_data`
/// (FLOAT), `double_data` (DOUBLE), `int32_data` (INT32, INT16, INT8, UINT16, UINT8, BOOL, and
/// the bit patterns of FLOAT16 and BFLOAT16), `int64_data` (INT64), `uint64_data` (UINT32,
/// UINT64). Data in external files is not read.
enum OnnxTensorDecoding {
    /// ONNX `TensorProto.DataType` numbers of the types read.
    static let elementTypes: [Int32: TensorElementType] = [
        1: .float32, 2: .uint8, 3: .int8, 4: .uint16, 5: .int16, 6: .int32, 7: .int64, 9: .bool,
        10: .float16, 11: .float64, 12: .uint32, 13: .uint64, 16: .bfloat16,
    ]

    /// The ONNX data type number of an element type (the inverse of ``elementTypes``).
    static func dataType(of type: TensorElementType) -> Int32? {
        elementTypes.first { $0.value == type }?.key
    }

    /// The tensor's shape and row-major values; `budget` is how many numbers may still be read.
    static func decode(_ t: Onnx_TensorProto, name: String, budget: inout Int) throws(TensorFormatError) -> NamedTensor {
        guard let type = elementTypes[t.dataType] else {
            throw .layout(reason: "tensor \"\(name)\": ONNX data type \(t.dataType) is not a number type nnid reads")
        }
        guard t.dataLocation == 0, t.externalData.isEmpty else {
            throw .layout(reason: "tensor \"\(name)\": its data is in an external file, which nnid does not read; save the model with the weights inside")
        }
        var shape: [Int] = []
        for d in t.dims {
            guard d >= 0, d <= Int64(Int.max) else { throw .layout(reason: "tensor \"\(name)\": dimension \(d) is negative") }
            shape.append(Int(d))
        }
        guard let count = elementCount(shape), count <= budget else {
            throw .tooManyElements(count: elementCount(shape) ?? -1, limit: budget)
        }
        budget -= count
        let values = try decodeValues(t, type: type, count: count, name: name, shape: shape)
        return NamedTensor(name: name, shape: shape, elementType: type, values: values)
    }

    static func decodeValues(_ t: Onnx_TensorProto, type: TensorElementType, count: Int, name: String, shape: [Int]) throws(TensorFormatError) -> [Rational] {
        if !t.rawData.isEmpty || count == 0 {
            let raw = [UInt8](t.rawData)
            let (needed, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
            guard !overflow, needed == raw.count else {
                throw .sizeMismatch(tensor: name, shape: shape, dtype: type.safetensorsName, expectedBytes: overflow ? Int.max : needed, foundBytes: raw.count)
            }
            return try withRawBytes(raw) { (buffer) throws(TensorFormatError) -> [Rational] in
                try type.decode(buffer, count: count, bigEndian: false, tensor: name, shape: shape)
            }
        }
        func check(_ n: Int, _ field: String) throws(TensorFormatError) {
            guard n == count else { throw .layout(reason: "tensor \"\(name)\": \(field) holds \(n) values, but shape \(shape) needs \(count)") }
        }
        var out: [Rational] = []
        out.reserveCapacity(count)
        switch type {
        case .float32:
            try check(t.floatData.count, "float_data")
            for (i, v) in t.floatData.enumerated() {
                guard let r = try? Rational(exactly: v) else { throw .notFinite(tensor: name, index: multiIndex(i, shape: shape), value: "\(v)") }
                out.append(r)
            }
        case .float64:
            try check(t.doubleData.count, "double_data")
            for (i, v) in t.doubleData.enumerated() {
                guard let r = try? Rational(exactly: v) else { throw .notFinite(tensor: name, index: multiIndex(i, shape: shape), value: "\(v)") }
                out.append(r)
            }
        case .float16, .bfloat16:
            try check(t.int32Data.count, "int32_data")
            var raw: [UInt8] = []
            for v in t.int32Data { raw += [UInt8(truncatingIfNeeded: v), UInt8(truncatingIfNeeded: v >> 8)] }
            return try withRawBytes(raw) { (buffer) throws(TensorFormatError) -> [Rational] in
                try type.decode(buffer, count: count, bigEndian: false, tensor: name, shape: shape)
            }
        case .int64:
            try check(t.int64Data.count, "int64_data")
            out = t.int64Data.map { Rational(Int($0)) }
        case .uint32, .uint64:
            try check(t.uint64Data.count, "uint64_data")
            out = t.uint64Data.map { Rational(BigInteger($0)) }
        default:
            try check(t.int32Data.count, "int32_data")
            out = t.int32Data.map { Rational(Int($0)) }
        }
        return out
    }
}
