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
    ///
    /// Each entry's npy header is read from its first bytes (inflating only those) and its sizes
    /// are checked before the entry is inflated: its elements against what is left of
    /// `maximumElements`, its string data against what is left of `maximumStringBytes`, and the
    /// entry's declared size against the size its header accounts for. So a small archive that
    /// inflates to gigabytes is refused before anything large is allocated.
    /// - Parameter maximumElements: the most elements (over all entries, numbers and strings) to decode.
    /// - Parameter maximumTensors: the most entries the archive may hold.
    /// - Parameter maximumStringBytes: the most bytes of string data over all string entries,
    ///   each element counted as at least one byte (the comma that joins it); default 16 MiB,
    ///   far above any metadata (activations, names, input domains).
    public static func read(
        _ bytes: [UInt8], maximumElements: Int = .max, maximumTensors: Int = .max, maximumStringBytes: Int = 1 << 24
    ) throws(TensorFormatError) -> TensorArchive {
        var archive = TensorArchive(tensors: [])
        var total = 0, stringBytes = 0
        var entryOfName: [String: String] = [:]
        let entries = try Zip.entries(bytes)
        guard entries.count <= maximumTensors else { throw .tooManyTensors(count: entries.count, limit: maximumTensors) }
        for entry in entries {
            guard !entry.name.hasSuffix("/") else { continue }  // directory entries
            let head = try Zip.prefix(of: entry, in: bytes, count: 12 + Npy.maximumHeaderLength)
            guard Npy.looksLike(head) else { throw .zipEntryNotNpy(entry: entry.name) }
            let preamble = try Npy.preamble(head, entry: entry.name)
            let stringCost = preamble.holdsStrings ? preamble.dataBytes.addingReportingOverflow(preamble.count) : (partialValue: 0, overflow: false)
            if stringCost.overflow || stringCost.partialValue > maximumStringBytes - stringBytes {
                throw .zipUnsupportedEntry(entry: entry.name, reason: "string entries hold more than \(maximumStringBytes) bytes in all (the limit for metadata)")
            }
            guard preamble.count <= maximumElements - total else {
                throw .tooManyElements(count: total + preamble.count, limit: maximumElements)
            }
            let accounted = preamble.dataStart + preamble.dataBytes
            guard entry.uncompressedSize <= accounted else {
                throw .zipCorruptEntry(entry: entry.name, reason: "declares \(entry.uncompressedSize) bytes, but its npy header accounts for \(accounted)")
            }
            let data = try Zip.contents(of: entry, in: bytes)
            let name = entry.name.hasSuffix(".npy") ? String(entry.name.dropLast(4)) : entry.name
            if let other = entryOfName.updateValue(entry.name, forKey: name) {
                throw .layout(reason: "npz entries \"\(other)\" and \"\(entry.name)\" both name the array \"\(name)\"")
            }
            let array = try Npy.read(data, entry: entry.name, maximumElements: maximumElements - total)
            total += preamble.count
            switch array.content {
            case .numbers(let values, let type):
                archive.tensors.append(NamedTensor(name: name, shape: array.shape, elementType: type, values: values))
            case .strings(let strings):
                stringBytes += stringCost.partialValue
                archive.metadata[name] = strings.joined(separator: ",")
            }
        }
        return archive
    }

    /// A standalone `.npy` file as an archive: one numeric array, named `W0`, so a single
    /// matrix [out, in] reads as a one-layer network without bias. Errors do not repeat the
    /// file's name (`file` is kept for callers; ``NetworkReader`` puts the name in ``FormatError``).
    public static func archive(ofNpy bytes: [UInt8], file: String, maximumElements: Int = .max) throws(TensorFormatError) -> TensorArchive {
        let array = try Npy.read(bytes, entry: "", maximumElements: maximumElements)
        guard case .numbers(let values, let type) = array.content else {
            throw .layout(reason: "the array holds strings, not a weight matrix")
        }
        return TensorArchive(tensors: [NamedTensor(name: "W0", shape: array.shape, elementType: type, values: values)])
    }

    /// An npz archive (stored entries) of the given npy files, named `name.npy`.
    static func encode(_ arrays: [(name: String, npy: [UInt8])]) throws(TensorFormatError) -> [UInt8] {
        try Zip.storedArchive(arrays.map { ($0.name + ".npy", $0.npy) })
    }
}
