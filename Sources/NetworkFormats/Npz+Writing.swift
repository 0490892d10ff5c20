import Exact
import Networks

extension Npz {
    /// An npz archive (stored entries) holding `network` as `W0` [out, in], `b0`, `W1`, …, plus
    /// string entries `activations` (one per layer), and when set `input_domain` and `name`.
    ///
    /// Parameters are stored as `type` (F64, F32 or F16; numpy has no bfloat16), with the same
    /// exactness rule as ``Safetensors/encode(_:as:lossy:)``.
    public static func encode(_ network: Network, as type: TensorElementType = .float64, lossy: Bool = false) throws(TensorFormatError) -> (bytes: [UInt8], report: RoundingReport) {
        guard type.numpyCode != nil, TensorElementType.writableFloats.contains(type) else {
            throw .notWritable(reason: "npz stores networks as F64, F32 or F16 (numpy has no \(type.safetensorsName))")
        }
        let (tensors, metadata) = try TensorLayout.tensors(for: network, naming: .numpy, format: "npz")
        var report = RoundingReport()
        var arrays: [(name: String, npy: [UInt8])] = []
        for tensor in tensors {
            let data = try tensor.encoded(as: type, lossy: lossy, report: &report)
            arrays.append((tensor.name, Npy.encode(shape: tensor.shape, type: type, data: data)))
        }
        arrays.append(("activations", Npy.encode(strings: network.layers.map(\.activation.name), shape: [network.layers.count])))
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) where key != "nnid.activations" {
            let name = key.hasPrefix("nnid.") ? String(key.dropFirst(5)) : key
            guard !arrays.contains(where: { $0.name == name }) else { continue }  // never shadow a tensor
            arrays.append((name, Npy.encode(strings: [value], shape: [])))
        }
        return (try encode(arrays), report)
    }
}
