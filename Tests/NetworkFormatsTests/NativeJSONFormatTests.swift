import Exact
import Foundation
import LinearAlgebra
import Networks
import PropertyBased
import Testing

@testable import NetworkFormats

/// The native JSON format: exact numbers, round trips, and errors that name the JSON path.
struct NativeJSONFormatTests {
    static let examplesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples")

    static func exampleFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    func decode(_ text: String) throws(FormatError) -> Network {
        try NativeJSONFormat.decode(Array(text.utf8), file: "t.json")
    }

    @Test("every example reads, and write → read is the identity", arguments: exampleFiles())
    func examplesRoundTrip(_ name: String) throws {
        let network = try NetworkReader.read(path: Self.examplesDirectory.appendingPathComponent(name).path)
        let again = try decode(NativeJSONFormat.encode(network))
        #expect(again == network)
        #expect(NativeJSONFormat.encode(again) == NativeJSONFormat.encode(network))
    }

    @Test func numberLiteralsAreReadFromTheirDecimalText() throws {
        let n = try decode(#"{"inputs": 1, "layers": [{"activation": "identity", "weights": [[0.1]], "bias": [1e-3]}]}"#)
        #expect(n.layers[0].connections[0].weights[0, 0] == Rational(1, 10))
        #expect(n.layers[0].bias == [Rational(1, 1000)])
    }

    @Test func nullMarksAnAbsentEdge() throws {
        let n = try decode(#"{"inputs": 2, "layers": [{"activation": "relu", "weights": [["1", null]]}]}"#)
        #expect(n.parameterCount == 1)
        #expect(n.layers[0].connections[0].hasEdge(0, 1) == false)
        #expect(n.layers[0].bias == nil)
    }

    @Test("random networks survive write → read exactly")
    func randomRoundTrip() async {
        let entry = zip(Gen.int(in: -1000...1000), Gen.int(in: 1...97)).map { n, d in Rational(n, d) }
        await propertyCheck(count: 50, input: Gen.int(in: 1...4), Gen.int(in: 1...4), entry.array(of: 40)) { (inputs: Int, hidden: Int, values: [Rational]) in
            var k = 0
            func next() -> Rational { defer { k += 1 }; return values[k % values.count] }
            let w1 = (0..<hidden).map { _ in (0..<inputs).map { _ in next() } }
            let w2 = [(0..<hidden).map { _ in next() }]
            guard let network = try? Network.mlp(
                widths: [inputs, hidden, 1], activations: [.leakyReLU(slope: Rational(1, 10)), .identity],
                weights: [w1, w2], biases: [(0..<hidden).map { _ in next() }, nil])
            else { Issue.record("construction failed"); return }
            #expect((try? decode(NativeJSONFormat.encode(network))) == network)
        }
    }

    @Test(arguments: [
        (#"[1]"#, "expected a JSON object at the top level"),
        (#"{"layers": []}"#, "inputs: missing"),
        (#"{"inputs": 0, "layers": []}"#, "inputs: a network needs at least one input"),
        (#"{"inputs": 1, "layers": []}"#, "layers: expected a non-empty array"),
        (#"{"inputs": 1, "layers": [{"activation": "relu"}]}"#, "layers[0].weights: missing"),
        (#"{"inputs": 1, "layers": [{"weights": [[1]]}]}"#, "layers[0].activation: missing"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[1]], "bais": [0]}]}"#, "layers[0].bais: unknown key"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[1]], "bias": [0, 1]}]}"#, "layers[0].bias: expected 1 biases"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1/0"]]}]}"#, "layers[0].weights[0][0]: zero denominator"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[true]]}]}"#, "layers[0].weights[0][0]: expected an exact number"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1e999999"]]}]}"#, "exponent outside"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [[1]], "skip": [{"from": 0, "weights": [[1]]}]}]}"#, "layers[0].skip[0].from"),
        (#"{"inputs": 1, "input_domain": {"box": ["1", "-1"]}, "layers": [{"activation": "relu", "weights": [[1]]}]}"#, "input_domain.box[0]: lower end"),
        (#"{"inputs": 1, "inputs": 2}"#, "duplicate key"),
        (#"{"format": "onnx", "inputs": 1, "layers": []}"#, "format: expected"),
    ])
    func errorsNameTheirPlace(json: String, fragment: String) {
        #expect(throws: FormatError.self) { try decode(json) }
        do {
            _ = try decode(json)
        } catch {
            #expect(error.description.contains(fragment), "\(error.description)")
            #expect(error.description.hasPrefix("t.json"))
        }
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(deep) }
    }

    @Test func formatIsDetectedByContent() {
        #expect(FileFormat.detect(Array("  {\"inputs\": 1}".utf8)) == .nativeJSON)
        #expect(FileFormat.detect([0x93] + Array("NUMPY".utf8)) == .npy)
        #expect(FileFormat.detect([0x50, 0x4B, 0x03, 0x04]) == .npz)
        #expect(FileFormat.detect([2, 0, 0, 0, 0, 0, 0, 0, UInt8(ascii: "{"), UInt8(ascii: "}")]) == .safetensors)
        #expect(FileFormat.detect(Array("hello".utf8)) == nil)
    }

    @Test func atomicWriteReplacesWholeFileAndLeavesNoTemporary() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-atomic-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try FileBytes.writeAtomically(Array("first".utf8), to: path)
        try FileBytes.writeAtomically(Array("second".utf8), to: path)
        #expect(try FileBytes.read(path: path) == Array("second".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
        // A write into a missing directory fails and creates nothing.
        #expect(throws: FormatError.self) { try FileBytes.writeAtomically([1], to: dir.appendingPathComponent("no/such/x").path) }
    }
}
