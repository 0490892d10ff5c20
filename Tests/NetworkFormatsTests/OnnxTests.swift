import Exact
import LinearAlgebra
import Networks
import Testing
@testable import NetworkFormats

/// ONNX models written by `torch.onnx.export` (both exporters) and by `onnx.helper`
/// (Fixtures/make_framework_fixtures.py), read back against safetensors copies of the values.
@Suite struct OnnxTests {
    static func bytes(_ file: String) throws -> [UInt8] { try Fixtures.bytes("Frameworks/" + file) }

    static func read(_ file: String) throws -> Network {
        try NetworkReader.read(bytes: try bytes(file), file: file)
    }

    static func reference(_ file: String, _ activations: [Activation]) throws -> Network {
        try TensorLayout.network(from: try Safetensors.read(try bytes(file)), activations: activations)
    }

    @Test func theBigMLPIsTorchsBitForBitWithItsActivations() throws {
        #expect(FileFormat.detect(try Self.bytes("mlp784.onnx")) == .onnx)
        let net = try Self.read("mlp784.onnx")
        #expect(net.widths == [784, 128, 10])
        #expect(net.layers == (try Self.reference("mlp784.safetensors", [.relu, .identity])).layers)
        // The same network as torch.save wrote it.
        let pt = try NetworkReader.read(bytes: try Self.bytes("mlp784.pt"), file: "mlp784.pt", options: ReadOptions(activations: [.relu, .identity]))
        #expect(pt == net)
    }

    /// The torch.export-based exporter: LeakyReLU's alpha is the float32 0.01, read exactly.
    @Test func theDynamoExportWithLeakyReluAndTanh() throws {
        let alpha = try Rational(exactly: Float(0.01))
        let net = try Self.read("mixed_dynamo.onnx")
        #expect(net.layers.map(\.activation.name) == ["leaky_relu(\(alpha))", "tanh", "identity"])
        #expect(net.layers == (try Self.reference("mixed.safetensors", [.leakyReLU(slope: alpha), .tanh, .identity])).layers)
    }

    /// MatMul + Add, Gemm with alpha 1/2 and beta 2, a skip connection from the input, and no-op
    /// Flatten and Reshape.
    @Test func matMulAddSkipConnectionsAndNoOps() throws {
        let net = try Self.read("residual.onnx")
        let want = try Safetensors.read(try Self.bytes("residual.safetensors"))
        func matrix(_ name: String) throws -> Matrix<Rational> {
            let t = try #require(want[name])
            return try #require(Matrix(rows: t.shape[0], columns: t.shape[1], elements: t.values))
        }
        #expect(net.widths == [3, 4, 2])
        #expect(net.layers[0].connections == [Connection(source: 0, weights: try matrix("W1"))])
        #expect(net.layers[0].bias == want["b1"]?.values)
        #expect(net.layers[0].activation == .relu)
        #expect(net.layers[1].connections == [Connection(source: 1, weights: try matrix("W2")), Connection(source: 0, weights: try matrix("S"))])
        #expect(net.layers[1].bias == want["b2"]?.values)
        #expect(net.layers[1].activation == .identity)
    }

    /// Writing ONNX and reading it back is the identity, skip connections, name, domain and
    /// metadata included, for every dtype that holds the values.
    @Test func writingAndReadingBackIsTheIdentity() throws {
        for file in ["mlp784.onnx", "mixed_dynamo.onnx", "residual.onnx"] {
            var net = try Self.read(file)
            net.name = "round trip"
            net.inputDomain = .gaussian(mean: 0, standardDeviation: 1)
            net.metadata["origin"] = file
            for type in [TensorElementType.float32, .float64] {
                let (bytes, report) = try NetworkWriter.encode(net, as: .onnx, options: WriteOptions(elementType: type), file: "out.onnx")
                #expect(report.roundedCount == 0)
                #expect(try NetworkReader.read(bytes: bytes, file: "out.onnx") == net)
            }
        }
    }

    @Test func writingRefusesWhatONNXCannotHold() throws {
        let third = Rational(1) / Rational(3)
        let net = try Network.mlp(widths: [1, 1], activations: [.relu], weights: [[[third]]], biases: [nil])
        #expect(throws: FormatError.self) { try NetworkWriter.encode(net, as: .onnx, options: WriteOptions(elementType: .float32), file: "x.onnx") }
        let leaky = try Network.mlp(widths: [1, 1, 1], activations: [.leakyReLU(slope: third), .identity], weights: [[[1]], [[1]]], biases: [nil, nil])
        #expect(throws: FormatError.self) { try NetworkWriter.encode(leaky, as: .onnx, file: "x.onnx") }
    }

    @Test(arguments: [
        ("onnx-huge-initializer.onnx", "dims [1048576, 1048576] hold 1099511627776 numbers"),
        ("onnx-cycle.onnx", "cycle"),
        ("onnx-unknown-op.onnx", "operator Conv is not read"),
    ])
    func hostileModelsFailNamingThePlace(file: String, fragment: String) throws {
        let path = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("CLITests/Corpus/\(file)")
        do {
            _ = try NetworkReader.read(path: path.path)
            Issue.record("\(file) must fail")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }

    @Test func truncatedAndGarbledModelsFailCleanly() throws {
        let bytes = try Self.bytes("mlp784.onnx")
        for cut in [4, 100, 1000, bytes.count / 2, bytes.count - 1] {
            #expect(throws: FormatError.self) { try NetworkReader.read(bytes: Array(bytes.prefix(cut)), file: "cut.onnx") }
        }
    }
}

/// The `.nnet` format: exact decimals, the normalised input box, and its errors.
@Suite struct NNetTests {
    @Test func readsWeightsExactlyAndTheNormalisedDomain() throws {
        let bytes = try Fixtures.bytes("Frameworks/small.nnet")
        #expect(FileFormat.detect(bytes) == .nnet)
        let net = try NetworkReader.read(bytes: bytes, file: "small.nnet")
        #expect(net.widths == [2, 3, 1])
        #expect(net.layers.map(\.activation) == [.relu, .identity])
        #expect(net.layers[0].connections[0].weights.elements == [1, -2, Rational(1) / 2, Rational(1) / 4, Rational(-3) / 2, 3].map { $0 })
        #expect(net.layers[0].bias == [0, 1, -1])
        #expect(net.layers[1].connections[0].weights.elements == [1, -1, 2])
        #expect(net.layers[1].bias == [Rational(1) / 2])
        // min −1, max 1, mean 1/2, range 2 → [−3/4, 1/4]; min 0, max 2, mean 1, range 4 → [−1/4, 1/4].
        #expect(net.inputDomain == .box(lower: [Rational(-3) / 4, Rational(-1) / 4], upper: [Rational(1) / 4, Rational(1) / 4]))
        #expect(net.metadata["nnet.ranges"] == "2,4,1")
    }

    @Test(arguments: [
        ("2,2,1,3,\n2,3,1,\n0,\n-1,0,\n1,2,\n0.5,1,0,\n2,4,1,\n1,-2,\n", "the file ends inside layer 1 weights"),
        ("1,1,1,1,\n1,1,\n0,\n0,\n1,\n0,0,\n0,1,\n1,\n0,\n", "the range 0 of input 0 must be positive"),
        ("1,1,1,1,\n1,1,\n0,\n0,\n1,\n0,0,\n1,1,\nNaN,\n0,\n", "line 8"),
        ("1,1,1,1,\n1,1,\n0,\n0,\n1,\n0,0,\n1,1,\n1,\n0,\n7,\n", "1 numbers follow the last layer"),
        ("1,99999999999,1,1,\n99999999999,1,\n", "need more than 10000000 parameters"),
    ])
    func malformedFilesNameTheLine(text: String, fragment: String) {
        do {
            _ = try NetworkReader.read(bytes: Array(text.utf8), file: "bad.nnet")
            Issue.record("must fail: \(fragment)")
        } catch {
            #expect(error.description.contains(fragment), "\(error)")
        }
    }
}
