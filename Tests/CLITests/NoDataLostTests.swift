import Foundation
import TestSupport
import Testing

/// Every file nnid writes is written atomically: a run that fails — bad input, or an output it
/// cannot create — leaves an existing output byte-identical and no temporary file behind.
struct NoDataLostTests {
    /// Commands that write a file, with `OUT` for the output path and `NET` for the input.
    static let writers: [[String]] = [
        ["canon", "NET", "-o", "OUT"],
        ["convert", "NET", "OUT", "--to", "json"],
        ["convert", "NET", "OUT", "--to", "safetensors", "--lossy"],
        ["convert", "NET", "OUT", "--to", "npz", "--lossy"],
        ["plot", "regions", "NET", "-o", "OUT"],
        ["plot", "spectrum", "NET", "-o", "OUT"],
    ]

    static func scratch() throws -> URL { try scratchDirectory("nodataloss") }

    static func arguments(_ template: [String], net: String, out: String) -> [String] {
        template.map { $0 == "NET" ? net : $0 == "OUT" ? out : $0 }
    }

    static let precious = Data("precious earlier result\n".utf8)

    /// Runs `body` with a fresh scratch directory and the path of an existing output in it,
    /// `existing.out` holding ``precious``; removes the directory afterwards.
    static func withPreciousOutput(_ body: (_ dir: URL, _ out: URL) throws -> Void) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("existing.out")
        try precious.write(to: out)
        try body(dir, out)
    }

    @Test("a bad input leaves an existing output byte-identical", arguments: writers)
    func badInputKeepsOutput(_ template: [String]) throws {
        try Self.withPreciousOutput { dir, out in
            for bad in ["zero-denominator.json", "truncated.json", "npz-bad-crc.npz", "st-nan-weight.safetensors"] {
                let r = try CLI.run(Self.arguments(template, net: "Tests/CLITests/Corpus/\(bad)", out: out.path))
                #expect(r.status == 2, "\(bad): \(r.stderr)")
                #expect(try Data(contentsOf: out) == Self.precious, "\(bad)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["existing.out"])
        }
    }

    @Test("an output that cannot be written fails with exit status 2 and leaves nothing behind", arguments: writers)
    func unwritableOutput(_ template: [String]) throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A missing directory: the temporary file cannot even be created.
        let missing = dir.appendingPathComponent("no/such/dir/out").path
        let r = try CLI.run(Self.arguments(template, net: "examples/relu-2-2-1.json", out: missing))
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("nnid: error: "))
        #expect(r.stdout.isEmpty)
        // An existing directory in the output's place: refused before any temporary file is made.
        let occupied = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: occupied.appendingPathComponent("inside"), withIntermediateDirectories: true)
        let s = try CLI.run(Self.arguments(template, net: "examples/relu-2-2-1.json", out: occupied.path))
        #expect(s.status == 2, "\(s.stderr)")
        #expect(s.stderr.contains("is a directory; nothing was written"), "\(s.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: occupied.path) == ["inside"])
    }

    @Test("a read-only directory refuses the write with exit status 2 and no temporary file",
          .enabled(if: geteuid() != 0, "root ignores directory permissions"))
    func readOnlyDirectory() throws {
        let unchanged = try directoryUnchanged(readOnlyHolding: "existing.json", contents: Self.precious) { out in
            let r = try CLI.run(["canon", "examples/relu-2-2-1.json", "-o", out.path])
            #expect(r.status == 2)
            #expect(r.stderr.contains("cannot create a temporary file"), "\(r.stderr)")
        }
        #expect(unchanged, "the directory changed")
    }

    @Test("a successful write replaces the old output completely", arguments: writers)
    func successfulWriteReplaces(_ template: [String]) throws {
        try Self.withPreciousOutput { dir, out in
            let net = template.contains("spectrum") ? "examples/tanh-1-3-1.json" : "examples/relu-2-2-1.json"
            let r = try CLI.run(Self.arguments(template, net: net, out: out.path))
            #expect(r.status == 0, "\(r.stderr)")
            let written = try Data(contentsOf: out)
            #expect(written != Self.precious && !written.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["existing.out"])
        }
    }
}
