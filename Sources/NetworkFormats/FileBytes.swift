#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
}

/// The text of the current `errno`.
func systemError() -> String {
    guard let message = strerror(errno) else { return "error \(errno)" }
    return String(decoding: UnsafeBufferPointer(start: message, count: strlen(message)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
