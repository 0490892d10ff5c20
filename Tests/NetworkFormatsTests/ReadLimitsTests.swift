import Exact
import Foundation
import TestSupport
import Testing

@testable import NetworkFormats

/// Resource limits: each one refuses input just past it and accepts input at it, and nothing
/// is allocated in proportion to a number the file merely claims.
struct ReadLimitsTests {
    @Test("the JSON value limit counts every value, containers included")
    func valueLimit() throws {
        // [1,2,3,4] is five values: the array and its four numbers.
        #expect(try JSONValue.parse("[1,2,3,4]", limits: JSONLimits(maximumValues: 5)) == .array((1...4).map { .number("\($0)") }))
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse("[1,2,3,4,5]", limits: JSONLimits(maximumValues: 5)) }
    }

    @Test("the JSON value limit follows the parameter limit: 2·P + 10⁶, at least 25·10⁶")
    func valueLimitFollowsParameters() {
        #expect(ReadLimits().json.maximumValues == 25_000_000)
        #expect(ReadLimits(maximumParameters: 100_000_000).json.maximumValues == 201_000_000)
        #expect(ReadLimits(maximumParameters: .max).json.maximumValues == .max)
        #expect(ReadLimits(maximumParameters: .max / 2).json.maximumValues == .max)
    }

    static let threeParameters = Array(#"{"inputs": 2, "layers": [{"activation": "relu", "weights": [[1, 2]], "bias": [3]}]}"#.utf8)

    @Test("the parameter limit counts weights and biases, and admits exactly the limit")
    func parameterLimit() throws {
        #expect(try NativeJSONFormat.decode(Self.threeParameters, file: "t", limits: ReadLimits(maximumParameters: 3)).parameterCount == 3)
        #expect(throws: FormatError(file: "t", place: "layers[0].bias", message: "the network has more than 2 parameters (the limit; see \(setting: .maximumFileParameters))")) {
            try NativeJSONFormat.decode(Self.threeParameters, file: "t", limits: ReadLimits(maximumParameters: 2))
        }
    }

    @Test("a claimed width of Int.max is refused without overflow or allocation")
    func claimedWidth() {
        let json = Array(#"{"inputs": 9223372036854775807, "layers": [{"activation": "relu", "weights": [[1], [1]]}]}"#.utf8)
        #expect(throws: FormatError.self) { try NativeJSONFormat.decode(json, file: "t", limits: ReadLimits(maximumParameters: .max)) }
    }

    @Test("the file-size limit applies to regular files before they are read")
    func fileSizeLimit() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("net.json").path
        try FileBytes.writeAtomically(Self.threeParameters, to: path)
        #expect(try FileBytes.read(path: path, limit: Self.threeParameters.count) == Self.threeParameters)
        #expect(throws: FormatError(file: path, message: "file of \(Self.threeParameters.count) bytes exceeds the limit of 10 bytes")) {
            try FileBytes.read(path: path, limit: 10)
        }
    }

    static func temporaryDirectory() throws -> URL { try scratchDirectory("limits") }
}

/// No data lost: a failed write leaves what was there untouched and no temporary file behind.
struct AtomicWriteFailureTests {
    @Test("a directory as the target is refused: it is untouched and no temporary is left")
    func renameFailure() throws {
        let dir = try ReadLimitsTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The target is a non-empty directory: refused before any temporary file is made.
        let target = dir.appendingPathComponent("out.json")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside"))
        #expect(throws: FormatError.self) { try FileBytes.writeAtomically(Array("new".utf8), to: target.path) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
        #expect(try Data(contentsOf: target.appendingPathComponent("inside")) == Data("keep".utf8))
    }

    @Test("a write into a read-only directory fails and leaves the existing file byte-identical",
          .enabled(if: geteuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectory() throws {
        let unchanged = try directoryUnchanged(readOnlyHolding: "out.json", contents: Data("original".utf8)) { target in
            #expect(throws: FormatError.self) { try FileBytes.writeAtomically(Array("new".utf8), to: target.path) }
        }
        #expect(unchanged, "the directory changed")
    }
}

/// The tensor-file limits: header size and tensor count, from `ReadLimits` through `NetworkReader`.
struct TensorReadLimitsTests {
    /// A safetensors file of `count` empty F32 tensors (shape [0], no data).
    static func emptyTensors(_ count: Int) -> [UInt8] {
        let entries = (0..<count).map { #""t\#($0)":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}"# }
        let header = Array(("{" + entries.joined(separator: ",") + "}").utf8)
        return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header
    }

    @Test("the tensor count is checked before the tensors are validated")
    func tensorCount() throws {
        var limits = ReadLimits()
        limits.maximumTensors = 3
        #expect(throws: FormatError(file: "t", message: "the file holds 4 tensors; the limit is 3")) {
            try NetworkReader.read(bytes: Self.emptyTensors(4), file: "t", options: ReadOptions(limits: limits))
        }
        #expect(try Safetensors.readHeader(Self.emptyTensors(3), maximumTensors: 3).entries.count == 3)
    }

    @Test("the header-size limit comes from ReadLimits")
    func headerSize() {
        var limits = ReadLimits()
        limits.maximumHeaderSize = 20
        let bytes = Self.emptyTensors(1)
        #expect(throws: FormatError(file: "t", message: "safetensors: header length \(bytes.count - 8) exceeds the limit of 20 bytes")) {
            try NetworkReader.read(bytes: bytes, file: "t", options: ReadOptions(limits: limits))
        }
    }
}
