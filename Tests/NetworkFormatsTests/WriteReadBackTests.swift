import Exact
import LinearAlgebra
import Networks
import Testing
@testable import NetworkFormats

/// Every writer's output is read back before it is written, and must be the same network,
/// metadata included: nnid never writes what it cannot read, or would read as something else.
@Suite struct WriteReadBackTests {
    static func network(metadata: [String: String] = [:], weight: Rational = Rational(3, 4), domain: InputDomain? = nil, activation: Activation = .relu) throws -> Network {
        try Network(
            inputCount: 2,
            layers: [
                Layer(activation: activation, weights: Matrix(rows: 2, columns: 2, elements: [weight, -1, Rational(1, 2), 2])!, bias: [Rational(1, 4), 0], source: 0),
                Layer(activation: .identity, weights: Matrix(rows: 1, columns: 2, elements: [1, -3])!, bias: [Rational(1, 8)], source: 1),
            ],
            name: "net", inputDomain: domain, metadata: metadata)
    }

    @Test("every writer's output reads back as the same network, metadata, name and domain included",
          arguments: [FileFormat.nativeJSON, .safetensors, .npz])
    func roundTrip(format: FileFormat) throws {
        let domains: [InputDomain?] = [nil, .box(lower: [-1, 0], upper: [1, Rational(1, 3)]), .gaussian(mean: Rational(1, 2), standardDeviation: 2)]
        for domain in domains {
            let n = try Self.network(metadata: ["trained_by": "me, with commas", "description": "two layers"], domain: domain)
            let (bytes, _) = try NetworkWriter.encode(n, as: format, file: "out")
            let back = try NetworkReader.read(bytes: bytes, format: format, file: "out")
            #expect(back == n)
        }
    }

    @Test("a metadata key a tensor format gives a meaning is refused, not silently reinterpreted",
          arguments: [FileFormat.safetensors, .npz])
    func reservedMetadata(format: FileFormat) throws {
        let freeText = try Self.network(metadata: ["input_domain": "inputs are pixel intensities"])
        #expect(throws: FormatError.self) { try NetworkWriter.encode(freeText, as: format, file: "out") }
        let asDomain = try Self.network(metadata: ["nnid.input_domain": "box:0,1"])
        #expect(throws: FormatError(file: "out", message: "not written: read back, the result would be a different network (the input domain would be box:0,1 instead of absent)")) {
            try NetworkWriter.encode(asDomain, as: format, file: "out")
        }
        // In native JSON the same metadata is plain text and round-trips.
        #expect(try NetworkReader.read(bytes: NetworkWriter.encode(asDomain, as: .nativeJSON, file: "out").bytes, file: "out") == asDomain)
    }

    /// 1/10⁹⁹⁹⁸ is 10,001 characters in lowest terms: over the reader's default 10,000.
    @Test("a number longer than the reader's limit is refused when writing")
    func overLongNumber() throws {
        var power = Rational.one
        for _ in 0..<9998 { power = power * 10 }
        let n = try Self.network(weight: Rational.one / power)
        #expect((Rational.one / power).description.count == 10_001)
        #expect(throws: FormatError.self) { try NetworkWriter.encode(n, as: .nativeJSON, file: "out") }
    }

    /// Found by the `options` fuzzer: `leaky_relu(1e10000)` reads (10 characters), but its
    /// canonical name carries the slope's 10,001 digits, past the reader's limit.
    @Test("an activation whose canonical name the reader refuses is not written", arguments: [FileFormat.nativeJSON, .safetensors, .npz])
    func overLongActivationName(format: FileFormat) throws {
        let slope = try #require(Activation.named("leaky_relu(1e10000)"))
        #expect(Activation.named(slope.name) == nil)
        let n = try Self.network(activation: slope)
        #expect(throws: FormatError.self) { try NetworkWriter.encode(n, as: format, file: "out") }
    }

    @Test("an empty interval is refused in tensor metadata as in JSON")
    func emptyIntervalInMetadata() {
        #expect(throws: TensorFormatError.self) { try InputDomain(metadataText: "box:1,1", inputCount: 1) }
        #expect((try? InputDomain(metadataText: "box:0,1", inputCount: 1)) == .box(lower: [0], upper: [1]))
    }
}
