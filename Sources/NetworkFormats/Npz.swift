/// numpy's `.npz`: a ZIP archive whose entries are `.npy` files, one per array (what
/// `np.savez` and `np.savez_compressed` write; entries may be stored or deflated).
///
/// Numeric arrays become tensors named after their entry without the `.npy` suffix
/// (`W0.npy` → `W0`). String arrays become metadata: a 1-D array joins its elements with
/// commas (`activations = ["relu", "identity"]` → `"relu,identity"`), a 0-d array is its string.
public enum Npz {
    /// Whether `bytes` starts like a ZIP archive.
    public static func looksLike(_ bytes: [UInt8]) -> Bool { Zip.looksLike(bytes) }

    /// Reads every entry; an entry that is not an npy array is an error naming it.
    /// - Parameter maximumElements: the most numbers (over all entries) to decode.
    /// - Parameter maximumTensors: the most entries the archive may hold.
    public static func read(_ bytes: [UInt8], maximumElements: Int = .max, maximumTensors: Int = .max) throws(TensorFormatError) -> TensorArchive {
        var archive = TensorArchive(tensors: [])
        var total = 0
        let entries = try Zip.entries(bytes)
        guard entries.count <= maximumTensors else { throw .tooManyTensors(count: entries.count, limit: maximumTensors) }
        for entry in entries {
            guard !entry.name.hasSuffix("/") else { continue }  // directory entries
            let data = try Zip.contents(of: entry, in: bytes)
            guard Npy.looksLike(data) else { throw .zipEntryNotNpy(entry: entry.name) }
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            let array = try Npy.read(data, entry: entry.name, maximumElements: maximumElements - total)
            switch array.content {
            case .numbers(let values, let type):
                total += values.count
                guard total <= maximumElements else { throw .tooManyElements(count: total, limit: maximumElements) }
                archive.tensors.append(NamedTensor(name: name, shape: array.shape, elementType: type, values: values))
            case .strings(let strings):
                archive.metadata[name] = strings.joined(separator: ",")
            }
        }
        return archive
    }

    /// A standalone `.npy` file as an archive: one numeric array, named `W0`, so a single
    /// matrix [out, in] reads as a one-layer network without bias.
    public static func archive(ofNpy bytes: [UInt8], file: String, maximumElements: Int = .max) throws(TensorFormatError) -> TensorArchive {
        let array = try Npy.read(bytes, entry: file, maximumElements: maximumElements)
        guard case .numbers(let values, let type) = array.content else {
            throw .layout(reason: "\(file): holds strings, not a weight matrix")
        }
        return TensorArchive(tensors: [NamedTensor(name: "W0", shape: array.shape, elementType: type, values: values)])
    }

    /// An npz archive (stored entries) of the given npy files, named `name.npy`.
    static func encode(_ arrays: [(name: String, npy: [UInt8])]) throws(TensorFormatError) -> [UInt8] {
        try Zip.storedArchive(arrays.map { ($0.name + ".npy", $0.npy) })
    }
}
