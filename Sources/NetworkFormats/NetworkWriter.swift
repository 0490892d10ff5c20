import Exact
import Networks

/// Options for writing a network to a file.
public struct WriteOptions: Sendable {
    /// Element type for tensor formats (F64, F32, F16, BF16); native JSON is always exact.
    public var elementType: TensorElementType
    /// Round parameters the element type cannot hold (to nearest, ties to even) instead of refusing.
    public var lossy: Bool

    public init(elementType: TensorElementType = .float64, lossy: Bool = false) {
        self.elementType = elementType
        self.lossy = lossy
    }
}

/// Writes networks in any format nnid can write: native JSON, safetensors, npz.
public enum NetworkWriter {
    /// The formats a network can be written in (a lone `.npy` array cannot hold biases or
    /// activations, so it is read-only).
    public static let writableFormats: [FileFormat] = [.nativeJSON, .safetensors, .npz]

    /// The format a path's extension asks for: `.json`, `.safetensors`, `.npz`; `nil` otherwise.
    public static func format(forPath path: String) -> FileFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .nativeJSON }
        if lower.hasSuffix(".safetensors") { return .safetensors }
        if lower.hasSuffix(".npz") { return .npz }
        return nil
    }

    /// The file's bytes, and what rounding (if any, with `lossy`) did to the parameters.
    /// `file` names the destination in errors.
    public static func encode(_ network: Network, as format: FileFormat, options: WriteOptions = WriteOptions(), file: String) throws(FormatError) -> (bytes: [UInt8], report: RoundingReport) {
        do throws(TensorFormatError) {
            switch format {
            case .nativeJSON: return (Array(NativeJSONFormat.encode(network).utf8), RoundingReport())
            case .safetensors: return try Safetensors.encode(network, as: options.elementType, lossy: options.lossy)
            case .npz: return try Npz.encode(network, as: options.elementType, lossy: options.lossy)
            case .npy: throw .notWritable(reason: "a .npy file holds one array; write .npz, .safetensors or .json")
            }
        } catch {
            throw FormatError(file: file, message: error.description)
        }
    }

    /// Encodes and writes atomically (temporary file, then rename): `path` is either the old
    /// file or the complete new one, never a partial write.
    @discardableResult
    public static func write(_ network: Network, to path: String, as format: FileFormat, options: WriteOptions = WriteOptions()) throws(FormatError) -> RoundingReport {
        let (bytes, report) = try encode(network, as: format, options: options, file: path)
        try FileBytes.writeAtomically(bytes, to: path)
        return report
    }
}
