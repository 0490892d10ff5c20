import Foundation
import Synchronization
import Testing

/// Ctrl-C during a long analysis ends it with the bracket established so far: the first SIGINT
/// asks the analysis to stop at the next chunk of Jacobian rows, and the report that follows is
/// complete — the bracket line, NNID009 and the verdict "undetermined" — with exit status 1.
/// Before it, `--verbose` has logged the step, the rows read and the rank so far.
@Suite struct InterruptTests {
    /// A deep ReLU network 8-40-40-8 (P = 2,328) with seeded weights: its rank climbs slowly over
    /// many growth rounds, so the analysis is still running when the signal arrives.
    static func deepReLU() -> String {
        var state: UInt64 = 2026
        func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) * 0x1p-53 * 2 - 1
        }
        let widths = [8, 40, 40, 8]
        var layers: [String] = []
        for l in 1..<widths.count {
            let rows = (0..<widths[l]).map { _ in "[" + (0..<widths[l - 1]).map { _ in "\(next())" }.joined(separator: ",") + "]" }
            let bias = (0..<widths[l]).map { _ in "\(next() / 2)" }.joined(separator: ",")
            let activation = l == widths.count - 1 ? "identity" : "relu"
            layers.append(#"{"activation": "\#(activation)", "weights": [\#(rows.joined(separator: ","))], "bias": [\#(bias)]}"#)
        }
        return #"{"inputs": 8, "layers": [\#(layers.joined(separator: ","))]}"#
    }

    @Test func ctrlCPrintsTheBracketSoFar() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-interrupt-\(getpid()).json")
        try Self.deepReLU().write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["check", file.path, "--no-exact", "--factorization", "streaming", "--verbose"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let notes = Mutex("")
        err.fileHandleForReading.readabilityHandler = { handle in
            let chunk = String(decoding: handle.availableData, as: UTF8.self)
            notes.withLock { $0 += chunk }
        }
        try process.run()
        // Interrupt once the analysis has folded in its first chunk of rows: the progress log
        // then shows the step, the rows read and the engine's rank so far.
        let start = Date()
        while !notes.withLock({ $0.contains("nnid:   rows ") }) && Date().timeIntervalSince(start) < 300 && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(process.isRunning, "the analysis ended before it could be interrupted")
        process.interrupt()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        err.fileHandleForReading.readabilityHandler = nil
        let report = String(decoding: output, as: UTF8.self)
        let log = notes.withLock { $0 }
        #expect(log.contains("nnid: sampling"), "\(log)")
        let first = try #require(log.firstMatch(of: #/nnid:   rows (\d+) of (\d+), rank (\d+)/#), "\(log)")
        let (rows, total, rank) = (Int(first.1)!, Int(first.2)!, Int(first.3)!)
        #expect(rows > 0 && rows <= total && rank > 0 && rank <= min(rows, 2328), "\(log)")
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(notes.withLock { $0 })")
        #expect(report.contains("(the analysis was interrupted)"), "\(report)")
        #expect(report.contains("bracket:"), "\(report)")
        #expect(report.contains("warning[NNID009]"), "\(report)")
        #expect(report.contains("verdict: undetermined"), "\(report)")
    }
}
