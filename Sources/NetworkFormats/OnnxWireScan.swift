import Networks

/// An up-front walk over a `ModelProto`'s bytes that counts what decoding would build, so a
/// hostile model is refused before swift-protobuf allocates anything.
///
/// The Protocol Buffers wire format is a sequence of fields, each a varint key
/// (field number << 3 | wire type) followed by a varint (type 0), 8 bytes (1), a varint length
/// and that many bytes (2), a group up to its end marker (3, 4), or 4 bytes (5). Decoding
/// makes one Swift value per field occurrence, one per element of a packed repeated number
/// field, and one message per occurrence of a message field — so a two-byte empty `NodeProto`
/// costs a whole message, and a ten-byte packed int64 run ten 8-byte elements. The walk follows
/// the schema of `Protos/onnx-subset.proto` (the ONNX specification's field numbers), counts
/// messages and values without allocating, and stops at the first count beyond
/// ``OnnxLimits``. Unknown fields are skipped (groups nest at most 64 deep), as the decoder
/// keeps them as bytes.
struct OnnxWireScan {
    /// The messages of the subset, and for each the fields that are messages or packed numbers.
    enum Message {
        case model, operatorSet, entry, graph, node, attribute, tensor, valueInfo, type, typeTensor, shape, dimension

        enum Field { case message(Message), packed(width: Int) }

        /// `width` 0 is a packed varint, 4 and 8 fixed-width numbers.
        var fields: [Int: Field] {
            switch self {
            case .model: return [8: .message(.operatorSet), 7: .message(.graph), 14: .message(.entry)]
            case .graph: return [1: .message(.node), 5: .message(.tensor), 11: .message(.valueInfo), 12: .message(.valueInfo), 13: .message(.valueInfo)]
            case .node: return [5: .message(.attribute)]
            case .attribute: return [5: .message(.tensor), 7: .packed(width: 4), 8: .packed(width: 0)]
            case .tensor:
                return [1: .packed(width: 0), 4: .packed(width: 4), 5: .packed(width: 0), 7: .packed(width: 0), 10: .packed(width: 8), 11: .packed(width: 0), 13: .message(.entry)]
            case .valueInfo: return [2: .message(.type)]
            case .type: return [1: .message(.typeTensor)]
            case .typeTensor: return [2: .message(.shape)]
            case .shape: return [1: .message(.dimension)]
            case .operatorSet, .entry, .dimension: return [:]
            }
        }
    }

    /// Why the walk stopped: a count beyond a limit, or bytes that are not a protobuf.
    struct Failure: Error {
        var offset: Int
        var message: SettingMessage
    }

    let bytes: [UInt8]
    let limits: OnnxLimits
    var messages = 0
    var values = 0

    /// Walks the whole model; throws at the first limit exceeded or malformed field.
    static func check(_ bytes: [UInt8], limits: OnnxLimits) throws(Failure) {
        var scan = OnnxWireScan(bytes: bytes, limits: limits)
        try scan.walk(.model, from: 0, to: bytes.count)
    }

    mutating func walk(_ message: Message, from start: Int, to end: Int) throws(Failure) {
        let fields = message.fields
        var position = start
        while position < end {
            let fieldStart = position
            let key = try varint(&position, end: end)
            let (number, wireType) = (Int(key >> 3), Int(key & 7))
            try count(values: 1, at: fieldStart)
            switch wireType {
            case 2:
                let length = try lengthPrefix(&position, end: end)
                switch fields[number] {
                case .message(let child)?:
                    messages += 1
                    guard messages <= limits.maximumMessages else {
                        throw Failure(offset: fieldStart, message: "the model holds more than \(limits.maximumMessages) protobuf messages (the limit)")
                    }
                    try walk(child, from: position, to: position + length)
                case .packed(let width)?:
                    let elements = width == 0 ? bytes[position..<(position + length)].count { $0 < 0x80 } : length / width
                    try count(values: elements, at: fieldStart)
                case nil: break
                }
                position += length
            default:
                try skip(wireType: wireType, at: &position, end: end, depth: 0)
            }
        }
    }

    mutating func count(values n: Int, at offset: Int) throws(Failure) {
        values += n
        guard values <= limits.maximumValues else {
            throw Failure(offset: offset, message: "the model holds more than \(limits.maximumValues) protobuf values (the limit; see \(setting: .maximumFileParameters))")
        }
    }

    /// Skips the payload of a field of `wireType` other than a length-delimited one.
    mutating func skip(wireType: Int, at position: inout Int, end: Int, depth: Int) throws(Failure) {
        switch wireType {
        case 0: _ = try varint(&position, end: end)
        case 1, 5:
            let width = wireType == 1 ? 8 : 4
            guard width <= end - position else { throw Failure(offset: position, message: "a fixed-width field runs past the end") }
            position += width
        case 2: position += try lengthPrefix(&position, end: end)
        case 3:
            guard depth < 64 else { throw Failure(offset: position, message: "groups nest deeper than 64 levels") }
            while true {
                let fieldStart = position
                let key = try varint(&position, end: end)
                if key & 7 == 4 { return }
                try count(values: 1, at: fieldStart)
                try skip(wireType: Int(key & 7), at: &position, end: end, depth: depth + 1)
            }
        default: throw Failure(offset: position, message: "wire type \(wireType) is not a protobuf field")
        }
    }

    /// A length prefix whose bytes lie inside `..<end`.
    func lengthPrefix(_ position: inout Int, end: Int) throws(Failure) -> Int {
        let start = position
        let length = try varint(&position, end: end)
        guard length <= UInt64(end - position) else {
            throw Failure(offset: start, message: "a field of \(length) bytes runs past the end of its message")
        }
        return Int(length)
    }

    /// A base-128 varint of at most 10 bytes.
    func varint(_ position: inout Int, end: Int) throws(Failure) -> UInt64 {
        var value: UInt64 = 0
        for shift in stride(from: 0, to: 70, by: 7) {
            guard position < end else { throw Failure(offset: position, message: "a varint runs past the end of its message") }
            let b = bytes[position]
            position += 1
            value |= UInt64(b & 0x7F) << UInt64(shift)
            if b < 0x80 { return value }
        }
        throw Failure(offset: position, message: "a varint longer than 10 bytes")
    }
}
