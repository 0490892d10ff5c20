import Exact
import Networks

/// The file formats nnid reads, told apart by content rather than by file name.
public enum FileFormat: String, Sendable, CaseIterable {
    /// nnid's JSON (`docs/network-format.md`): starts with `{` after optional white space.
    case nativeJSON = "json"
    /// safetensors: an 8-byte little-endian header length, then a JSON header starting with `{`.
    case safetensors
    /// numpy `.npz`: a ZIP archive (`PK\u{3}\u{4}`).
    case npz
    /// numpy `.npy`: the magic `\u{93}NUMPY`.
    case npy
    /// PyTorch checkpoint (`torch.save`, since 1.6): a ZIP archive with a `data.pkl` entry.
    case pytorch
    /// A bare pickle (protocol 2–5) of numpy arrays `[weights, biases]`.
    case pickle
    /// ONNX `ModelProto` (protobuf): starts with field 1, `ir_version`.
    case onnx
    /// The `.nnet` text format of the ACAS Xu networks.
    case nnet

    /// Recognises a format from the first bytes of a file; `nil` when none matches.
    ///
    /// safetensors is tested before JSON: its first byte is the low byte of the header length,
    /// which can be `{` (a 123-byte header), while valid JSON never has a plausible length
    /// field followed by `{` at byte 8.
    public static func detect(_ bytes: [UInt8]) -> FileFormat? {
        if Npy.looksLike(bytes) { return .npy }
        if TorchCheckpoint.looksLike(bytes) { return .pytorch }
        if Npz.looksLike(bytes) { return .npz }
        if PickledArrays.looksLike(bytes) { return .pickle }
        if Onnx.looksLike(bytes) { return .onnx }
        if Safetensors.looksLike(bytes) { return .safetensors }
        if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{") {
            return .nativeJSON
        }
        if bytes.count >= 9, bytes[8] == UInt8(ascii: "{") { return .safetensors }
        if NNet.looksLike(bytes) { return .nnet }
        return nil
    }
}
