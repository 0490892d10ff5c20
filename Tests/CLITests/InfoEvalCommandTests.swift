import Foundation
import Testing

/// The `info` and `eval` commands: results on stdout, errors on stderr with exit status 2.
struct InfoEvalCommandTests {
    @Test func infoReportsArchitecture() throws {
        let r = try CLI.run(["info", "examples/relu-2-2-1.json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("architecture: 2 → 2 relu → 1 identity"))
        #expect(r.stdout.contains("parameters:   9 (6 weights, 3 biases)"))
        #expect(r.stderr.isEmpty)
    }

    @Test func evalIsExactForPiecewiseLinearNetworks() throws {
        // h = relu([1, -1/2]·x + 1/4, [1/3, 2]·x − 1/5) at x = (1/2, −1) is (5/4, 0);
        // y = 3/2·5/4 + 1/7 = 113/56.
        let r = try CLI.run(["eval", "examples/relu-2-2-1.json", "--input", "1/2,-1"])
        #expect(r.status == 0)
        #expect(r.stdout == "outputs (exact): 113/56\n")
    }

    @Test func evalFallsBackToDoubleAndSaysSo() throws {
        let r = try CLI.run(["eval", "examples/tanh-1-3-1.json", "--input", "1/2", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"exact\": false"))
    }

    @Test func evalReadsStandardInput() throws {
        let data = try Data(contentsOf: CLI.root.appendingPathComponent("examples/relu-2-2-1.json"))
        let r = try CLI.run(["eval", "-", "--input", "1/2,-1"], stdin: data)
        #expect(r.stdout == "outputs (exact): 113/56\n")
    }

    @Test(arguments: [
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1/0"]]}]}"#, "layers[0].weights[0][0]: zero denominator"),
        (#"{"inputs": 2, "layers": [{"activation": "relu", "weights": [["1"]]}]}"#, "layers[0].weights[0]: expected 2 entries"),
        (#"{"inputs": 1, "layers": [{"activation": "swish", "weights": [["1"]]}]}"#, "unknown activation \"swish\""),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["1"]]}"#, "invalid JSON"),
        (#"{"inputs": 1, "layers": [{"activation": "relu", "weights": [["NaN"]]}]}"#, "layers[0].weights[0][0]"),
        ("", "the file is empty"),
    ])
    func badInputExitsWithStatus2(json: String, message: String) throws {
        let r = try CLI.run(["info", "-"], stdin: Data(json.utf8))
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains(message), "stderr: \(r.stderr)")
    }

    @Test func missingFileExitsWithStatus2() throws {
        let r = try CLI.run(["info", "no/such/file.json"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no/such/file.json: cannot open"))
    }

    @Test func badInputValueExitsWithStatus2() throws {
        let r = try CLI.run(["eval", "examples/relu-2-2-1.json", "--input", "1,x"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--input, value 2"))
        let wrongCount = try CLI.run(["eval", "examples/relu-2-2-1.json", "--input", "1"])
        #expect(wrongCount.status == 2)
        #expect(wrongCount.stderr.contains("2 inputs; 1 values given"))
    }

    @Test func usageErrorsExitWith64() throws {
        let r = try CLI.run(["info"])
        #expect(r.status == 64)
    }

    @Test func versionIsPrinted() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0)
        #expect(!r.stdout.isEmpty)
    }
}
