import Exact
import Networks

/// Reads a matrix of exact inputs — rows are inputs — from `.npy`, `.npz`, safetensors or CSV.
///
/// **Tensors.** The first axis counts the inputs; the remaining axes are flattened in row-major
/// order into one row (an `N×8×8` array of images gives `N` rows of 64 values); a 1-D array of
/// `N` values is `N` inputs of one value. In an npz or safetensors file the tensor is the one
/// named by the caller, else the one named `nnid.inputs` or `inputs`, else the only tensor.
///
/// **CSV.** Comma-separated exact numbers (``Rational/init(parsing:limits:)``: `0.1` is 1/10),
/// one input per line; blank lines and lines starting with `#` are skipped; a first line that
/// is not all numbers is a header. Every line must have the same number of values.
///
/// Limits are those of ``ReadLimits``: the file size, ``ReadLimits/maximumParameters`` as the
/// most values, ``ReadLimits/maximumTensors`` and the number-literal limits. Every error names
/// the file and the tensor or line.
public enum InputDataReader {
    /// Tensor names taken as the inputs when the caller names none.
    public static let inputTensorNames = ["nnid.inputs", "inputs"]

    /// Reads the file at `path` (`-` is standard input), detecting its format by content.
    public static func read(path: String, tensor: String? = nil, limits: ReadLimits = .default) throws(FormatError) -> InputData {
        let bytes = try FileBytes.read(path: path, limit: limits.maximumFileSize)
        return try read(bytes: bytes, file: path == "-" ? "<stdin>" : path, tensor: tensor, limits: limits)
    }

    /// Reads inputs from a file's bytes; `file` names it in error messages.
    public static func read(bytes: [UInt8], file: String, tensor name: String? = nil, limits: ReadLimits = .default) throws(FormatError) -> InputData {
        guard !bytes.isEmpty else { throw FormatError(file: file, message: "the file is empty") }
        let binary = Npy.looksLike(bytes) || Npz.looksLike(bytes) || Safetensors.looksLike(bytes)
        guard binary else {
            if name != nil { throw FormatError(file: file, message: "a CSV file has no tensors to choose from") }
            return try csv(bytes, file: file, limits: limits)
        }
        let tensor: NamedTensor
        do throws(TensorFormatError) {
            let limit = limits.maximumParameters
            if Npy.looksLike(bytes) {
                let array = try Npy.read(bytes, entry: "", maximumElements: limit)
                guard case .numbers(let values, let type) = array.content else {
                    throw TensorFormatError.layout(reason: "the array holds strings, not numbers")
                }
                tensor = NamedTensor(name: "", shape: array.shape, elementType: type, values: values)
            } else {
                let archive = Npz.looksLike(bytes)
                    ? try Npz.read(bytes, maximumElements: limit, maximumTensors: limits.maximumTensors)
                    : try Safetensors.read(
                        bytes, maximumElements: limit, maximumHeaderSize: limits.maximumHeaderSize, maximumTensors: limits.maximumTensors)
                tensor = try choose(name, in: archive)
            }
        } catch {
            throw FormatError(file: file, message: error.message)
        }
        return try rows(of: tensor, file: file)
    }

    /// The tensor holding the inputs: `name` when given, else a conventional name, else the only one.
    static func choose(_ name: String?, in archive: TensorArchive) throws(TensorFormatError) -> NamedTensor {
        let names = archive.tensors.map(\.name)
        let listed = names.prefix(8).joined(separator: ", ") + (names.count > 8 ? ", …" : "")
        if let name {
            guard let t = archive[name] else {
                throw .layout(reason: "no tensor named \"\(name)\" (the file holds: \(listed.isEmpty ? "none" : listed))")
            }
            return t
        }
        if let t = inputTensorNames.lazy.compactMap({ archive[$0] }).first { return t }
        guard archive.tensors.count == 1, let only = archive.tensors.first else {
            throw .layout(
                reason: archive.tensors.isEmpty
                    ? "the file holds no numeric tensor"
                    : "the file holds \(names.count) tensors (\(listed)); name the one holding the inputs")
        }
        return only
    }

    /// The rows of a tensor: the first axis counts inputs, the rest are flattened.
    public static func rows(of tensor: NamedTensor, file: String) throws(FormatError) -> InputData {
        let place = tensor.name.isEmpty ? nil : tensor.name
        guard let count = tensor.shape.first else {
            throw FormatError(file: file, place: place, message: "a scalar is not a list of inputs (expected shape [N, inputs])")
        }
        let columns = tensor.shape.dropFirst().reduce(1, *)  // product ≤ element count, checked on reading
        guard count > 0, columns > 0 else {
            throw FormatError(file: file, place: place, message: "shape \(tensor.shape) holds no inputs")
        }
        let rows = (0..<count).map { Array(tensor.values[($0 * columns)..<(($0 + 1) * columns)]) }
        return InputData(rows: rows, columns: columns, tensor: place)
    }

    /// Rows of comma-separated exact numbers.
    static func csv(_ bytes: [UInt8], file: String, limits: ReadLimits) throws(FormatError) -> InputData {
        if let bad = firstInvalidUTF8(bytes) {
            throw FormatError(file: file, message: "not a data file nnid knows (expected .npy, .npz, safetensors or UTF-8 CSV; invalid UTF-8 at byte \(bad))")
        }
        var rows: [[Rational]] = []
        var columns = 0
        var total = 0
        var sawFirst = false
        for (index, rawLine) in String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: " \t") }
            var values: [Rational] = []
            values.reserveCapacity(fields.count)
            for (column, field) in fields.enumerated() {
                do { values.append(try Rational(parsing: field, limits: limits.numbers)) } catch {
                    if !sawFirst { break }  // a header line
                    throw FormatError(file: file, place: "line \(index + 1), column \(column + 1)", message: SettingMessage(verbatim: error.description))
                }
            }
            defer { sawFirst = true }
            if values.count < fields.count { continue }
            if rows.isEmpty { columns = values.count }
            guard values.count == columns else {
                throw FormatError(file: file, place: "line \(index + 1)", message: "\(values.count) values, but earlier rows have \(columns)")
            }
            total += columns
            guard total <= limits.maximumParameters else {
                throw FormatError(file: file, place: "line \(index + 1)", message: "more than \(limits.maximumParameters) values (the limit)")
            }
            rows.append(values)
        }
        guard !rows.isEmpty else { throw FormatError(file: file, message: "no rows of numbers") }
        return InputData(rows: rows, columns: columns)
    }
}
