extension Npy {
    /// An npy file (version 1.0, or 2.0 when the header needs more than 65,535 bytes) holding
    /// `data`, the little-endian, row-major elements of `shape` and `type`.
    static func encode(shape: [Int], type: TensorElementType, data: [UInt8]) -> [UInt8] {
        let order = type.byteCount == 1 ? "|" : "<"
        return encode(descr: order + (type.numpyCode ?? "f8"), shape: shape, data: data)
    }

    /// An npy file holding strings as numpy's fixed-width UTF-32 (`<U`n) array.
    static func encode(strings: [String], shape: [Int]) -> [UInt8] {
        let width = max(1, strings.map { $0.unicodeScalars.count }.max() ?? 1)
        var data: [UInt8] = []
        data.reserveCapacity(4 * width * strings.count)
        for s in strings {
            var scalars = s.unicodeScalars.map(\.value)
            scalars += Array(repeating: 0, count: width - scalars.count)
            for u in scalars { withUnsafeBytes(of: u.littleEndian) { data += $0 } }
        }
        return encode(descr: "<U\(width)", shape: shape, data: data)
    }

    /// The header dict is padded with spaces and a newline so the data starts at a multiple of
    /// 64 bytes, as numpy writes it.
    static func encode(descr: String, shape: [Int], data: [UInt8]) -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        let version1 = header.utf8.count + 11 <= 0xFFFF
        let prefix = version1 ? 10 : 12
        let total = (prefix + header.utf8.count + 1 + 63) / 64 * 64
        header += String(repeating: " ", count: total - prefix - header.utf8.count - 1) + "\n"
        let length = header.utf8.count
        var out = magic + [version1 ? 1 : 2, 0]
        if version1 {
            out += [UInt8(length & 0xFF), UInt8(length >> 8)]
        } else {
            out += (0..<4).map { UInt8((length >> (8 * $0)) & 0xFF) }
        }
        out += Array(header.utf8)
        out += data
        return out
    }
}
