import Exact
import Networks

extension Safetensors {
    /// A safetensors file holding `network` in PyTorch `nn.Sequential` naming (`0.weight`
    /// [out, in], `0.bias`, `2.weight`, …) with `__metadata__` carrying `nnid.activations`,
    /// `nnid.input_domain`, `nnid.name` and the network's other metadata.
    ///
    /// Parameters are stored as `type` (F64, F32, F16 or BF16). Without `lossy`, a parameter
    /// that `type` cannot hold exactly is an error naming it; with `lossy`, it is rounded to
    /// nearest (ties to even) and the report gives the exact maximum rounding error.
    public static func encode(_ network: Network, as type: TensorElementType = .float64, lossy: Bool = false) throws(TensorFormatError) -> (bytes: [UInt8], report: RoundingReport) {
        let (tensors, metadata) = try TensorLayout.tensors(for: network, naming: .pytorch, format: "safetensors")
        var report = RoundingReport()
        var data: [UInt8] = []
        var entries: [String] = []
        for tensor in tensors {
            let bytes = try tensor.encoded(as: type, lossy: lossy, report: &report)
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\(JSONValue.quoted(tensor.name)):{\"dtype\":\"\(type.safetensorsName)\",\"shape\":[\(shape)],\"data_offsets\":[\(data.count),\(data.count + bytes.count)]}")
            data += bytes
        }
        let meta = metadata.keys.sorted().map { "\(JSONValue.quoted($0)):\(JSONValue.quoted(metadata[$0]!))" }.joined(separator: ",")
        var header = Array("{\"__metadata__\":{\(meta)}\(entries.isEmpty ? "" : ",")\(entries.joined(separator: ","))}".utf8)
        // Pad with spaces so the data block starts 8-byte aligned, as the reference writer does.
        header += Array(repeating: UInt8(ascii: " "), count: (8 - header.count % 8) % 8)
        var out: [UInt8] = []
        out.reserveCapacity(8 + header.count + data.count)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { out += $0 }
        out += header
        out += data
        return (out, report)
    }
}
