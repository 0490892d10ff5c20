import Networks

/// Why a tensor file (safetensors, npy, npz) cannot be read or written.
///
/// Every case names the rule that was broken and the tensor, ZIP entry or parameter it concerns,
/// so a message reads like `tensor "0.weight": data_offsets [0, 24] hold 24 bytes, but shape
/// [2, 2] of F64 needs 32`.
public enum TensorFormatError: Error, Equatable, Sendable, NamesSettings {
    // MARK: safetensors structure
    /// The file is shorter than the 8-byte header length field.
    case truncatedHeaderLength(fileSize: Int)
    /// The header length exceeds the reference implementation's bound.
    case headerTooLarge(length: UInt64, limit: Int)
    /// The header length points past the end of the file.
    case headerPastEnd(length: UInt64, available: Int)
    /// The header bytes are not UTF-8.
    case headerNotUTF8(byteOffset: Int)
    /// The header is not JSON.
    case headerNotJSON(reason: String)
    /// The header is JSON, but not an object.
    case headerNotObject(found: String)
    /// A header entry is not of the form `{dtype, shape, data_offsets}`.
    case invalidEntry(tensor: String, reason: String)
    /// `__metadata__` is not a string → string map.
    case invalidMetadata(reason: String)
    /// A dtype this reader does not convert.
    case unsupportedDType(tensor: String, dtype: String)
    /// `data_offsets` has `begin > end`.
    case offsetsReversed(tensor: String, begin: Int, end: Int)
    /// `data_offsets` reaches beyond the data block.
    case offsetsOutOfRange(tensor: String, end: Int, dataSize: Int)
    /// The byte count is not product(shape) × dtype size.
    case sizeMismatch(tensor: String, shape: [Int], dtype: String, expectedBytes: Int, foundBytes: Int)
    /// Bytes between two tensors (or before the first) that belong to no tensor.
    case gapInData(before: String, from: Int, to: Int)
    /// Two tensors' byte ranges overlap.
    case overlappingData(tensor: String, other: String)
    /// Bytes after the last tensor.
    case trailingData(from: Int, to: Int)
    /// A float value that is NaN or infinite (not a rational number).
    case notFinite(tensor: String, index: [Int], value: String)

    /// More elements than the reader was allowed to decode.
    case tooManyElements(count: Int, limit: Int)
    /// More tensors (or npz entries) than the reader was allowed to read.
    case tooManyTensors(count: Int, limit: Int)

    // MARK: npy
    case npyBadMagic(entry: String)
    case npyUnsupportedVersion(entry: String, major: Int, minor: Int)
    case npyTruncated(entry: String, reason: String)
    case npyInvalidHeader(entry: String, reason: String)
    case npyUnsupportedDescr(entry: String, descr: String, hint: String)

    // MARK: ZIP / npz
    case zipInvalid(reason: String)
    case zipEntryNotNpy(entry: String)
    case zipUnsupportedEntry(entry: String, reason: String)
    case zipCorruptEntry(entry: String, reason: String)

    // MARK: tensors → network
    /// The tensors do not form a dense MLP in a known naming convention.
    case layout(reason: String)
    /// Activations were needed and not given.
    case missingActivations(layerCount: Int, hint: SettingMessage)
    /// An activation list that does not fit the network.
    case invalidActivations(reason: SettingMessage)
    /// `nnid.input_domain` (or npz `input_domain`) that does not parse.
    case invalidInputDomain(text: String, reason: String)

    // MARK: writing
    /// A network this tensor layout cannot hold (skip connections, pruned edges).
    case notWritable(reason: String)
    /// A parameter that the chosen dtype cannot hold exactly (pass `lossy` to round).
    case notRepresentable(parameter: String, value: String, dtype: String)
    /// A parameter beyond the chosen dtype's range (even rounding cannot help).
    case outOfRange(parameter: String, value: String, dtype: String)

    /// The message, naming the settings it recommends (``OptionNames/Setting``) unspelled.
    public var message: SettingMessage {
        switch self {
        case .truncatedHeaderLength(let size):
            return "safetensors: the file has \(size) bytes; it must start with an 8-byte header length"
        case .headerTooLarge(let length, let limit):
            return "safetensors: header length \(length) exceeds the limit of \(limit) bytes"
        case .headerPastEnd(let length, let available):
            return "safetensors: header length \(length) runs past the end of the file (\(available) bytes follow the length field)"
        case .headerNotUTF8(let offset):
            return "safetensors: the header is not valid UTF-8 (byte \(offset) of the header)"
        case .headerNotJSON(let reason):
            return "safetensors: the header is not valid JSON: \(reason)"
        case .headerNotObject(let found):
            return "safetensors: the header must be a JSON object, found \(found)"
        case .invalidEntry(let tensor, let reason):
            return "tensor \"\(tensor)\": \(reason)"
        case .invalidMetadata(let reason):
            return "safetensors: __metadata__ \(reason)"
        case .unsupportedDType(let tensor, let dtype):
            return "tensor \"\(tensor)\": dtype \(dtype) is not supported (supported: \(TensorElementType.safetensorsNames.joined(separator: ", ")))"
        case .offsetsReversed(let tensor, let begin, let end):
            return "tensor \"\(tensor)\": data_offsets [\(begin), \(end)] begin after they end"
        case .offsetsOutOfRange(let tensor, let end, let dataSize):
            return "tensor \"\(tensor)\": data_offsets end at \(end), beyond the \(dataSize)-byte data block"
        case .sizeMismatch(let tensor, let shape, let dtype, let expected, let found):
            return "tensor \"\(tensor)\": data_offsets hold \(found) bytes, but shape \(shape) of \(dtype) needs \(expected)"
        case .gapInData(let before, let from, let to):
            return "safetensors: data bytes \(from)..<\(to) before tensor \"\(before)\" belong to no tensor (gap in the data block)"
        case .overlappingData(let tensor, let other):
            return "tensor \"\(tensor)\": its data overlaps tensor \"\(other)\""
        case .trailingData(let from, let to):
            return "safetensors: data bytes \(from)..<\(to) after the last tensor belong to no tensor (trailing data)"
        case .notFinite(let tensor, let index, let value):
            return "\(tensor.isEmpty ? "" : "tensor \"\(tensor)\": ")element \(index) is \(value), not a finite number"
        case .tooManyTensors(let count, let limit):
            return "the file holds \(count) tensors; the limit is \(limit)"
        case .tooManyElements(let count, let limit):
            return "the file holds \(count < 0 ? "too many" : String(count)) numbers; the limit is \(limit)"
        case .npyBadMagic(let entry):
            return "\(prefix(entry))not an npy array (the file must start with \\x93NUMPY)"
        case .npyUnsupportedVersion(let entry, let major, let minor):
            return "\(prefix(entry))npy format version \(major).\(minor) is not supported (1.0, 2.0, 3.0 are)"
        case .npyTruncated(let entry, let reason):
            return "\(prefix(entry))truncated npy data: \(reason)"
        case .npyInvalidHeader(let entry, let reason):
            return "\(prefix(entry))invalid npy header: \(reason)"
        case .npyUnsupportedDescr(let entry, let descr, let hint):
            return "\(prefix(entry))npy header field 'descr': dtype '\(descr)' is not supported\(hint.isEmpty ? "" : " (\(hint))")"
        case .zipInvalid(let reason):
            return "npz: not a valid ZIP archive: \(reason)"
        case .zipEntryNotNpy(let entry):
            return "npz: entry \"\(entry)\" is not an .npy array"
        case .zipUnsupportedEntry(let entry, let reason):
            return "npz: entry \"\(entry)\": \(reason)"
        case .zipCorruptEntry(let entry, let reason):
            return "npz: entry \"\(entry)\" is corrupt: \(reason)"
        case .layout(let reason):
            return SettingMessage(verbatim: reason)
        case .missingActivations(let count, let hint):
            return "the file does not say which activations the network's \(count) layers use; \(hint)"
        case .invalidActivations(let reason):
            return "activations: \(reason)"
        case .invalidInputDomain(let text, let reason):
            return "input domain \"\(text)\": \(reason)"
        case .notWritable(let reason):
            return SettingMessage(verbatim: reason)
        case .notRepresentable(let parameter, let value, let dtype):
            return "\(parameter) = \(value) is not exactly representable in \(dtype) (pass \(setting: .lossy) to round to nearest)"
        case .outOfRange(let parameter, let value, let dtype):
            return "\(parameter) = \(value) is beyond the range of \(dtype)"
        }
    }

    public func description(naming names: OptionNames) -> String { message.description(naming: names) }

    /// `entry: ` — or nothing for a standalone `.npy` file, whose name the caller's
    /// ``FormatError`` already gives.
    private func prefix(_ entry: String) -> String { entry.isEmpty ? "" : entry + ": " }
}
