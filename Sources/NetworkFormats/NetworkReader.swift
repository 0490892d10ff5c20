import Exact
import Networks
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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

    /// Recognises a format from the first bytes of a file; `nil` when none matches.
    ///
    /// safetensors is tested before JSON: its first byte is the low byte of the header length,
    /// which can be `{` (a 123-byte header), while valid JSON never has a plausible length
    /// field followed by `{` at byte 8.
    public static func detect(_ bytes: [UInt8]) -> FileFormat? {
        if Npy.looksLike(bytes) { return .npy }
        if Npz.looksLike(bytes) { return .npz }
        if Safetensors.looksLike(bytes) { return .safetensors }
        if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{") {
            return .nativeJSON
        }
        if bytes.count >= 9, bytes[8] == UInt8(ascii: "{") { return .safetensors }
        return nil
    }
}

/// Options for reading a network from any format.
public struct ReadOptions: Sendable {
    /// Activations for formats that store only tensors (safetensors, npz), one per non-input
    /// layer; overrides the file's own metadata.
    public var activations: [Activation]?
    public var limits: ReadLimits

    public init(activations: [Activation]? = nil, limits: ReadLimits = .default) {
        self.activations = activations
        self.limits = limits
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
            throw FormatError(file: file, message: bytes.isEmpty ? "the file is empty" : "not a network file nnid knows (expected nnid JSON, safetensors, .npz or .npy)")
        }
        return try read(bytes: bytes, format: format, file: file, options: options)
    }

    /// Reads a network from bytes in a known format.
    public static func read(bytes: [UInt8], format: FileFormat, file: String, options: ReadOptions = ReadOptions()) throws(FormatError) -> Network {
        switch format {
        case .nativeJSON:
            return try NativeJSONFormat.decode(bytes, file: file, limits: options.limits)
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
                throw FormatError(file: file, message: error.description)
            }
        }
    }
}

/// Reading whole files with a size limit, and writing them atomically.
public enum FileBytes {
    /// The bytes of the file at `path` (`-` reads standard input).
    /// - Throws: ``FormatError`` when the file cannot be opened or is larger than `limit`.
    public static func read(path: String, limit: Int = ReadLimits.default.maximumFileSize) throws(FormatError) -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw FormatError(file: path, message: "cannot open: \(systemError())") }
        defer { if path != "-" { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR { throw FormatError(file: path, message: "is a directory, not a file") }
            if Int(st.st_size) > limit { throw FormatError(file: path, message: "file of \(st.st_size) bytes exceeds the limit of \(limit) bytes") }
        }
        var out: [UInt8] = []
        if st.st_size > 0 { out.reserveCapacity(Int(st.st_size)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(file: path, message: "read failed: \(systemError())")
            }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            guard out.count <= limit else { throw FormatError(file: path, message: "input exceeds the limit of \(limit) bytes") }
        }
        return out
    }

    /// Writes `bytes` to `path` atomically: into a temporary file in the same directory, flushed
    /// to disk, then renamed over `path`. A failure at any step leaves an existing `path`
    /// untouched and removes the temporary file. `-` writes to standard output.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FormatError) {
        if path == "-" {
            var written = 0
            while written < bytes.count {
                let n = bytes[written...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
                if n < 0 { if errno == EINTR { continue }; throw FormatError(file: path, message: "write failed: \(systemError())") }
                written += n
            }
            return
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(directory.isEmpty ? "/" : directory)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw FormatError(file: path, message: "cannot create a temporary file in \(directory): \(systemError())") }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = systemError()
                close(fd)
                throw FormatError(file: path, message: "write failed: \(reason)")
            }
            written += n
        }
        fchmod(fd, 0o644)
        // Close even when fsync fails, so the descriptor never leaks.
        let synced = fsync(fd) == 0
        let reason = synced ? "" : systemError()
        guard close(fd) == 0, synced else { throw FormatError(file: path, message: "cannot flush to disk: \(synced ? systemError() : reason)") }
        guard rename(tempPath, path) == 0 else { throw FormatError(file: path, message: "cannot replace the file: \(systemError())") }
        ok = true
    }
}

/// The text of the current `errno`.
func systemError() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(decoding: UnsafeBufferPointer(start: message, count: strlen(message)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
