import Foundation
import Testing

/// Pickles that would run a command if Python unpickled them: each `REDUCE` calls
/// `os.system`, `builtins.eval` or `subprocess.Popen` to create a marker file under /tmp
/// (Fixtures/make_framework_fixtures.py writes them). nnid must refuse each with exit status 2
/// and one line naming the callable, and the marker must not exist afterwards.
struct HostilePickleTests {
    static let cases: [(file: String, marker: String, callable: String)] = [
        ("pickle-os-system.pkl", "os-system", "posix.system"),
        ("pickle-builtins-eval.pkl", "eval", "builtins.eval"),
        ("pickle-subprocess-popen.pkl", "popen", "subprocess.Popen"),
        ("pt-os-system.pt", "pt", "posix.system"),
    ]

    @Test(arguments: ["info", "check", "convert"])
    func nothingIsExecuted(command: String) throws {
        for c in Self.cases {
            let marker = "/tmp/nnid-pickle-marker-\(c.marker)"
            try? FileManager.default.removeItem(atPath: marker)
            let path = "Tests/CLITests/Corpus/\(c.file)"
            var arguments = [command, path, "--activations", "relu,identity"]
            if command == "convert" { arguments.append(FileManager.default.temporaryDirectory.appendingPathComponent("nnid-hostile-\(c.marker).json").path) }
            let r = try CLI.run(arguments)
            #expect(r.status == 2)
            #expect(r.stderr.contains("refused to load \(c.callable)"), "\(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: marker), "\(c.file) created its marker")
        }
    }

    /// The markers are where the pickles would write them: the files name them.
    @Test func theFilesNameTheirMarkers() throws {
        for c in Self.cases {
            let bytes = try Data(contentsOf: CLI.root.appendingPathComponent("Tests/CLITests/Corpus/\(c.file)"))
            #expect(bytes.range(of: Data("/tmp/nnid-pickle-marker-\(c.marker)".utf8)) != nil)
        }
    }
}
