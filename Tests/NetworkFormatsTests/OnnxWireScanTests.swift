import Testing
@testable import NetworkFormats

/// The walk over an ONNX model's protobuf that bounds what decoding would build, before
/// swift-protobuf decodes anything.
@Suite struct OnnxWireScanTests {
    /// A base-128 varint.
    static func varint(_ value: Int) -> [UInt8] {
        var v = UInt64(value), out: [UInt8] = []
        repeat {
            out.append(UInt8(v & 0x7F) | (v >= 0x80 ? 0x80 : 0))
            v >>= 7
        } while v > 0
        return out
    }

    /// A length-delimited field.
    static func field(_ number: Int, _ payload: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(payload.count) + payload
    }

    /// `ModelProto { ir_version: 7, graph: <graph> }`.
    static func model(graph: [UInt8]) -> [UInt8] { [0x08, 0x07] + field(7, graph) }

    static func scan(_ bytes: [UInt8], _ limits: OnnxLimits = ReadLimits.default.onnx) throws(OnnxWireScan.Failure) {
        try OnnxWireScan.check(bytes, limits: limits)
    }

    static func values(_ n: Int) -> OnnxLimits {
        var limits = OnnxLimits()
        limits.maximumValues = n
        return limits
    }

    /// Every committed model passes, and the counts it finds are what the schema says: one
    /// value per field, one per packed element, one message per message field.
    @Test func committedModelsPassAndCountsFollowTheSchema() throws {
        for file in ["mlp784.onnx", "mixed_dynamo.onnx", "residual.onnx"] {
            try Self.scan(try Fixtures.bytes("Frameworks/" + file))
        }
        // graph { initializer { dims: [2, 3] (packed), raw_data: 24 bytes } }
        let tensor = Self.field(1, [2, 3]) + Self.field(9, [UInt8](repeating: 0, count: 24))
        let bytes = Self.model(graph: Self.field(5, tensor))
        var scan = OnnxWireScan(bytes: bytes, limits: OnnxLimits())
        try scan.walk(.model, from: 0, to: bytes.count)
        #expect(scan.messages == 2)  // the graph and the tensor
        #expect(scan.values == 7)  // ir_version, graph, initializer, dims and its 2 elements, raw_data
    }

    /// Two-byte empty nodes cost a message each: a 2 MB model of a million of them is refused
    /// at the default limit before decoding, naming the limit and the byte.
    @Test func manyEmptyMessagesAreRefusedBeforeDecoding() {
        let nodes = [UInt8]([0x0A, 0x00]).repeated(1_000_001)
        let bytes = Self.model(graph: nodes)
        do {
            _ = try Onnx.read(bytes, file: "nodes.onnx")
            Issue.record("a million and one empty nodes must be refused")
        } catch {
            #expect(error.description.hasPrefix("nodes.onnx: byte "))
            #expect(error.message.contains("more than 1000000 protobuf messages"), "\(error)")
        }
    }

    /// A packed int64 run of one-byte varints decodes to 8 bytes per byte: counted per element.
    @Test func packedElementsAreCounted() {
        let dims = [UInt8](repeating: 0x01, count: 1_001)
        let bytes = Self.model(graph: Self.field(5, Self.field(1, dims)))
        #expect(throws: OnnxWireScan.Failure.self) { try Self.scan(bytes, Self.values(1_000)) }
        #expect(throws: Never.self) { try Self.scan(bytes, Self.values(1_010)) }
        // The reader's limit follows --max-parameters as JSON's does.
        #expect(ReadLimits(maximumParameters: 100_000_000).onnx.maximumValues == 201_000_000)
        #expect(ReadLimits(maximumParameters: 5).onnx.maximumValues == 25_000_000)
    }

    /// Unknown fields are skipped, groups included, and their fields still count.
    @Test func unknownFieldsAndGroupsAreSkippedAndCounted() throws {
        // field 99 as a group holding three varints, then an unknown fixed64 and fixed32.
        let group = Self.varint(99 << 3 | 3) + [0x08, 1, 0x08, 2, 0x08, 3] + Self.varint(99 << 3 | 4)
        let bytes = [0x08, 0x07] + group + Self.varint(98 << 3 | 1) + [UInt8](repeating: 0, count: 8) + Self.varint(97 << 3 | 5) + [0, 0, 0, 0]
        var scan = OnnxWireScan(bytes: bytes, limits: OnnxLimits())
        try scan.walk(.model, from: 0, to: bytes.count)
        #expect(scan.values == 7)
        #expect(scan.messages == 0)
        let deep = [UInt8](Self.varint(99 << 3 | 3)).repeated(100)
        #expect(throws: OnnxWireScan.Failure.self) { try Self.scan([0x08, 0x07] + deep) }
    }

    /// Malformed wire data is refused with the byte where it goes wrong.
    @Test(arguments: [
        ([0x08, 0x07, 0x3A, 0x05, 0x0A] as [UInt8], "runs past the end"),
        ([0x08, 0x07, 0x08], "varint runs past the end"),
        ([0x08] + [UInt8](repeating: 0xFF, count: 11), "longer than 10 bytes"),
        ([0x08, 0x07, 0x0E], "wire type 6"),
        ([0x08, 0x07, 0x09, 0x00], "fixed-width field runs past the end"),
        ([0x08, 0x07, 0x3A, 0x8F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01], "runs past the end"),
    ])
    func malformedWireDataIsRefused(bytes: [UInt8], fragment: String) {
        do {
            _ = try Onnx.read(bytes, file: "bad.onnx")
            Issue.record("must fail: \(fragment)")
        } catch {
            #expect(error.message.contains(fragment), "\(error)")
            #expect(error.place?.hasPrefix("byte ") == true)
        }
    }
}

extension Array {
    /// The array repeated `count` times.
    func repeated(_ count: Int) -> [Element] {
        var out: [Element] = []
        out.reserveCapacity(self.count * count)
        for _ in 0..<count { out += self }
        return out
    }
}
