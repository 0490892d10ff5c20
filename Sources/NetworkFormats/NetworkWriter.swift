import Exact
import Networks

/// Writes networks in any format nnid can write: native JSON, safetensors, npz, ONNX.
public enum NetworkWriter {
    /// The formats a network can be written in (a lone `.npy` array cannot hold biases or
    /// activations, so it is read-only).
    public static let writableFormats: [FileFormat] = [.nativeJSON, .safetensors, .npz, .onnx]

    /// The format a path's extension asks for: `.json`, `.safetensors`, `.npz`, `.onnx`; `nil` otherwise.
    public static func format(forPath path: String) -> FileFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { return .nativeJSON }
        if lower.hasSuffix(".safetensors") { return .safetensors }
        if lower.hasSuffix(".npz") { return .npz }
        if lower.hasSuffix(".onnx") { return .onnx }
        return nil
    }

    /// The file's bytes, and what rounding (if any, with `lossy`) did to the parameters.
    /// `file` names the destination in errors.
    ///
    /// The bytes are read back with the default ``ReadLimits`` before they are returned, and must
    /// give the same network: architecture, activations, parameters (unless rounded with
    /// `lossy`), name, input domain and metadata. So nothing is written that nnid cannot read
    /// (a 10,001-character number, a header over the limits) or would read as something else
    /// (a metadata key such as `input_domain` that a tensor format gives a meaning).
    public static func encode(_ network: Network, as format: FileFormat, options: WriteOptions = WriteOptions(), file: String) throws(FormatError) -> (bytes: [UInt8], report: RoundingReport) {
        // A tensor holds numbers: an irrational bias is refused, never rounded here (a caller
        // that wants it rounded replaces it by a rational first, as `nnid convert --lossy` does).
        if format != .nativeJSON, let (unit, value) = network.symbolicBiases.first {
            throw FormatError(file: file, message: "not written: \(unit).bias is the irrational constant \(value), which \(format.rawValue) cannot hold as a number (nnid JSON keeps it exactly; \(setting: .lossy) rounds it to nearest)")
        }
        let encoded: (bytes: [UInt8], report: RoundingReport)
        do throws(TensorFormatError) {
            switch format {
            case .nativeJSON: encoded = (Array(NativeJSONFormat.encode(network).utf8), RoundingReport())
            case .safetensors: encoded = try Safetensors.encode(network, as: options.elementType, lossy: options.lossy)
            case .npz: encoded = try Npz.encode(network, as: options.elementType, lossy: options.lossy)
            case .npy: throw .notWritable(reason: "a .npy file holds one array; write .npz, .safetensors or .json")
            case .onnx: return try OnnxWriter.encode(network, as: options.elementType, lossy: options.lossy)
            case .nnet: throw .notWritable(reason: "nnid does not write .nnet; write .onnx, .safetensors, .npz or .json")
            case .pytorch, .pickle: throw .notWritable(reason: "nnid writes no pickles; write .safetensors, .npz or .json (torch and numpy read them without running code)")
            }
        } catch {
            throw FormatError(file: file, message: error.message)
        }
        try verifyReadsBack(encoded.bytes, as: format, network: network, rounded: encoded.report.roundedCount > 0, file: file)
        return encoded
    }

    /// Fails unless `bytes` read back (default limits) as `network`; with `rounded`, parameter
    /// values may differ (they were rounded on purpose), nothing else may.
    static func verifyReadsBack(_ bytes: [UInt8], as format: FileFormat, network: Network, rounded: Bool, file: String) throws(FormatError) {
        let back: Network
        do {
            back = try NetworkReader.read(bytes: bytes, format: format, file: file)
        } catch {
            let place = error.place.map { "\($0): " } ?? ""
            throw FormatError(file: file, message: "not written: nnid could not read the result back (\(place)\(error.message))")
        }
        if let difference = firstDifference(network, back, compareValues: !rounded) {
            throw FormatError(file: file, message: "not written: read back, the result would be a different network (\(difference))")
        }
    }

    /// The first way `b` differs from `a`, or `nil` when they are the same network.
    static func firstDifference(_ a: Network, _ b: Network, compareValues: Bool) -> String? {
        if a.inputCount != b.inputCount { return "\(b.inputCount) inputs instead of \(a.inputCount)" }
        if a.layers.count != b.layers.count { return "\(b.layers.count) layers instead of \(a.layers.count)" }
        for (k, (x, y)) in zip(a.layers, b.layers).enumerated() {
            let same = x.units == y.units && x.activation == y.activation && x.connections.count == y.connections.count
                && zip(x.connections, y.connections).allSatisfy { c, d in
                    c.source == d.source && c.present == d.present && c.weights.rows == d.weights.rows
                        && c.weights.columns == d.weights.columns && (!compareValues || c.weights == d.weights)
                }
                && (x.bias == nil) == (y.bias == nil) && (!compareValues || (x.bias == y.bias && x.symbolicBias == y.symbolicBias))
            if !same { return "layer\(k + 1) differs" }
        }
        if a.name != b.name { return "the name would be \(b.name.map { "\"\($0)\"" } ?? "absent") instead of \(a.name.map { "\"\($0)\"" } ?? "absent")" }
        if a.inputDomain != b.inputDomain { return "the input domain would be \(b.inputDomain?.metadataText ?? "absent") instead of \(a.inputDomain?.metadataText ?? "absent")" }
        if let key = Set(a.metadata.keys).union(b.metadata.keys).sorted().first(where: { a.metadata[$0] != b.metadata[$0] }) {
            return "metadata \"\(key)\" would be \(b.metadata[key].map { "\"\($0)\"" } ?? "absent") instead of \(a.metadata[key].map { "\"\($0)\"" } ?? "absent")"
        }
        return nil
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
