import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A fresh, empty directory for one test under the system's temporary directory,
/// `nnid-<label>-<random>`; the test removes it.
public func scratchDirectory(_ label: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-\(label)-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}

/// Runs `body` with the URL of `name`, a file holding `contents` in a fresh directory that is
/// then made read-only (mode 0555), and tells whether the directory is as it was afterwards: the
/// file still holds `contents` and is the directory's only entry (no temporary file left). The
/// directory is made writable again and removed in any case. (Root ignores the permission.)
public func directoryUnchanged(readOnlyHolding name: String, contents: Data, _ body: (URL) throws -> Void) throws -> Bool {
    let dir = try scratchDirectory("read-only")
    defer {
        chmod(dir.path, 0o755)
        try? FileManager.default.removeItem(at: dir)
    }
    let file = dir.appendingPathComponent(name)
    try contents.write(to: file)
    chmod(dir.path, 0o555)
    try body(file)
    return try Data(contentsOf: file) == contents && FileManager.default.contentsOfDirectory(atPath: dir.path) == [name]
}
