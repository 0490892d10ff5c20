import Foundation
import Testing

/// Colours and the progress bar appear only at a terminal, and never under `NO_COLOR`; pipes and
/// files get plain text. A terminal is simulated with util-linux `script`, which runs the command
/// on a pseudo-terminal.
struct TerminalStyleTests {
    static let script = "/usr/bin/script"

    /// Runs `nnid arguments…` on a pseudo-terminal and returns everything it wrote there.
    func runOnTerminal(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.script)
        let command = ([CLI.binary.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        process.currentDirectoryURL = CLI.root
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env.removeValue(forKey: "NO_COLOR")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func terminalGetsColoursAndAProgressBar() throws {
        let text = try runOnTerminal(["check", "examples/tanh-duplicate-pair.json"])
        #expect(text.contains("\u{1B}[33;1mwarning[NNID001]"))
        #expect(text.contains("█"), "a progress bar is drawn on stderr")
        #expect(text.contains("\r\u{1B}[Knetwork:"), "the bar is cleared before the report")
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: script)))
    func noColourMeansPlainText() throws {
        let text = try runOnTerminal(["check", "examples/tanh-duplicate-pair.json"], environment: ["NO_COLOR": "1"])
        #expect(!text.contains("\u{1B}["))
        #expect(text.contains("warning[NNID001]"))
    }

    @Test func pipesGetPlainText() throws {
        let r = try CLI.run(["check", "examples/tanh-duplicate-pair.json"])
        #expect(r.status == 1)
        #expect(!r.stdout.contains("\u{1B}["))
        #expect(!r.stderr.contains("\u{1B}["))
        let bad = try CLI.run(["info", "no/such/file.json"])
        #expect(bad.stderr.hasPrefix("nnid: error: "))
    }
}
