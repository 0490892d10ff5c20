import Foundation
import Testing

/// Valid but awkward inputs get a verdict, not "bad input": a reducible network with a unit on
/// its kink everywhere (reduce, then analyse), networks on different spaces (not equivalent),
/// and outputs onto devices and links (written through, never replaced).
struct HostileInputVerdictTests {
    static func write(_ text: String, _ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-verdict-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    /// layer1.unit1 has zero weights and bias: its pre-activation is exactly 0 at every input.
    static let onKink = """
        {"inputs": 1, "layers": [
          {"activation": "relu", "weights": [["1"], ["0"]], "bias": ["1/3", "0"]},
          {"activation": "identity", "weights": [["2", "5"]], "bias": ["0"]}]}
        """

    @Test("check and rank of a reducible network on a kink everywhere analyse the reduced network and exit 1")
    func reducibleOnKink() throws {
        let file = try Self.write(Self.onKink, "on-kink.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let check = try CLI.run(["check", file.path])
        #expect(check.status == 1, "stderr: \(check.stderr)")
        #expect(check.stdout.contains("layer1.unit1 can be removed"))
        #expect(check.stdout.contains("the rank analysis is of the reduced network 1 → 1 relu → 1 identity (4 parameters)"))
        // The reduced (1, 1, 1) ReLU network: P = 4, one rescaling, rank 3.
        #expect(check.stdout.contains("functional dimension:  3 (exact"))
        let rank = try CLI.run(["rank", file.path])
        #expect(rank.status == 1, "stderr: \(rank.stderr)")
        #expect(rank.stdout.contains("functional dimension:  3 (exact"))
        #expect(rank.stderr.contains("\(file.path): the analysis above is of the reduced network"))
    }

    @Test("equiv of networks with different input counts decides not equivalent (exit 1)")
    func differentInputCounts() throws {
        let a = try Self.write(#"{"inputs": 1, "layers": [{"activation": "identity", "weights": [["1"]]}]}"#, "a.json")
        let b = try Self.write(#"{"inputs": 2, "layers": [{"activation": "identity", "weights": [["1", "0"]]}]}"#, "b.json")
        defer {
            try? FileManager.default.removeItem(at: a.deletingLastPathComponent())
            try? FileManager.default.removeItem(at: b.deletingLastPathComponent())
        }
        let r = try CLI.run(["equiv", a.path, b.path])
        #expect(r.status == 1, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("verdict: not equivalent"))
        #expect(r.stdout.contains("the networks take 1 and 2 inputs"))
    }

    @Test("-o onto a symbolic link to /proc/self/fd/1 writes through to standard output and keeps the link")
    func outputThroughLink() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-link-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let link = dir.appendingPathComponent("out.json").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/self/fd/1")
        let r = try CLI.run(["convert", "examples/relu-2-2-1.json", link])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("\"format\": \"nnid-network\""))
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "/proc/self/fd/1")
    }

    @Test("convert refuses, writing nothing, when the result would read back as a different network")
    func convertNeverChangesTheNetwork() throws {
        let net = """
            {"inputs": 1, "layers": [{"activation": "identity", "weights": [["1"]], "bias": ["0"]}],
             "metadata": {"nnid.input_domain": "box:0,1"}}
            """
        let file = try Self.write(net, "meta.json")
        let dir = file.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.safetensors").path
        let r = try CLI.run(["convert", file.path, out])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("\(out): not written: read back, the result would be a different network (the input domain would be box:0,1 instead of absent)"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
        // To JSON the metadata is plain text: the conversion succeeds and reads back the same.
        let json = dir.appendingPathComponent("out.json").path
        #expect(try CLI.run(["convert", file.path, json]).status == 0)
        #expect(try CLI.run(["info", json, "--format", "json"]).stdout == (try CLI.run(["info", file.path, "--format", "json"]).stdout))
    }

    /// 20 layers of weight 10⁹⁰⁰⁰ at input 10⁹⁰⁰⁰ build a 10¹⁸⁹⁰⁰⁰ output (about 79 KB): under a
    /// 64 KiB cap on one GMP allocation, GMP's allocator ends the run with one line and status 2
    /// instead of aborting.
    @Test("an allocation GMP cannot have ends with one error line and exit status 2, not an abort")
    func gmpAllocationFailure() throws {
        let layers = Array(repeating: #"{"activation": "identity", "weights": [["1e9000"]]}"#, count: 20).joined(separator: ",")
        let file = try Self.write(#"{"inputs": 1, "layers": [\#(layers)]}"#, "big.json")
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let r = try CLI.run(["eval", file.path, "--input", "1e9000"], environment: ["NNID_GMP_ALLOCATION_LIMIT": "65536"])
        #expect(r.status == 2, "stderr: \(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("nnid: error: out of memory: exact arithmetic (GMP) needed "), "\(r.stderr)")
        #expect(r.stderr.contains("beyond the 65536 allowed for a single value"))
        #expect(r.stderr.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 1)
        // Without the cap the same command succeeds.
        #expect(try CLI.run(["eval", file.path, "--input", "1e9000"]).status == 0)
    }
}
