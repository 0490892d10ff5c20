#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileBytes {
    /// The longest file name the temporary file may have (POSIX `NAME_MAX` on Linux and macOS).
    static let nameMax = 255
    /// What follows the destination's name in a temporary file's name: `.tmp-` and six
    /// characters chosen by `mkstemp`.
    static let temporarySuffix = ".tmp-XXXXXX"

    /// Writes `bytes` to `path`; `-` writes to standard output.
    ///
    /// - A regular file (new or existing) is replaced **atomically**: the bytes go into a
    ///   temporary file `.NAME.tmp-XXXXXX` in the same directory, flushed to disk, then renamed
    ///   over `path`. A failure at any step leaves an existing `path` untouched and removes the
    ///   temporary file. An existing file keeps its permission bits; a new one gets 0666 less
    ///   the umask, as any program's new file. NAME is shortened (on a UTF-8 boundary) so the
    ///   temporary name stays within `NAME_MAX` (255 bytes) however long `path`'s name is.
    /// - Temporary files of this pattern for the same destination that no live writer holds
    ///   (each writer keeps an exclusive `flock` on its own while writing) are left-overs of a
    ///   killed process: they are removed before the new one is made.
    /// - A symbolic link is followed: the file it points to is replaced as above, and the link
    ///   stays a link. A link to nothing is refused.
    /// - Anything else that is not a directory — a device such as `/dev/null`, a FIFO, a
    ///   terminal, `/proc/self/fd/1` — is **written through**: opened for writing and written
    ///   to, never replaced by a regular file (so `-o /dev/null` discards the output and leaves
    ///   the device alone). Such a write is not atomic. A directory is refused.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FormatError) {
        if path == "-" { return try writeAll(bytes, to: 1, path: path) }
        var st = stat()
        let exists = stat(path, &st) == 0  // follows symbolic links
        if exists {
            switch st.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw FormatError(file: path, message: "is a directory; nothing was written")
            default: return try writeThrough(bytes, to: path)
            }
        }
        var target = path
        var link = stat()
        if lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
            guard exists, let resolved = realpath(path, nil) else {
                throw FormatError(file: path, message: "is a symbolic link to a missing file; nothing was written")
            }
            target = String(cString: resolved)
            free(resolved)
        }
        try replaceRegularFile(bytes, at: target, reportedAs: path, mode: exists ? st.st_mode & 0o7777 : nil)
    }

    /// Writes into an existing non-regular file (device, FIFO, terminal) without replacing it.
    static func writeThrough(_ bytes: [UInt8], to path: String) throws(FormatError) {
        let fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FormatError(file: path, message: "cannot open for writing: \(systemError())") }
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(FormatError) {
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FormatError(file: path, message: "write failed: \(systemError())")
            }
            written += n
        }
    }

    /// The directory of `path` and the prefix of its temporary files' names (`.NAME`, shortened
    /// so that prefix + ``temporarySuffix`` fits in ``nameMax`` bytes).
    static func temporaryPrefix(for path: String) -> (directory: String, prefix: String) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var kept = Substring(base)
        while 1 + kept.utf8.count + temporarySuffix.utf8.count > nameMax { kept = kept.dropLast() }
        return (directory.isEmpty ? "/" : directory, "." + kept)
    }

    /// Removes left-over temporary files of `prefix` in `directory` that no writer holds.
    static func removeStaleTemporaries(directory: String, prefix: String) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        let stem = prefix + ".tmp-"
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name.hasPrefix(stem), name.utf8.count == stem.utf8.count + 6 else { continue }
            let candidate = directory + "/" + name
            let fd = open(candidate, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var st = stat()
            // Only a regular file nobody holds a lock on: a live writer keeps its lock to the end.
            if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, flock(fd, LOCK_EX | LOCK_NB) == 0 {
                unlink(candidate)
            }
            close(fd)
        }
    }

    /// Replaces the regular file (or creates it) at `target` through a temporary file.
    static func replaceRegularFile(_ bytes: [UInt8], at target: String, reportedAs path: String, mode: mode_t?) throws(FormatError) {
        let (directory, prefix) = temporaryPrefix(for: target)
        removeStaleTemporaries(directory: directory, prefix: prefix)
        var template = Array("\(directory)/\(prefix)\(temporarySuffix)".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw FormatError(file: path, message: "cannot create a temporary file in \(directory): \(systemError())") }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer { if !ok { unlink(tempPath) } }
        _ = flock(fd, LOCK_EX)
        defer { close(fd) }
        try writeAll(bytes, to: fd, path: path)
        // The descriptor (and its lock) is kept until after the rename, so no cleaner can take
        // the file for a left-over; the deferred close runs on every path.
        fchmod(fd, mode ?? newFileMode())
        guard fsync(fd) == 0 else { throw FormatError(file: path, message: "cannot flush to disk: \(systemError())") }
        guard rename(tempPath, target) == 0 else { throw FormatError(file: path, message: "cannot replace the file: \(systemError())") }
        ok = true
    }

    /// 0666 less the process's umask: the mode `open(…, O_CREAT, 0666)` would give.
    static func newFileMode() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return 0o666 & ~mask
    }
}
