import Exact
import Networks
import Testing
@testable import NetworkFormats

@Suite struct NpyFixtureTests {
    @Test(arguments: [
        ("v1_f8.npy", TensorElementType.float64), ("v2_f4.npy", .float32), ("v3_f2.npy", .float16),
        ("big_endian_f8.npy", .float64), ("fortran_f8.npy", .float64), ("int32.npy", .int32), ("uint8.npy", .uint8),
        ("big_endian_i8.npy", .int64), ("bool.npy", .bool),
    ])
    func readsNumpyOutputExactly(file: String, type: TensorElementType) throws {
        let array = try Npy.read(try Fixtures.bytes(file), entry: file)
        let want = try #require(Fixtures.expected[file]?["array"])
        #expect(array.shape == want.shape)
        #expect(array.content == .numbers(want.values, type))
    }

    @Test func headerVersionsAreTheOnesAsked() throws {
        #expect(try Fixtures.bytes("v1_f8.npy")[6] == 1)
        #expect(try Fixtures.bytes("v2_f4.npy")[6] == 2)
        #expect(try Fixtures.bytes("v3_f2.npy")[6] == 3)
    }

    /// Fortran order lists element (i, j, k) at i + 2(j + 3k); the reader returns row-major.
    @Test func fortranOrderIsTransposedIntoRowMajor() {
        let values = (0..<24).map { Rational($0) }
        let c = Npy.fortranToC(values, shape: [2, 3, 4])
        for i in 0..<2 { for j in 0..<3 { for k in 0..<4 { #expect(c[(i * 3 + j) * 4 + k] == Rational(i + 2 * (j + 3 * k))) } } }
    }

    @Test func writerOutputReadsBack() throws {
        let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0xC0]  // 1.0, -2.0 as <f4
        let file = Npy.encode(shape: [2, 1], type: .float32, data: data)
        #expect(file.count % 64 == 8)  // header padded to 64, then 8 data bytes
        #expect(try Npy.read(file, entry: "x").content == .numbers([1, -2], .float32))
        let strings = Npy.encode(strings: ["relu", "leaky_relu(1/10)"], shape: [2])
        #expect(try Npy.read(strings, entry: "s").content == .strings(["relu", "leaky_relu(1/10)"]))
    }
}

@Suite struct NpzTests {
    @Test(arguments: ["mlp_stored.npz", "mlp_deflated.npz"])
    func readsSavezAndSavezCompressed(file: String) throws {
        let archive = try Npz.read(try Fixtures.bytes(file))
        let expected = try #require(Fixtures.expected[file])
        for (name, want) in expected {
            #expect(archive[name]?.shape == want.shape)
            #expect(archive[name]?.values == want.values)
        }
        #expect(archive.metadata["activations"] == "tanh,identity")
        let network = try TensorLayout.network(from: archive)
        #expect(network.widths == [2, 3, 1])
        #expect(network.layers.map(\.activation) == [.tanh, .identity])
        #expect(network.layers[1].bias == expected["b1"]?.values)
        if file == "mlp_deflated.npz" { #expect(network.inputDomain == .gaussian(mean: 0, standardDeviation: 1)) }
    }

    @Test func layersStyleNamesAndExplicitActivations() throws {
        let archive = try Npz.read(try Fixtures.bytes("mlp_layers.npz"))
        #expect(throws: TensorFormatError.self) { try TensorLayout.network(from: archive) }
        let network = try TensorLayout.network(from: archive, activations: [.relu, .sigmoid])
        #expect(network.layers[1].bias == nil)
        #expect(network.layers[0].connections[0].weights.elements == Fixtures.expected["mlp_layers.npz"]?["layers.0.weight"]?.values)
    }

    @Test(arguments: [TensorElementType.float64, .float32, .float16])
    func writerRoundTrips(type: TensorElementType) throws {
        let network = try Network(
            inputCount: 2,
            layers: try Network.mlp(
                widths: [2, 2, 1], activations: [.abs, .identity],
                weights: [[[1, Rational(-3, 4)], [Rational(5, 8), 2]], [[Rational(1, 2), -1]]], biases: [nil, [-3]]).layers,
            name: "n", inputDomain: .box(lower: [0, -1], upper: [1, 1]), metadata: ["author": "me"])
        let bytes = try Npz.encode(network, as: type).bytes
        #expect(try TensorLayout.network(from: try Npz.read(bytes)) == network)
    }

    @Test func bfloat16IsNotAnNpyType() throws {
        let network = try Network.mlp(widths: [1, 1], activations: [.identity], weights: [[[1]]], biases: [nil])
        #expect(throws: TensorFormatError.self) { try Npz.encode(network, as: .bfloat16) }
    }
}

@Suite struct TensorLayoutTests {
    @Test func naturalOrder() {
        let names = ["fc10", "fc2", "fc1", "layers.10", "layers.2", "0", "2", "10", "W1", "W0"]
        let sorted = names.sorted(by: TensorLayout.naturalOrder)
        #expect(sorted == ["0", "2", "10", "W0", "W1", "fc1", "fc2", "fc10", "layers.2", "layers.10"])
    }

    static func tensor(_ name: String, _ shape: [Int]) -> NamedTensor {
        NamedTensor(name: name, shape: shape, elementType: .float64, values: Array(repeating: 1, count: shape.reduce(1, *)))
    }

    @Test func sequentialIndicesNeedNotBeConsecutive() throws {
        let archive = TensorArchive(
            tensors: [Self.tensor("model.4.weight", [1, 5]), Self.tensor("model.0.weight", [4, 3]), Self.tensor("model.2.weight", [5, 4]),
                      Self.tensor("model.2.bias", [5])],
            metadata: ["nnid.activations": "relu, tanh ,identity"])
        let network = try TensorLayout.network(from: archive)
        #expect(network.widths == [3, 4, 5, 1])
        #expect(network.layers.map { $0.bias == nil } == [true, false, true])
        #expect(network.layers.map(\.activation) == [.relu, .tanh, .identity])
    }

    @Test func explicitActivationsOverrideMetadata() throws {
        let archive = TensorArchive(tensors: [Self.tensor("fc1.weight", [2, 2]), Self.tensor("fc2.weight", [1, 2])], metadata: ["nnid.activations": "relu,identity"])
        #expect(try TensorLayout.network(from: archive, activations: [.abs, .identity]).layers[0].activation == .abs)
    }

    @Test func missingActivationsSayHowToGiveThem() {
        let archive = TensorArchive(tensors: [Self.tensor("fc1.weight", [2, 2]), Self.tensor("fc2.weight", [1, 2])])
        do {
            _ = try TensorLayout.network(from: archive)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("ReadOptions.activations relu,identity"))
            #expect(error.description.contains("nnid.activations"))
        }
    }

    @Test func inputDomainText() throws {
        let box = try InputDomain(metadataText: "box:-1,1/2;0,3", inputCount: 2)
        #expect(box == .box(lower: [-1, 0], upper: [Rational(1, 2), 3]))
        #expect(try InputDomain(metadataText: box.metadataText, inputCount: 2) == box)
        #expect(try InputDomain(metadataText: "box:-1,1", inputCount: 3).metadataText == "box:-1,1")
        #expect(try InputDomain(metadataText: "gaussian:0,0.5", inputCount: 1) == .gaussian(mean: 0, standardDeviation: Rational(1, 2)))
        #expect(throws: TensorFormatError.self) { try InputDomain(metadataText: "box:1,-1", inputCount: 1) }
        #expect(throws: TensorFormatError.self) { try InputDomain(metadataText: "box:0,1;0,1", inputCount: 3) }
        #expect(throws: TensorFormatError.self) { try InputDomain(metadataText: "gaussian:0,0", inputCount: 1) }
    }
}
