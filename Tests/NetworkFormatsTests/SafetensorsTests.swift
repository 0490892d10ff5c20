import Exact
import Networks
import PropertyBased
import Testing
@testable import NetworkFormats

@Suite struct SafetensorsFixtureTests {
    @Test(arguments: ["mlp_f64.safetensors", "mlp_f32.safetensors", "mlp_f16.safetensors", "mlp_bf16.safetensors", "ints.safetensors"])
    func readsRealWriterOutputExactly(file: String) throws {
        let archive = try Safetensors.read(try Fixtures.bytes(file))
        let expected = try #require(Fixtures.expected[file])
        #expect(Set(archive.tensors.map(\.name)) == Set(expected.keys))
        for tensor in archive.tensors {
            let want = try #require(expected[tensor.name])
            #expect(tensor.shape == want.shape, "\(file) \(tensor.name)")
            #expect(tensor.values == want.values, "\(file) \(tensor.name)")
        }
    }

    @Test func dtypesAreRecorded() throws {
        let archive = try Safetensors.read(try Fixtures.bytes("ints.safetensors"))
        #expect(archive["u64"]?.elementType == .uint64)
        #expect(archive["bool"]?.elementType == .bool)
        #expect(try Safetensors.read(try Fixtures.bytes("mlp_bf16.safetensors"))["0.weight"]?.elementType == .bfloat16)
    }

    @Test func specialValuesAreExact() throws {
        let f32 = try Safetensors.read(try Fixtures.bytes("mlp_f32.safetensors"))
        let w = try #require(f32["0.weight"]).values
        #expect(w[0] == Rational(1).timesPowerOfTwo(-149))  // smallest float32 subnormal
        #expect(w[1].isZero)  // -0.0 is the rational 0
        let bias = try #require(f32["2.bias"]).values
        #expect(bias[0] == Rational(11_184_811).timesPowerOfTwo(-25))  // Float(1/3)
        let bf16 = try Safetensors.read(try Fixtures.bytes("mlp_bf16.safetensors"))
        #expect(bf16["0.weight"]?.values[0] == Rational(1).timesPowerOfTwo(-133))
        #expect(bf16["0.bias"]?.values[2] == Rational(255).timesPowerOfTwo(120))  // (2 − 2⁻⁷)·2¹²⁷
    }

    @Test(arguments: ["mlp_f64.safetensors", "mlp_f32.safetensors", "mlp_f16.safetensors", "mlp_bf16.safetensors"])
    func buildsTheNetworkWithMetadata(file: String) throws {
        let network = try TensorLayout.network(from: try Safetensors.read(try Fixtures.bytes(file)))
        #expect(network.widths == [2, 3, 1])
        #expect(network.layers.map(\.activation) == [.relu, .identity])
        #expect(network.name == "tiny")
        #expect(network.inputDomain == .box(lower: [-1, -1], upper: [1, 1]))
        let expected = try #require(Fixtures.expected[file])
        #expect(network.layers[0].connections[0].weights.elements == expected["0.weight"]?.values)
        #expect(network.layers[1].bias == expected["2.bias"]?.values)
    }
}

@Suite struct SafetensorsWriterTests {
    static let thirds = try! Network.mlp(
        widths: [2, 2, 1], activations: [.tanh, .identity],
        weights: [[[1, Rational(1, 3)], [Rational(-3, 4), 2]], [[Rational(1, 2), -1]]], biases: [[0, Rational(1, 8)], nil])

    @Test(arguments: TensorElementType.writableFloats)
    func roundTripsExactlyRepresentableNetworks(type: TensorElementType) throws {
        let network = try Network.mlp(
            widths: [2, 2, 1], activations: [.leakyReLU(slope: Rational(1, 10)), .identity],
            weights: [[[1, Rational(-3, 4)], [Rational(5, 8), 2]], [[Rational(1, 2), -1]]], biases: [[0, Rational(1, 8)], [-3]])
        let (bytes, report) = try Safetensors.encode(network, as: type)
        #expect(report == RoundingReport())
        #expect(try TensorLayout.network(from: try Safetensors.read(bytes)) == network)
    }

    @Test func refusesInexactValuesNamingTheParameter() {
        #expect(throws: TensorFormatError.notRepresentable(parameter: "layer1.unit0.weight[1]", value: "1/3", dtype: "F32")) {
            try Safetensors.encode(Self.thirds, as: .float32)
        }
        let message = TensorFormatError.notRepresentable(parameter: "layer1.unit0.weight[1]", value: "1/3", dtype: "F32").description
        #expect(message.contains("layer1.unit0.weight[1] = 1/3 is not exactly representable in F32"))
    }

    @Test func lossyReportsTheExactMaximumError() throws {
        let (bytes, report) = try Safetensors.encode(Self.thirds, as: .float32, lossy: true)
        // Float(1/3) = 11184811·2⁻²⁵, off by 1/(3·2²⁵).
        #expect(report.roundedCount == 1)
        #expect(report.maximumError == Rational(1, 3).timesPowerOfTwo(-25))
        #expect(report.worstParameter == "layer1.unit0.weight[1]")
        let back = try TensorLayout.network(from: try Safetensors.read(bytes))
        #expect(back.layers[0].connections[0].weights[0, 1] == Rational(11_184_811).timesPowerOfTwo(-25))
    }

    @Test func refusesValuesBeyondTheRange() {
        let big = try! Network.mlp(widths: [1, 1], activations: [.identity], weights: [[[70000]]], biases: [nil])
        #expect(throws: TensorFormatError.outOfRange(parameter: "layer1.unit0.weight[0]", value: "70000", dtype: "F16")) {
            try Safetensors.encode(big, as: .float16, lossy: true)
        }
    }

    @Test func refusesSkipConnections() throws {
        let base = try Network.mlp(widths: [1, 1, 1], activations: [.relu, .identity], weights: [[[1]], [[1]]], biases: [nil, nil])
        var layer = base.layers[1]
        layer.connections.append(Connection(source: 0, weights: .init(rows: 1, columns: 1, repeating: 2)))
        let skip = try base.replacingLayer(2, with: layer)
        #expect(throws: TensorFormatError.self) { try Safetensors.encode(skip) }
    }

    /// Property: every float32 bit pattern that is finite survives write → read exactly.
    @Test func float32ValuesRoundTrip() async {
        await propertyCheck(input: Gen.int(in: 0...Int(UInt32.max))) { raw in
            let bits = UInt32(raw)
            guard let value = try? Rational(bits: UInt64(bits), format: .float32) else { return }
            let net = try! Network.mlp(widths: [1, 1], activations: [.identity], weights: [[[value]]], biases: [[-value]])
            let bytes = try! Safetensors.encode(net, as: .float32).bytes
            let back = try! TensorLayout.network(from: try! Safetensors.read(bytes))
            #expect(back == net)
        }
    }

    @Test func headerIsAlignedAndValid() throws {
        let bytes = try Safetensors.encode(Self.thirds, as: .float64, lossy: true).bytes
        let header = try Safetensors.readHeader(bytes)
        #expect(header.dataStart % 8 == 0)
        #expect(header.metadata["nnid.activations"] == "tanh,identity")
        #expect(header.entries.map(\.name) == ["0.weight", "0.bias", "2.weight"])
    }
}

@Suite struct DyadicDecodingTests {
    /// The readers' bit decoding agrees with `Rational(bits:format:)` on every format.
    @Test func agreesWithTheReferenceConversion() async {
        await propertyCheck(input: Gen.int(in: Int.min...Int.max)) { raw in
            let bits = UInt64(bitPattern: Int64(raw))
            for (type, width) in [(TensorElementType.float64, 64), (.float32, 32), (.float16, 16), (.bfloat16, 16)] {
                let format = type.floatFormat!
                let b = width == 64 ? bits : bits & ((1 << UInt64(width)) - 1)
                let reference = try? Rational(bits: b, format: format)
                #expect(dyadicValue(b, significandBits: format.significandBits, exponentBits: format.exponentBits) == reference)
            }
        }
    }

    /// E4M3FN has no infinities: 0x7E is 448, 0x7F NaN; E5M2 follows IEEE (0x7B = 57344).
    @Test func eightBitFloats() throws {
        #expect(dyadicValue(0x7E, significandBits: 3, exponentBits: 4, hasInfinities: false) == 448)
        #expect(dyadicValue(0x01, significandBits: 3, exponentBits: 4, hasInfinities: false) == Rational(1, 512))
        #expect(dyadicValue(0x7B, significandBits: 2, exponentBits: 5) == 57344)
        #expect(dyadicValue(0x7C, significandBits: 2, exponentBits: 5) == nil)
        #expect(Rational(significand: 6, exponent: -3, negative: true) == Rational(-3, 4))
    }
}

@Suite struct DetectionTests {
    /// A 123-byte header makes the file's first byte `{` (0x7B); it is still safetensors.
    @Test func headerLengthWhoseLowByteIsABrace() throws {
        var header = Array(#"{"__metadata__":{"nnid.activations":"identity"},"W0":{"dtype":"F64","shape":[1,1],"data_offsets":[0,8]}}"#.utf8)
        header += Array(repeating: UInt8(ascii: " "), count: 123 - header.count)
        let bytes = [123, 0, 0, 0, 0, 0, 0, 0] + header + [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]  // 1.0
        #expect(FileFormat.detect(bytes) == .safetensors)
        let network = try NetworkReader.read(bytes: bytes, file: "x")
        #expect(network.layers[0].connections[0].weights[0, 0] == 1)
    }

    @Test func everyFixtureIsRecognisedByContent() throws {
        for (file, format) in [("mlp_f64.safetensors", FileFormat.safetensors), ("mlp_deflated.npz", .npz), ("v3_f2.npy", .npy)] {
            #expect(FileFormat.detect(try Fixtures.bytes(file)) == format)
        }
    }
}
