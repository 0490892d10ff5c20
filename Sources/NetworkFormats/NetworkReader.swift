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

/// Options for reading a network from any format.
public struct ReadOptions: Sendable {
    /// Activations for formats that store only tensors (safetensors, npz), one per non-input
    /// layer; overrides the file's own metadata.
    public var activations: [Activation]?
    public var limits: ReadLimits
    /// For a PyTorch checkpoint wrapping several state dicts: the top-level key of the one to read.
    public var key: String?

    public init(activations: [Activation]? = nil, limits: ReadLimits = .default, key: String? = nil) {
        self.activations = activations
        self.limits = limits
        self.key = key
    }
}

/// Reads networks from files or bytes in any supported format.
public enum NetworkReader {
    /// Reads the file at `path` (`-` is standard input), detecting its format by content.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws(FormatError) -> Network {
        let bytes = try FileBytes.read(path: path, limit: options.limits.maximumFileSize)
        return try read(bytes: bytes, file: path == "-" ? "<stdin>" : path, options: options)
    }

    /// Reads a network from a file's bytes; `file` names it in error messages.
    public static func read(bytes: [UInt8], file: String, options: ReadOptions = ReadOptions()) throws(FormatError) -> Network {
        guard let format = FileFormat.detect(bytes) else {
            throw FormatError(file: file, message: bytes.isEmpty ? "the file is empty" : "not a network file nnid knows (expected nnid JSON, safetensors, .npz, .npy, a PyTorch .pt/.pth checkpoint, ONNX, .nnet or a pickle of numpy arrays)")
        }
        return try read(bytes: bytes, format: format, file: file, options: options)
    }

    /// Reads a network from bytes in a known format.
    public static func read(bytes: [UInt8], format: FileFormat, file: String, options: ReadOptions = ReadOptions()) throws(FormatError) -> Network {
        switch format {
        case .nativeJSON:
            return try NativeJSONFormat.decode(bytes, file: file, limits: options.limits)
        case .pytorch:
            let archive = try TorchCheckpoint.read(bytes, file: file, key: options.key, limits: options.limits)
            return try network(from: archive, options: options, file: file, preservingOrder: true)
        case .onnx:
            return try Onnx.read(bytes, file: file, limits: options.limits)
        case .nnet:
            return try NNet.read(bytes, file: file, limits: options.limits)
        case .pickle:
            return try network(from: PickledArrays.read(bytes, npy: false, file: file, limits: options.limits), options: options, file: file)
        case .npy where PickledArrays.isObjectNpy(bytes):
            return try network(from: PickledArrays.read(bytes, npy: true, file: file, limits: options.limits), options: options, file: file)
        case .safetensors, .npz, .npy:
            do throws(TensorFormatError) {
                let limit = options.limits.maximumParameters
                let archive: TensorArchive
                switch format {
                case .safetensors:
                    archive = try Safetensors.read(
                        bytes, maximumElements: limit, maximumHeaderSize: options.limits.maximumHeaderSize,
                        maximumTensors: options.limits.maximumTensors)
                case .npz: archive = try Npz.read(bytes, maximumElements: limit, maximumTensors: options.limits.maximumTensors)
                default: archive = try Npz.archive(ofNpy: bytes, file: file, maximumElements: limit)
                }
                return try TensorLayout.network(from: archive, activations: options.activations)
            } catch {
                throw FormatError(file: file, message: error.message)
            }
        }
    }
}

extension NetworkReader {
    /// The network of a tensor archive, with the caller's activations; errors name `file`.
    static func network(from archive: TensorArchive, options: ReadOptions, file: String, preservingOrder: Bool = false) throws(FormatError) -> Network {
        do throws(TensorFormatError) {
            return try TensorLayout.network(from: archive, activations: options.activations, preservingOrder: preservingOrder)
        } catch {
            throw FormatError(file: file, message: error.message)
        }
    }
}
