import Exact

/// The numpy `.npy` format, versions 1.0, 2.0 and 3.0.
///
/// Layout: the magic `\x93NUMPY`, major and minor version bytes, the header length (2 bytes
/// little-endian in 1.0, 4 bytes in 2.0 and 3.0), a header that is a Python dict literal
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }` (Latin-1 in 1.0/2.0, UTF-8 in
/// 3.0), then the raw elements.
///
/// Supported dtypes (`descr`): floats `f2 f4 f8`, integers `i1…i8`, `u1…u8`, booleans `b1`, with
/// either byte order (`<` little, `>` big, `|` not applicable); fixed-width strings `U` (UTF-32)
/// and `S` (bytes) for metadata entries. Fortran-order arrays are transposed into row-major order
/// exactly: element (i₀, …, i_{k−1}) is read from offset i₀ + d₀(i₁ + d₁(i₂ + …)).
public enum Npy {
    /// The magic bytes every npy file starts with.
    public static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

    /// Whether `bytes` starts with the npy magic.
    public static func looksLike(_ bytes: some Collection<UInt8>) -> Bool { bytes.starts(with: magic) }

    /// The longest header read, in bytes: numpy's own limit (`max_header_size`, 10,000 since
    /// numpy 1.24), so a file numpy refuses is refused here too, before the header is parsed.
    public static let maximumHeaderLength = 10_000

    /// What an npy header says about the data that follows it.
    struct Preamble {
        var header: Header
        /// Offset of the first data byte.
        var dataStart: Int
        /// Elements, product(shape).
        var count: Int
        /// Data bytes the header demands: count · item size.
        var dataBytes: Int
        var holdsStrings: Bool {
            if case .numbers = header.kind { return false }
            return true
        }
    }

    /// Parses the magic, version and header from the first bytes of an npy file (a prefix is
    /// enough: at most 12 + ``maximumHeaderLength`` bytes are looked at), with every size
    /// checked before it is used: the header length against ``maximumHeaderLength``, the element
    /// count and count · item size against overflow.
    static func preamble(_ bytes: some RandomAccessCollection<UInt8>, entry: String) throws(TensorFormatError) -> Preamble {
        let bytes = Array(bytes.prefix(12 + maximumHeaderLength))
        guard bytes.count >= 6, bytes.starts(with: magic) else {
            if bytes.count < 6 && magic.starts(with: bytes) { throw .npyTruncated(entry: entry, reason: "the file ends inside the magic string") }
            throw .npyBadMagic(entry: entry)
        }
        guard bytes.count >= 10 else { throw .npyTruncated(entry: entry, reason: "the file ends before the header length") }
        let (major, minor) = (Int(bytes[6]), Int(bytes[7]))
        guard minor == 0, (1...3).contains(major) else { throw .npyUnsupportedVersion(entry: entry, major: major, minor: minor) }
        let lengthBytes = major == 1 ? 2 : 4
        guard bytes.count >= 8 + lengthBytes else { throw .npyTruncated(entry: entry, reason: "the file ends before the header length") }
        var headerLength = 0
        for k in 0..<lengthBytes { headerLength |= Int(bytes[8 + k]) << (8 * k) }
        guard headerLength <= maximumHeaderLength else {
            throw .npyInvalidHeader(entry: entry, reason: "the header of \(headerLength) bytes exceeds numpy's limit of \(maximumHeaderLength) bytes")
        }
        let headerStart = 8 + lengthBytes
        guard headerLength <= bytes.count - headerStart else {
            throw .npyTruncated(entry: entry, reason: "header length \(headerLength) runs past the end of the file")
        }
        let headerBytes = bytes[headerStart..<(headerStart + headerLength)]
        let headerText: String
        if major == 3 {
            if let bad = firstInvalidUTF8(headerBytes) { throw .npyInvalidHeader(entry: entry, reason: "not UTF-8 at byte \(bad)") }
            headerText = String(decoding: headerBytes, as: UTF8.self)
        } else {
            headerText = String(String.UnicodeScalarView(headerBytes.map { Unicode.Scalar($0) }))  // Latin-1
        }
        let header = try parseHeader(headerText, entry: entry)
        guard let count = elementCount(header.shape) else { throw .npyInvalidHeader(entry: entry, reason: "shape \(header.shape) is too large") }
        let (needed, overflow) = count.multipliedReportingOverflow(by: header.itemSize)
        guard !overflow else {
            throw .npyInvalidHeader(entry: entry, reason: "shape \(header.shape) of '\(header.descr)' needs more than \(Int.max) data bytes")
        }
        return Preamble(header: header, dataStart: headerStart + headerLength, count: count, dataBytes: needed)
    }

    /// Reads one npy array; `entry` names it in errors (an npz entry; empty for a standalone file).
    /// - Parameter maximumElements: the most elements (numbers or strings) to decode, checked
    ///   from the header before any element is.
    public static func read(_ bytes: [UInt8], entry: String, maximumElements: Int = .max) throws(TensorFormatError) -> NpyArray {
        let preamble = try preamble(bytes, entry: entry)
        let (header, dataStart, count, needed) = (preamble.header, preamble.dataStart, preamble.count, preamble.dataBytes)
        guard count <= maximumElements else { throw .tooManyElements(count: count, limit: maximumElements) }
        let available = bytes.count - dataStart
        guard needed <= available else {
            throw .npyTruncated(entry: entry, reason: "shape \(header.shape) of '\(header.descr)' needs \(needed) data bytes, the file has \(available)")
        }
        guard needed == available else {
            throw .npyInvalidHeader(entry: entry, reason: "\(available - needed) bytes follow the array data")
        }
        let content: NpyArray.Content = try withRawBytes(bytes) { (raw) throws(TensorFormatError) -> NpyArray.Content in
            let data = UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + needed)])
            switch header.kind {
            case .numbers(let type):
                var values = try type.decode(data, count: count, bigEndian: header.bigEndian, tensor: entry, shape: header.shape)
                if header.fortranOrder { values = fortranToC(values, shape: header.shape) }
                return .numbers(values, type)
            case .unicode(let characters):
                var strings: [String] = []
                for i in 0..<count {
                    var scalars = String.UnicodeScalarView()
                    for c in 0..<characters {
                        var u = data.loadUnaligned(fromByteOffset: 4 * (i * characters + c), as: UInt32.self)
                        u = header.bigEndian ? UInt32(bigEndian: u) : UInt32(littleEndian: u)
                        if u == 0 { break }
                        guard let scalar = Unicode.Scalar(u) else {
                            throw .npyInvalidHeader(entry: entry, reason: "string element \(multiIndex(i, shape: header.shape)) holds invalid code point 0x\(String(u, radix: 16))")
                        }
                        scalars.append(scalar)
                    }
                    strings.append(String(scalars))
                }
                return .strings(header.fortranOrder ? fortranToC(strings, shape: header.shape) : strings)
            case .bytes(let width):
                var strings: [String] = []
                for i in 0..<count {
                    let chunk = data[(i * width)..<((i + 1) * width)]
                    let trimmed = chunk.prefix { $0 != 0 }
                    guard firstInvalidUTF8(trimmed) == nil else {
                        throw .npyInvalidHeader(entry: entry, reason: "byte-string element \(multiIndex(i, shape: header.shape)) is not UTF-8")
                    }
                    strings.append(String(decoding: trimmed, as: UTF8.self))
                }
                return .strings(header.fortranOrder ? fortranToC(strings, shape: header.shape) : strings)
            }
        }
        return NpyArray(shape: header.shape, content: content)
    }

    /// Reorders elements listed in Fortran (column-major) order into row-major order.
    static func fortranToC<T>(_ values: [T], shape: [Int]) -> [T] {
        guard shape.count > 1, !values.isEmpty else { return values }
        var fortranStride = [Int](repeating: 1, count: shape.count)
        for axis in 1..<shape.count { fortranStride[axis] = fortranStride[axis - 1] * shape[axis - 1] }
        var index = [Int](repeating: 0, count: shape.count)
        var out: [T] = []
        out.reserveCapacity(values.count)
        for _ in 0..<values.count {
            var offset = 0
            for axis in 0..<shape.count { offset += index[axis] * fortranStride[axis] }
            out.append(values[offset])
            var axis = shape.count - 1  // odometer, last axis fastest
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < shape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    // MARK: header

    struct Header {
        enum Kind { case numbers(TensorElementType), unicode(Int), bytes(Int) }
        var descr: String
        var kind: Kind
        var bigEndian: Bool
        var itemSize: Int
        var fortranOrder: Bool
        var shape: [Int]
    }

    /// A value of the Python literal subset npy headers use.
    enum Literal { case string(String), bool(Bool), int(Int), tuple([Literal]), list, dict([(String, Literal)]) }

    static func parseHeader(_ text: String, entry: String) throws(TensorFormatError) -> Header {
        var parser = LiteralParser(scalars: Array(text.unicodeScalars))
        let literal: Literal
        do {
            literal = try parser.parse()
        } catch {
            throw .npyInvalidHeader(entry: entry, reason: error.reason)
        }
        guard case .dict(let items) = literal else { throw .npyInvalidHeader(entry: entry, reason: "the header is not a dict") }
        func value(_ key: String) throws(TensorFormatError) -> Literal {
            guard let v = items.first(where: { $0.0 == key })?.1 else { throw .npyInvalidHeader(entry: entry, reason: "missing '\(key)'") }
            return v
        }
        let keys = Set(items.map(\.0))
        guard keys == ["descr", "fortran_order", "shape"] else {
            throw .npyInvalidHeader(entry: entry, reason: "keys must be 'descr', 'fortran_order', 'shape'; found \(items.map { "'\($0.0)'" }.joined(separator: ", "))")
        }
        guard case .bool(let fortran) = try value("fortran_order") else { throw .npyInvalidHeader(entry: entry, reason: "'fortran_order' must be True or False") }
        guard case .tuple(let dims) = try value("shape") else { throw .npyInvalidHeader(entry: entry, reason: "'shape' must be a tuple") }
        var shape: [Int] = []
        for d in dims {
            guard case .int(let n) = d, n >= 0 else { throw .npyInvalidHeader(entry: entry, reason: "'shape' must hold non-negative integers") }
            shape.append(n)
        }
        let descr: String
        switch try value("descr") {
        case .string(let s): descr = s
        case .list: throw .npyUnsupportedDescr(entry: entry, descr: "[…]", hint: "structured arrays are not read; save plain numeric arrays")
        default: throw .npyInvalidHeader(entry: entry, reason: "'descr' must be a string")
        }
        let (kind, bigEndian, itemSize) = try parseDescr(descr, entry: entry)
        return Header(descr: descr, kind: kind, bigEndian: bigEndian, itemSize: itemSize, fortranOrder: fortran, shape: shape)
    }

    static func parseDescr(_ descr: String, entry: String) throws(TensorFormatError) -> (Header.Kind, Bool, Int) {
        let chars = Array(descr)
        guard chars.count >= 2, "<>|=".contains(chars[0]) else {
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "expected a byte order <, > or | followed by a type code")
        }
        let order = chars[0]
        let typeChar = chars[1]
        guard order != "=" else {
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "native byte order '=' is ambiguous in a file; numpy writes < or >")
        }
        let bigEndian = order == ">"
        // The width as numpy reads it: any number of digits, leading zeros allowed ('<U0004' is
        // '<U4', '<f08' is '<f8'). Widths above 2³¹ − 1 are refused, so item sizes
        // (4 · width for U) never overflow.
        let size: Int
        switch width(chars[2...]) {
        case .absent, .notANumber: size = -1
        case .tooLarge:
            let what = "USa".contains(typeChar) ? "string widths above \(Int32.max) characters" : "sizes above \(Int32.max) bytes"
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "\(what) are not read")
        case .value(let n): size = n
        }
        let code = size >= 0 ? "\(typeChar)\(size)" : String(chars[1...])
        switch typeChar {
        case "U":
            guard size >= 0 else { break }
            return (.unicode(size), bigEndian, 4 * size)
        case "S", "a":
            guard size >= 0 else { break }
            return (.bytes(size), bigEndian, size)
        case "f", "i", "u", "b":
            if let type = TensorElementType(numpyCode: code) {
                guard order != "|" || type.byteCount == 1 else {
                    throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "a multi-byte type needs a byte order < or >")
                }
                return (.numbers(type), bigEndian, type.byteCount)
            }
            if typeChar == "f" {
                throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "float sizes 2, 4 and 8 are supported; long double is platform-dependent")
            }
        case "O":
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "object arrays are pickled Python objects and are never loaded; save numbers, or strings with dtype=str")
        case "V":
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "raw bytes (bfloat16 from ml_dtypes is stored this way); convert to float32 before saving")
        case "c":
            throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "complex numbers are not network parameters")
        default: break
        }
        throw .npyUnsupportedDescr(entry: entry, descr: descr, hint: "supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, and strings U/S")
    }

    enum Width: Equatable { case absent, notANumber, tooLarge, value(Int) }

    /// The decimal width after a descr's type code, without reading more than ten significant
    /// digits: `absent` when there are no characters, `notANumber` when one is not a digit.
    static func width(_ text: ArraySlice<Character>) -> Width {
        guard !text.isEmpty else { return .absent }
        guard text.allSatisfy(\.isASCIIDigitCharacter) else { return .notANumber }
        let significant = text.drop { $0 == "0" }
        guard significant.count <= 10 else { return .tooLarge }
        let n = significant.isEmpty ? 0 : Int(String(significant)) ?? .max
        return n <= Int(Int32.max) ? .value(n) : .tooLarge
    }

    struct LiteralError: Error { var reason: String }

    /// A parser for the Python literal subset of npy headers: dicts, strings, booleans,
    /// integers, tuples (and lists, reported as such so structured dtypes can be refused).
    struct LiteralParser {
        let scalars: [Unicode.Scalar]
        var i = 0

        mutating func parse() throws(LiteralError) -> Literal {
            let v = try value(depth: 0)
            skip()
            guard i == scalars.count else { throw LiteralError(reason: "unexpected text after the header dict at character \(i)") }
            return v
        }

        mutating func skip() { while i < scalars.count, scalars[i].properties.isWhitespace { i += 1 } }

        mutating func value(depth: Int) throws(LiteralError) -> Literal {
            guard depth < 16 else { throw LiteralError(reason: "nesting too deep") }
            skip()
            guard i < scalars.count else { throw LiteralError(reason: "the header ends unexpectedly") }
            let c = scalars[i]
            switch c {
            case "{":
                i += 1
                var items: [(String, Literal)] = []
                while true {
                    skip()
                    guard i < scalars.count else { throw LiteralError(reason: "unterminated dict") }
                    if scalars[i] == "}" { i += 1; return .dict(items) }
                    guard case .string(let key) = try value(depth: depth + 1) else { throw LiteralError(reason: "dict keys must be strings") }
                    skip()
                    guard i < scalars.count, scalars[i] == ":" else { throw LiteralError(reason: "expected ':' after '\(key)'") }
                    i += 1
                    let v = try value(depth: depth + 1)
                    guard !items.contains(where: { $0.0 == key }) else { throw LiteralError(reason: "key '\(key)' appears twice") }
                    items.append((key, v))
                    skip()
                    guard i < scalars.count else { throw LiteralError(reason: "unterminated dict") }
                    if scalars[i] == "," { i += 1 } else if scalars[i] != "}" { throw LiteralError(reason: "expected ',' or '}' in the dict") }
                }
            case "(", "[":
                let close: Unicode.Scalar = c == "(" ? ")" : "]"
                i += 1
                var items: [Literal] = []
                while true {
                    skip()
                    guard i < scalars.count else { throw LiteralError(reason: "unterminated \(c == "(" ? "tuple" : "list")") }
                    if scalars[i] == close { i += 1; return c == "(" ? .tuple(items) : .list }
                    items.append(try value(depth: depth + 1))
                    skip()
                    guard i < scalars.count else { throw LiteralError(reason: "unterminated tuple") }
                    if scalars[i] == "," { i += 1 } else if scalars[i] != close { throw LiteralError(reason: "expected ',' or '\(close)'") }
                }
            case "'", "\"":
                i += 1
                var s = String.UnicodeScalarView()
                while i < scalars.count, scalars[i] != c {
                    if scalars[i] == "\\" { i += 1; guard i < scalars.count else { break } }
                    s.append(scalars[i])
                    i += 1
                }
                guard i < scalars.count else { throw LiteralError(reason: "unterminated string") }
                i += 1
                return .string(String(s))
            default:
                var word = ""
                while i < scalars.count, scalars[i].properties.isAlphabetic || ("0"..."9").contains(scalars[i]) || scalars[i] == "-" || scalars[i] == "_" {
                    word.unicodeScalars.append(scalars[i])
                    i += 1
                }
                if word == "True" { return .bool(true) }
                if word == "False" { return .bool(false) }
                if word.hasSuffix("L") { word.removeLast() }  // Python 2 long literals
                if let n = Int(word) { return .int(n) }
                throw LiteralError(reason: word.isEmpty ? "unexpected character '\(c)'" : "unexpected '\(word)'")
            }
        }
    }
}
