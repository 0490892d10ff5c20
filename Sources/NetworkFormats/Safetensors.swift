import Exact

/// The safetensors format: an 8-byte little-endian header length N, N bytes of UTF-8 JSON, then
/// a data block of little-endian, row-major tensor bytes.
///
/// The header is an object mapping each tensor name to `{"dtype", "shape", "data_offsets":
/// [begin, end]}` (offsets relative to the data block), plus an optional `"__metadata__"`
/// string → string map. The reader enforces the format's validity rules, as the reference
/// implementation does:
///
/// 1. N ≤ 100,000,000 (``maximumHeaderSize``) and 8 + N ≤ file size;
/// 2. the header is UTF-8 JSON (without duplicate keys), an object;
/// 3. every entry has a known dtype, a shape of non-negative integers and `begin ≤ end` within
///    the data block, and `end − begin = product(shape) × dtype size`;
/// 4. sorted by offset, the tensors tile the data block exactly: no gaps, no overlaps, no
///    trailing bytes.
///
/// Each violation throws the ``TensorFormatError`` case of that rule, naming the tensor.
public enum Safetensors {
    /// The largest header the reader accepts (the reference implementation's limit).
    public static let maximumHeaderSize = 100_000_000

    /// One header entry: where a tensor's bytes are and how to read them.
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var elementType: TensorElementType
        public var shape: [Int]
        /// Byte range within the data block.
        public var dataOffsets: Range<Int>
    }

    /// A validated header: entries in header order, metadata, and where the data block starts.
    public struct Header: Sendable, Equatable {
        public var entries: [Entry]
        public var metadata: [String: String]
        /// Offset of the data block in the file (8 + N).
        public var dataStart: Int
    }

    /// Whether `bytes` starts like a safetensors file: a header length that fits in the file,
    /// followed by `{`. (Content sniffing only; ``read(_:)`` validates everything.)
    public static func looksLike(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 10 else { return false }
        let n = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        return n >= 2 && n <= UInt64(bytes.count - 8) && bytes[8] == UInt8(ascii: "{")
    }

    /// Reads every tensor exactly (see ``TensorElementType`` for the value of each dtype).
    /// - Parameter maximumElements: the most elements (over all tensors) to decode; checked
    ///   from the header before any value is decoded.
    /// `maximumHeaderSize` and `maximumTensors` are as in ``readHeader(_:maximumHeaderSize:maximumTensors:)``.
    public static func read(
        _ bytes: [UInt8], maximumElements: Int = .max, maximumHeaderSize: Int = Safetensors.maximumHeaderSize, maximumTensors: Int = .max
    ) throws(TensorFormatError) -> TensorArchive {
        let header = try readHeader(bytes, maximumHeaderSize: maximumHeaderSize, maximumTensors: maximumTensors)
        let total = header.entries.reduce(0) { $0 &+ (elementCount($1.shape) ?? .max) }
        guard total >= 0, total <= maximumElements else { throw .tooManyElements(count: total, limit: maximumElements) }
        var tensors: [NamedTensor] = []
        tensors.reserveCapacity(header.entries.count)
        try withRawBytes(bytes) { (raw) throws(TensorFormatError) in
            for entry in header.entries {
                let start = header.dataStart + entry.dataOffsets.lowerBound
                let slice = UnsafeRawBufferPointer(rebasing: raw[start..<(header.dataStart + entry.dataOffsets.upperBound)])
                let values = try entry.elementType.decode(
                    slice, count: elementCount(entry.shape) ?? 0, bigEndian: false, tensor: entry.name, shape: entry.shape)
                tensors.append(NamedTensor(name: entry.name, shape: entry.shape, elementType: entry.elementType, values: values))
            }
        }
        return TensorArchive(tensors: tensors, metadata: header.metadata)
    }

    /// Reads and validates the header (rules 1–4 above) without decoding any tensor.
    /// - Parameters:
    ///   - maximumHeaderSize: the largest header length N accepted (rule 1).
    ///   - maximumTensors: the most tensors the header may list, checked before any is validated.
    public static func readHeader(
        _ bytes: [UInt8], maximumHeaderSize: Int = Safetensors.maximumHeaderSize, maximumTensors: Int = .max
    ) throws(TensorFormatError) -> Header {
        guard bytes.count >= 8 else { throw .truncatedHeaderLength(fileSize: bytes.count) }
        let n = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard n <= UInt64(maximumHeaderSize) else { throw .headerTooLarge(length: n, limit: maximumHeaderSize) }
        guard n <= UInt64(bytes.count - 8) else { throw .headerPastEnd(length: n, available: bytes.count - 8) }
        let headerBytes = Array(bytes[8..<(8 + Int(n))])
        if let bad = firstInvalidUTF8(headerBytes) { throw .headerNotUTF8(byteOffset: bad) }
        let json: JSONValue
        do { json = try JSONValue.parse(headerBytes) } catch { throw .headerNotJSON(reason: error.description) }
        guard case .object(let members) = json else { throw .headerNotObject(found: json.kindName) }
        let tensorCount = members.count - (json["__metadata__"] == nil ? 0 : 1)
        guard tensorCount <= maximumTensors else { throw .tooManyTensors(count: tensorCount, limit: maximumTensors) }

        let dataStart = 8 + Int(n)
        let dataSize = bytes.count - dataStart
        var entries: [Entry] = []
        var metadata: [String: String] = [:]
        // The JSON parser refuses duplicate keys, so names are unique.
        for member in members {
            let (name, value) = (member.key, member.value)
            if name == "__metadata__" {
                metadata = try parseMetadata(value)
            } else {
                entries.append(try parseEntry(name: name, value, dataSize: dataSize))
            }
        }
        try checkTiling(entries, dataSize: dataSize)
        return Header(entries: entries, metadata: metadata, dataStart: dataStart)
    }

    static func parseMetadata(_ value: JSONValue) throws(TensorFormatError) -> [String: String] {
        if case .null = value { return [:] }
        guard case .object(let members) = value else { throw .invalidMetadata(reason: "must be an object, found \(value.kindName)") }
        var out: [String: String] = [:]
        for member in members {
            let (key, v) = (member.key, member.value)
            guard case .string(let s) = v else { throw .invalidMetadata(reason: "value of \"\(key)\" must be a string, found \(v.kindName)") }
            out[key] = s
        }
        return out
    }

    static func parseEntry(name: String, _ value: JSONValue, dataSize: Int) throws(TensorFormatError) -> Entry {
        guard case .object = value else { throw .invalidEntry(tensor: name, reason: "must be an object, found \(value.kindName)") }
        func field(_ key: String) throws(TensorFormatError) -> JSONValue {
            guard let v = value[key] else { throw .invalidEntry(tensor: name, reason: "missing \"\(key)\"") }
            return v
        }
        func integers(_ key: String) throws(TensorFormatError) -> [Int] {
            guard case .array(let items) = try field(key) else { throw .invalidEntry(tensor: name, reason: "\"\(key)\" must be an array of integers") }
            var out: [Int] = []
            for item in items {
                guard case .number(let text) = item, let v = Int(text), v >= 0 else {
                    throw .invalidEntry(tensor: name, reason: "\"\(key)\" must hold non-negative integers, found \(item)")
                }
                out.append(v)
            }
            return out
        }
        guard case .string(let dtypeName) = try field("dtype") else { throw .invalidEntry(tensor: name, reason: "\"dtype\" must be a string") }
        guard let type = TensorElementType(safetensorsName: dtypeName) else { throw .unsupportedDType(tensor: name, dtype: dtypeName) }
        let shape = try integers("shape")
        let offsets = try integers("data_offsets")
        guard offsets.count == 2 else { throw .invalidEntry(tensor: name, reason: "\"data_offsets\" must be [begin, end]") }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end else { throw .offsetsReversed(tensor: name, begin: begin, end: end) }
        guard end <= dataSize else { throw .offsetsOutOfRange(tensor: name, end: end, dataSize: dataSize) }
        let count = elementCount(shape)
        let (expected, overflow) = (count ?? Int.max).multipliedReportingOverflow(by: type.byteCount)
        guard count != nil, !overflow, expected == end - begin else {
            throw .sizeMismatch(tensor: name, shape: shape, dtype: dtypeName, expectedBytes: overflow || count == nil ? Int.max : expected, foundBytes: end - begin)
        }
        return Entry(name: name, elementType: type, shape: shape, dataOffsets: begin..<end)
    }

    /// Rule 4: sorted by (begin, end), each tensor starts where the previous one ended, and the
    /// last one ends at the end of the data block.
    static func checkTiling(_ entries: [Entry], dataSize: Int) throws(TensorFormatError) {
        let sorted = entries.sorted { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        var position = 0
        var previous: String?
        for entry in sorted {
            if entry.dataOffsets.lowerBound > position {
                throw .gapInData(before: entry.name, from: position, to: entry.dataOffsets.lowerBound)
            }
            if entry.dataOffsets.lowerBound < position, let other = previous {
                throw .overlappingData(tensor: entry.name, other: other)
            }
            position = entry.dataOffsets.upperBound
            previous = entry.name
        }
        if position < dataSize { throw .trailingData(from: position, to: dataSize) }
    }
}
