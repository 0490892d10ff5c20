import Foundation
import Testing
@testable import NetworkFormats
#if canImport(Glibc)
import Glibc
#endif

/// Where `FileBytes.writeAtomically` writes: regular files replaced atomically (mode kept, names
/// of any legal length, left-overs of killed writers removed), symbolic links followed, devices
/// and other special files written through and never replaced.
struct WriteDestinationTests {
    static func directory() throws -> URL { try ReadLimitsTests.temporaryDirectory() }

    static func fileType(_ path: String, followingLinks: Bool = false) -> mode_t {
        var st = stat()
        let r = followingLinks ? stat(path, &st) : lstat(path, &st)
        return r == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test("a device node is written through and stays a device")
    func deviceNode() throws {
        try FileBytes.writeAtomically(Array("discarded".utf8), to: "/dev/null")
        #expect(Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test("a symbolic link to a device or to standard output is written through, and stays a link")
    func linkToDevice() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("out.svg").path
        #expect(symlink("/dev/null", link) == 0)
        try FileBytes.writeAtomically(Array("x".utf8), to: link)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(Self.fileType("/dev/null") == S_IFCHR)
    }

    @Test("a symbolic link to a regular file replaces the file it points to; the link stays")
    func linkToFile() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("real.json").path, link = dir.appendingPathComponent("link.json").path
        try Data("old".utf8).write(to: URL(fileURLWithPath: file))
        #expect(symlink(file, link) == 0)
        try FileBytes.writeAtomically(Array("new".utf8), to: link)
        #expect(Self.fileType(link) == S_IFLNK)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.json", "real.json"])
    }

    @Test("a symbolic link to nothing is refused and left alone")
    func danglingLink() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("link.json").path
        #expect(symlink(dir.appendingPathComponent("missing").path, link) == 0)
        #expect(throws: FormatError(file: link, message: "is a symbolic link to a missing file; nothing was written")) {
            try FileBytes.writeAtomically([1], to: link)
        }
        #expect(Self.fileType(link) == S_IFLNK)
    }

    @Test("overwriting keeps the old file's permission bits", arguments: [0o600, 0o640, 0o755] as [mode_t])
    func modeKept(mode: mode_t) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("secret.json").path
        try FileBytes.writeAtomically(Array("one".utf8), to: path)
        #expect(chmod(path, mode) == 0)
        try FileBytes.writeAtomically(Array("two".utf8), to: path)
        var st = stat()
        #expect(stat(path, &st) == 0)
        #expect(st.st_mode & 0o7777 == mode)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
    }

    @Test("names up to NAME_MAX are writable: the temporary name is shortened to fit", arguments: [1, 200, 243, 244, 250, 255])
    func longNames(length: Int) throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = String(repeating: "é", count: length / 2) + String(repeating: "n", count: length % 2)
        #expect(name.utf8.count == length)
        let path = dir.appendingPathComponent(name).path
        try FileBytes.writeAtomically(Array("x".utf8), to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [name])
        let (_, prefix) = FileBytes.temporaryPrefix(for: path)
        #expect(prefix.utf8.count + FileBytes.temporarySuffix.utf8.count <= 255)
        #expect(String(decoding: prefix.utf8, as: UTF8.self) == prefix)  // cut on a character boundary
    }

    @Test("a killed writer's temporary file is removed by the next write; a live writer's is kept")
    func staleTemporaries() throws {
        let dir = try Self.directory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        let stale = dir.appendingPathComponent(".out.json.tmp-Ab12Cd").path
        let live = dir.appendingPathComponent(".out.json.tmp-Zz98Yx").path
        let other = dir.appendingPathComponent(".other.json.tmp-Ab12Cd").path
        for p in [stale, live, other] { try Data("partial".utf8).write(to: URL(fileURLWithPath: p)) }
        let holder = open(live, O_RDONLY)
        #expect(holder >= 0 && flock(holder, LOCK_EX) == 0)
        defer { close(holder) }
        try FileBytes.writeAtomically(Array("whole".utf8), to: path)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(left == ["out.json", ".out.json.tmp-Zz98Yx", ".other.json.tmp-Ab12Cd"])
    }
}
