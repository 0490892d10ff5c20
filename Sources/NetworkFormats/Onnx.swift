import Exact
import Networks
import SwiftProtobuf

/// ONNX models (`ModelProto`, the protobuf of the ONNX specification): read into a
/// ``Network`` from the graph (``OnnxGraphReader``), and written back (``OnnxWriter``).
///
/// The messages are decoded by swift-protobuf from Swift code generated once from
/// `Protos/onnx-subset.proto` (the specification's field numbers; see
/// `scripts/generate-onnx-swift.sh`), so building nnid needs no protobuf compiler. Before
/// decoding, ``OnnxWireScan`` walks the bytes and refuses a model that would decode into more
/// messages or values than ``OnnxLimits`` allows. Decoding nests messages at most 64 deep;
/// unknown fields (subgraphs, training info) are skipped unread. `metadata_props` become the network's metadata, with `nnid.name` and
/// `nnid.input_domain` read as for safetensors.
public enum Onnx {
    /// Whether `bytes` starts like a `ModelProto`: field 1 (`ir_version`, a small varint)
    /// followed by the tag of another `ModelProto` field.
    public static func looksLike(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4, bytes[0] == 0x08, bytes[1] > 0, bytes[1] < 0x80 else { return false }
        // opset_import (8), producer_name (2), producer_version (3), domain (4), model_version (5),
        // doc_string (6), graph (7), metadata_props (14): length-delimited except model_version.
        return [0x42, 0x12, 0x1A, 0x22, 0x28, 0x32, 0x3A, 0x72].contains(bytes[2])
    }

    /// The network the model's graph computes.
    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws(FormatError) -> Network {
        guard bytes.count <= limits.maximumFileSize else {
            throw FormatError(file: file, message: "the model has \(bytes.count) bytes; the limit is \(limits.maximumFileSize) (see \(setting: .maximumFileSize))")
        }
        do throws(OnnxWireScan.Failure) {
            try OnnxWireScan.check(bytes, limits: limits.onnx)
        } catch {
            throw FormatError(file: file, place: "byte \(error.offset)", message: "not a valid ONNX model: \(error.message)")
        }
        var options = BinaryDecodingOptions()
        options.messageDepthLimit = 64
        let model: Onnx_ModelProto
        do {
            model = try Onnx_ModelProto(serializedBytes: bytes, options: options)
        } catch {
            throw FormatError(file: file, message: "not a valid ONNX model: the protobuf does not decode (\(error))")
        }
        guard model.hasGraph else { throw FormatError(file: file, message: "the ONNX model has no graph") }
        var reader = OnnxGraphReader(graph: model.graph, file: file, maximumParameters: limits.maximumParameters)
        let (inputs, layers) = try reader.read()
        var metadata: [String: String] = [:]
        for entry in model.metadataProps { metadata[entry.key] = entry.value }
        var name: String?
        var domain: InputDomain?
        do throws(TensorFormatError) {
            for key in TensorLayout.nameKeys { if let n = metadata.removeValue(forKey: key), name == nil { name = n } }
            for key in TensorLayout.inputDomainKeys {
                if let text = metadata.removeValue(forKey: key), domain == nil { domain = try InputDomain(metadataText: text, inputCount: inputs) }
            }
        } catch {
            throw FormatError(file: file, message: error.message)
        }
        do {
            return try Network(inputCount: inputs, layers: layers, name: name, inputDomain: domain, metadata: metadata)
        } catch {
            throw FormatError(file: file, message: SettingMessage(verbatim: error.description))
        }
    }
}
