import Foundation
import Testing

/// `--data FILE`: the domain is the file's inputs; a wrong width or a missing file is exit 2
/// with the file named.
@Suite struct DataOptionTests {
    @Test func csvInputsAreTheBatch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = dir.appendingPathComponent("d.csv")
        try Data("x0,x1\n0.5,1\n-1,0.25\n1,1\n".utf8).write(to: csv)
        let r = try CLI.run(["rank", "examples/relu-2-2-1.json", "--data", csv.path, "--format", "json"])
        #expect(r.status == 0)
        let compact = r.stdout.filter { !$0.isWhitespace }
        #expect(compact.contains("\"data_set\":{\"points\":3,\"used\":3,\"on_kink\":0,\"claim\":\"decided\"}"), "\(r.stdout)")
    }

    @Test func aWrongWidthOrAMissingFileIsExitTwo() throws {
        let wide = try CLI.run(["rank", "examples/relu-2-2-1.json", "--data", "examples/digits/digits.npy"])
        #expect(wide.status == 2)
        #expect(wide.stderr.contains("examples/digits/digits.npy: rows of 64 values, but the network has 2 inputs"))
        let missing = try CLI.run(["check", "examples/relu-2-2-1.json", "--data", "no-such-file.npy"])
        #expect(missing.status == 2 && missing.stderr.contains("no-such-file.npy: cannot open"))
        let tensor = try CLI.run(["rank", "examples/relu-2-2-1.json", "--data-tensor", "x"])
        #expect(tensor.status == 2 && tensor.stderr.contains("--data-tensor: needs --data"))
    }

    /// `--save-batch FILE` writes the batch as a float64 .npy array that `--data` reads back:
    /// every point of the batch, and the same rank on them.
    @Test func aSavedBatchIsReadBackAsData() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("batch.npy")
        let saved = try CLI.run(["check", "examples/relu-2-2-1.json", "--save-batch", file.path])
        #expect(saved.status == 0)
        let count = try #require(saved.stdout.firstMatch(of: /batch: +(\d+) points/).map { Int($0.1)! })
        let again = try CLI.run(["rank", "examples/relu-2-2-1.json", "--data", file.path, "--format", "json"])
        #expect(again.status == 0)
        let compact = again.stdout.filter { !$0.isWhitespace }
        #expect(compact.contains("\"data_set\":{\"points\":\(count),\"used\":\(count),"), "\(again.stdout)")
        #expect(compact.contains("\"functional_dimension\":7"), "\(again.stdout)")
    }
}
