import Exact

/// The multi-index of flat row-major position `flat` in `shape`.
func multiIndex(_ flat: Int, shape: [Int]) -> [Int] {
    var rest = flat
    var index = [Int](repeating: 0, count: shape.count)
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        index[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return index
}

/// product(shape), or `nil` on overflow or a negative extent.
func elementCount(_ shape: [Int]) -> Int? {
    var n = 1
    for d in shape {
        guard d >= 0 else { return nil }
        let (p, overflow) = n.multipliedReportingOverflow(by: d)
        if overflow { return nil }
        n = p
    }
    return n
}

extension TensorElementType {
    /// Decodes `count` elements stored back to back in `bytes` (little-endian unless `bigEndian`).
    ///
    /// Floats are decoded from their bit patterns: a finite IEEE value (−1)^s · M · 2^E becomes
    /// the rational (−1)^s · M · 2^E exactly; integers and booleans become integers.
    /// - Throws: ``TensorFormatError/notFinite(tensor:index:value:)`` naming the element for
    ///   NaN and infinities.
    func decode(_ bytes: UnsafeRawBufferPointer, count: Int, bigEndian: Bool, tensor: String, shape: [Int]) throws(TensorFormatError) -> [Rational] {
        let (needed, overflow) = count.multipliedReportingOverflow(by: byteCount)
        guard !overflow, bytes.count >= needed else {
            throw .sizeMismatch(tensor: tensor, shape: shape, dtype: "\(self)", expectedBytes: overflow ? Int.max : needed, foundBytes: bytes.count)
        }
        var out = [Rational]()
        out.reserveCapacity(count)
        func notFinite(_ i: Int, _ bits: UInt64) -> TensorFormatError {
            let mask: UInt64 = byteCount == 8 ? ~0 : (1 << UInt64(8 * byteCount)) - 1
            let significand = floatFormat.map { bits & ((1 << UInt64($0.significandBits)) - 1) } ?? 1
            let what = significand == 0 ? ((bits >> UInt64(8 * byteCount - 1)) & 1 == 1 ? "-inf" : "inf") : "NaN"
            return .notFinite(tensor: tensor, index: multiIndex(i, shape: shape), value: "\(what) (bits 0x\(String(bits & mask, radix: 16)))")
        }
        switch self {
        case .float32:
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                b = bigEndian ? UInt32(bigEndian: b) : UInt32(littleEndian: b)
                guard let r = dyadicValue(UInt64(b), significandBits: 23, exponentBits: 8) else { throw notFinite(i, UInt64(b)) }
                out.append(r)
            }
        case .float64:
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                b = bigEndian ? UInt64(bigEndian: b) : UInt64(littleEndian: b)
                guard let r = dyadicValue(b, significandBits: 52, exponentBits: 11) else { throw notFinite(i, b) }
                out.append(r)
            }
        case .float16, .bfloat16:
            let m = self == .float16 ? 10 : 7, e = self == .float16 ? 5 : 8
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                b = bigEndian ? UInt16(bigEndian: b) : UInt16(littleEndian: b)
                guard let r = dyadicValue(UInt64(b), significandBits: m, exponentBits: e) else { throw notFinite(i, UInt64(b)) }
                out.append(r)
            }
        case .float8E5M2:
            for i in 0..<count {
                let b = UInt64(bytes[i])
                guard let r = dyadicValue(b, significandBits: 2, exponentBits: 5) else { throw notFinite(i, b) }
                out.append(r)
            }
        case .float8E4M3:
            for i in 0..<count {
                let b = UInt64(bytes[i])
                guard b & 0x7F != 0x7F else { throw notFinite(i, b) }
                out.append(dyadicValue(b, significandBits: 3, exponentBits: 4, hasInfinities: false)!)
            }
        case .int8:
            for i in 0..<count { out.append(Rational(Int(Int8(bitPattern: bytes[i])))) }
        case .uint8:
            for i in 0..<count { out.append(Rational(Int(bytes[i]))) }
        case .bool:
            for i in 0..<count { out.append(bytes[i] == 0 ? Rational.zero : Rational.one) }
        case .int16, .uint16:
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)
                b = bigEndian ? UInt16(bigEndian: b) : UInt16(littleEndian: b)
                out.append(Rational(self == .int16 ? Int(Int16(bitPattern: b)) : Int(b)))
            }
        case .int32, .uint32:
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)
                b = bigEndian ? UInt32(bigEndian: b) : UInt32(littleEndian: b)
                out.append(Rational(self == .int32 ? Int(Int32(bitPattern: b)) : Int(b)))
            }
        case .int64, .uint64:
            for i in 0..<count {
                var b = bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)
                b = bigEndian ? UInt64(bigEndian: b) : UInt64(littleEndian: b)
                out.append(self == .int64 ? Rational(Int(Int64(bitPattern: b))) : Rational(BigInteger(b)))
            }
        }
        return out
    }
}

/// The exact value of the IEEE-style bit pattern `bits` with the given field widths, or `nil`
/// for NaN and infinities (an all-ones exponent field) when the format has them.
///
/// Value: for exponent field E ≠ 0, (−1)^s · (2^m + M) · 2^(E − bias − m); for E = 0
/// (subnormals and zero), (−1)^s · M · 2^(1 − bias − m); bias = 2^(e−1) − 1.
@inline(__always)
func dyadicValue(_ bits: UInt64, significandBits m: Int, exponentBits e: Int, hasInfinities: Bool = true) -> Rational? {
    let field = Int((bits >> UInt64(m)) & ((1 << UInt64(e)) - 1))
    if hasInfinities && field == (1 << e) - 1 { return nil }
    let fraction = bits & ((1 << UInt64(m)) - 1)
    let bias = (1 << (e - 1)) - 1
    let significand: UInt64
    let exponent: Int
    if field == 0 {
        if fraction == 0 { return .zero }
        significand = fraction
        exponent = 1 - bias - m
    } else {
        significand = fraction | (1 << UInt64(m))
        exponent = field - bias - m
    }
    return Rational(significand: significand, exponent: exponent, negative: (bits >> UInt64(m + e)) & 1 == 1)
}

/// `bytes.withUnsafeBytes` for a body with typed throws.
func withRawBytes<R>(_ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(TensorFormatError) -> R) throws(TensorFormatError) -> R {
    let result: Result<R, TensorFormatError> = bytes.withUnsafeBytes { raw in
        Result { () throws(TensorFormatError) -> R in try body(raw) }
    }
    return try result.get()
}
