import CZlib
import Foundation
import Testing
@testable import NetworkFormats

/// Sizes, counts and offsets taken from a file are checked before they are used: with
/// overflow-checked arithmetic, and before anything they size is allocated or inflated.
@Suite struct HostileSizeTests {
    /// A raw deflate stream (RFC 1951) of `data`.
    static func deflate(_ data: [UInt8]) -> [UInt8] {
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK)
        var out = [UInt8](repeating: 0, count: data.count + 1024)
        var input = data
        input.withUnsafeMutableBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { o in
                stream.next_in = inp.baseAddress
                stream.avail_in = UInt32(inp.count)
                stream.next_out = o.baseAddress
                stream.avail_out = UInt32(o.count)
                _ = CZlib.deflate(&stream, Z_FINISH)
            }
        }
        let n = Int(stream.total_out)
        deflateEnd(&stream)
        return Array(out.prefix(n))
    }

    /// A one-entry ZIP archive whose entry is deflated `compressed`, declaring `size` and `crc`.
    static func deflatedArchive(name: String, compressed: [UInt8], size: Int, crc: UInt32) -> [UInt8] {
        func le(_ v: Int, _ n: Int) -> [UInt8] { (0..<n).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        let n = Array(name.utf8)
        let local = le(0x0403_4B50, 4) + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 4) + le(Int(crc), 4)
            + le(compressed.count, 4) + le(size, 4) + le(n.count, 2) + le(0, 2) + n + compressed
        let central = le(0x0201_4B50, 4) + le(20, 2) + le(20, 2) + le(0, 2) + le(8, 2) + le(0, 4) + le(Int(crc), 4)
            + le(compressed.count, 4) + le(size, 4) + le(n.count, 2) + le(0, 6) + le(0, 2) + le(0, 4) + le(0, 4) + n
        let end = le(0x0605_4B50, 4) + le(0, 4) + le(1, 2) + le(1, 2) + le(central.count, 4) + le(local.count, 4) + le(0, 2)
        return local + central + end
    }

    @Test("a string width whose byte size overflows is refused, alone and inside an npz", arguments: ["<U4611686018427387904", "|S9223372036854775807", "<U99999999999999999999999"])
    func descrWidthOverflow(descr: String) throws {
        let file = Npy.encode(descr: descr, shape: [1], data: [])
        #expect(throws: TensorFormatError.npyUnsupportedDescr(entry: "", descr: descr, hint: "string widths above 2147483647 characters are not read")) {
            try Npy.read(file, entry: "")
        }
        let archive = try Npz.encode([(name: "m", npy: file)])
        #expect(throws: TensorFormatError.self) { try Npz.read(archive) }
    }

    @Test("shape × item size that overflows Int is refused, not trapped")
    func shapeTimesItemSizeOverflow() {
        let file = Npy.encode(descr: "<U2147483647", shape: [1 << 40], data: [])
        #expect(throws: TensorFormatError.self) { try Npy.read(file, entry: "") }
    }

    /// Every archive shorter than a ZIP64 end record (56 bytes) with a ZIP64 end marker and a
    /// locator: the record offset must be checked without subtracting 56 from the length.
    @Test("a ZIP64 end marker in a file too short for the ZIP64 record is an error", arguments: 0..<8)
    func zip64Short(padding: Int) {
        let locator: [UInt8] = [0x50, 0x4B, 0x06, 0x07] + [UInt8](repeating: 0, count: 16)
        let end: [UInt8] = [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF] + [UInt8](repeating: 0xFF, count: 8) + [0, 0]
        let bytes = [UInt8](repeating: 0, count: padding) + locator + end
        #expect(bytes.count < 56)
        #expect(throws: TensorFormatError.zipInvalid(reason: "the ZIP64 end record is missing")) { try Zip.entries(bytes) }
    }

    @Test("npy headers over numpy's 10,000 bytes are refused before they are parsed")
    func headerLimit() throws {
        var file = Npy.encode(shape: [1], type: .float64, data: [UInt8](repeating: 0, count: 8))
        #expect(try Npy.read(file, entry: "").shape == [1])
        // Version 2.0 with a 10,001-byte header of spaces after the dict.
        let dict = Array("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }".utf8)
        let header = dict + [UInt8](repeating: 0x20, count: 10_001 - dict.count - 1) + [0x0A]
        file = Npy.magic + [2, 0] + [0x11, 0x27, 0, 0] + header + [UInt8](repeating: 0, count: 8)
        #expect(throws: TensorFormatError.npyInvalidHeader(entry: "", reason: "the header of 10001 bytes exceeds numpy's limit of 10000 bytes")) {
            try Npy.read(file, entry: "")
        }
    }

    /// The deflate stream is cut after the npy header: inflating the whole entry would fail as
    /// corrupt data. The element-count error shows the header was read and checked first.
    @Test("an npz entry's npy header is checked before the entry is inflated")
    func headerBeforeInflation() throws {
        let npy = Npy.encode(descr: "<f8", shape: [500_000_000], data: [UInt8](repeating: 0, count: 1 << 16))
        let stream = Self.deflate(npy)
        let cut = Array(stream.dropLast(8))
        #expect(throws: TensorFormatError.self) { try Zip.inflate(cut[...], expectedSize: npy.count, entry: "W0.npy") }
        let declared = npy.count - (1 << 16) + 8 * 500_000_000
        let archive = Self.deflatedArchive(name: "W0.npy", compressed: cut, size: declared & 0xFFFF_FFFF, crc: 0)
        #expect(throws: TensorFormatError.tooManyElements(count: 500_000_000, limit: 10_000_000)) {
            try Npz.read(archive, maximumElements: 10_000_000)
        }
        // A small header with a large declared size: refused from the directory, before inflating.
        let small = Npy.encode(descr: "<f8", shape: [1], data: [UInt8](repeating: 0, count: 8))
        let padded = small + [UInt8](repeating: 0, count: 1 << 16)
        let lying = Self.deflatedArchive(name: "W0.npy", compressed: Self.deflate(padded), size: padded.count, crc: 0)
        #expect(throws: TensorFormatError.zipCorruptEntry(entry: "W0.npy", reason: "declares \(padded.count) bytes, but its npy header accounts for \(small.count)")) {
            try Npz.read(lying)
        }
    }

    @Test("string entries are counted against the string budget and the element limit")
    func stringEntriesAreSummed() throws {
        let empty = Npy.encode(descr: "<U0", shape: [9_000], data: [])
        let archive = try Npz.encode((0..<4).map { (name: "s\($0)", npy: empty) })
        // Each element costs at least one byte: 9,000 per entry.
        #expect(try Npz.read(archive, maximumStringBytes: 36_000).metadata.count == 4)
        #expect(throws: TensorFormatError.self) { try Npz.read(archive, maximumStringBytes: 35_999) }
        #expect(throws: TensorFormatError.tooManyElements(count: 18_000, limit: 17_999)) { try Npz.read(archive, maximumElements: 17_999) }
    }

    @Test("two npz entries naming one array are an error, not a silent overwrite")
    func npzNameCollision() throws {
        let one = Npy.encode(shape: [1, 1], type: .float64, data: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        let archive = try Zip.storedArchive([("W0.npy", one), ("W0", one)])
        #expect(throws: TensorFormatError.layout(reason: "npz entries \"W0.npy\" and \"W0\" both name the array \"W0\"")) { try Npz.read(archive) }
    }

    @Test("a weight or bias named in two conventions is an error naming both tensors")
    func layerNameCollision() {
        func t(_ name: String, _ shape: [Int]) -> NamedTensor {
            NamedTensor(name: name, shape: shape, elementType: .float64, values: Array(repeating: 1, count: shape.reduce(1, *)))
        }
        let weights = TensorArchive(tensors: [t("0.weight", [1, 1]), t("W0", [1, 1])], metadata: ["nnid.activations": "identity"])
        #expect(throws: TensorFormatError.layout(reason: "tensors \"0.weight\" and \"W0\" are both the weight of layer \"0\"; keep one naming convention")) {
            try TensorLayout.network(from: weights)
        }
        let biases = TensorArchive(tensors: [t("0.weight", [1, 1]), t("b0", [1]), t("0.bias", [1])], metadata: ["nnid.activations": "identity"])
        #expect(throws: TensorFormatError.layout(reason: "tensors \"b0\" and \"0.bias\" are both the bias of layer \"0\"; keep one naming convention")) {
            try TensorLayout.network(from: biases)
        }
    }
}

/// The JSON parser recurses once per nesting level; its depth limit has a hard ceiling.
@Suite struct JSONDepthCeilingTests {
    static let stackBytes = Int(ProcessInfo.processInfo.environment["NNID_STACK_PROBE"] ?? "") ?? 2 << 20

    static func nested(_ depth: Int) -> [UInt8] {
        [UInt8](repeating: UInt8(ascii: "["), count: depth) + [UInt8](repeating: UInt8(ascii: "]"), count: depth)
    }

    @Test("a depth limit above the ceiling is the ceiling")
    func ceilingApplies() {
        let limits = JSONLimits(maximumDepth: .max)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(Self.nested(JSONLimits.depthCeiling + 1), limits: limits) }
        #expect((try? JSONValue.parse(Self.nested(JSONLimits.depthCeiling), limits: limits)) != nil)
    }

    /// Parsing, comparing and freeing a document at the ceiling fits in 2 MiB of stack (a
    /// quarter of the main thread's 8 MiB) in a debug build, whose frames are the largest.
    @Test("a document at the ceiling is parsed, compared and freed on a 2 MiB stack")
    func ceilingFitsTheStack() async {
        let done = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let thread = Thread {
                let limits = JSONLimits(maximumDepth: JSONLimits.depthCeiling)
                var ok = false
                do {
                    let a = try JSONValue.parse(Self.nested(JSONLimits.depthCeiling), limits: limits)
                    let b = try JSONValue.parse(Self.nested(JSONLimits.depthCeiling), limits: limits)
                    ok = a == b
                } catch {}
                continuation.resume(returning: ok)
            }
            thread.stackSize = Self.stackBytes
            thread.start()
        }
        #expect(done)
    }
}
