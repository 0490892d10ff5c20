import Foundation
import Testing

/// `nnid llc`: the estimate beside the certified interval and the proven value, reproducible
/// runs, the calibration picture, and bad data refused with exit status 2.
struct LLCCommandTests {
    let short = ["--samples", "500", "--chains", "2", "--draws", "200", "--burn-in", "100"]

    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nnid-llc-\(ProcessInfo.processInfo.processIdentifier)-\(name)").path
    }

    @Test func reportsIntervalAndProvenValue() throws {
        let r = try CLI.run(["llc", "examples/linear-3-2-3-zero.json"] + short)
        #expect(r.status == 0)
        #expect(r.stdout.contains("certified interval: 0 ≤ λ ≤ 3"))
        #expect(r.stdout.contains("proven value: λ = 5/2"))
        #expect(r.stdout.contains("calibration: ε = "))
        let again = try CLI.run(["llc", "examples/linear-3-2-3-zero.json"] + short)
        #expect(again.stdout == r.stdout)
    }

    @Test func jsonCarriesPerChainValues() throws {
        let r = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--format", "json", "--epsilon", "1e-4", "--gamma", "1"] + short)
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        #expect((object?["per_chain"] as? [Any])?.count == 2)
        #expect((object?["proven"] as? [String: Any])?["lambda"] as? String == "5/2")
    }

    @Test func calibrateWritesSVG() throws {
        let path = temporaryPath("sweep.svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--calibrate", path, "--no-interval"] + short)
        #expect(r.status == 0)
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.hasPrefix("<?xml") && svg.contains("step size ε"))
    }

    @Test func badDataIsRefused() throws {
        let path = temporaryPath("bad.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "1,2,3\n4,nan,6\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--data", path] + short)
        #expect(r.status == 2)
        #expect(r.stderr.contains("bad.csv"))
        try "1,2\n".write(toFile: path, atomically: true, encoding: .utf8)
        let narrow = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--data", path] + short)
        #expect(narrow.status == 2)
        #expect(narrow.stderr.contains("rows have 2 columns"))
        let option = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--epsilon=0"] + short)
        #expect(option.status == 2)
        #expect(option.stderr.contains("--epsilon"))
    }

    @Test func csvDataAreRead() throws {
        let path = temporaryPath("x.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = (0..<50).map { i in "\(Double(i) / 50),\(-Double(i) / 25),1" }.joined(separator: "\n")
        try (rows + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try CLI.run(["llc", "examples/linear-3-2-3-zero.json", "--data", path, "--no-interval", "--epsilon", "1e-4"] + short)
        #expect(r.status == 0)
        #expect(r.stdout.contains("n = 50"))
    }
}
