import Exact
import Networks

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
