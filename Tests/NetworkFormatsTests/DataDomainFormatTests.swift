import Exact
import Networks
import Testing
@testable import NetworkFormats

/// A data domain travels with the network: inline in native JSON, as the tensor `nnid.inputs`
/// (safetensors) or `inputs` (npz) with metadata `nnid.input_domain = data`.
@Suite struct DataDomainFormatTests {
    static func network() throws -> Network {
        var net = try Network.mlp(
            widths: [2, 1], activations: [.identity], weights: [[[Rational(1), Rational(-1, 2)]]], biases: [[Rational(1, 4)]])
        net.inputDomain = .data(points: [[0, 1], [Rational(1, 2), Rational(-3, 4)], [2, Rational(1, 8)]])
        return net
    }

    @Test(arguments: [FileFormat.nativeJSON, .safetensors, .npz])
    func theDataDomainRoundTrips(format: FileFormat) throws {
        let net = try Self.network()
        let bytes = try NetworkWriter.encode(net, as: format, file: "x").bytes
        let back = try NetworkReader.read(bytes: bytes, file: "x")
        #expect(back.inputDomain == net.inputDomain)
        #expect(back.layers == net.layers)
    }

    @Test func aDataDomainWithoutItsTensorIsAnError() throws {
        let st = InputDataReaderTests.safetensors([("W0", [1, 2], [1, 2])])
        var bytes = st
        // Rewrite the header with metadata naming a data domain but no inputs tensor.
        let header = Array("{\"__metadata__\":{\"nnid.input_domain\":\"data\",\"nnid.activations\":\"identity\"},\"W0\":{\"dtype\":\"F64\",\"shape\":[1,2],\"data_offsets\":[0,16]}}".utf8)
        bytes = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header + Array(st.suffix(16))
        let error = #expect(throws: FormatError.self) { try NetworkReader.read(bytes: bytes, file: "d.safetensors") }
        #expect(error?.description.contains("nnid.inputs") == true)
    }

    @Test func jsonDataRowsOfTheWrongLengthNameTheRow() {
        let text = #"{"format": "nnid-network", "version": 1, "inputs": 2, "input_domain": {"data": [["1", "2"], ["3"]]}, "layers": [{"activation": "identity", "weights": [["1", "1"]]}]}"#
        let error = #expect(throws: FormatError.self) { try NetworkReader.read(bytes: Array(text.utf8), file: "d.json") }
        #expect(error?.description.contains("input_domain.data[1]") == true)
    }
}
