import Foundation
import Testing

/// Every command takes PyTorch, ONNX and .nnet files as they are, detected by content.
struct FrameworkFormatCommandTests {
    static let dir = "Tests/NetworkFormatsTests/Fixtures/Frameworks/"

    /// ONNX carries its activations: `check` needs no --activations.
    @Test func checkReadsTheArchitectureFromTheONNXGraph() throws {
        let r = try CLI.run(["check", Self.dir + "mixed_dynamo.onnx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("architecture:          3 → 4 leaky_relu(5368709/536870912) → 4 tanh → 2 identity"))
        #expect(r.stdout.contains("verdict:"))
    }

    @Test(arguments: ["info", "canon"])
    func theBigMLPReadsWithoutActivations(command: String) throws {
        let r = try CLI.run([command, Self.dir + "mlp784.onnx"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("784"))
    }

    /// convert: PyTorch → ONNX → JSON equals PyTorch → JSON, and ONNX → ONNX → JSON equals ONNX → JSON.
    @Test func convertToONNXAndBackIsTheIdentity() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-onnx-\(getpid())")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let onnx = tmp.appendingPathComponent("m.onnx").path, viaONNX = tmp.appendingPathComponent("via.json").path
        let direct = tmp.appendingPathComponent("direct.json").path
        for (source, extra) in [("mlp784.pt", ["--activations", "relu,identity"]), ("mlp784.onnx", []), ("residual.onnx", []), ("small.nnet", [])] {
            #expect(try CLI.run(["convert", Self.dir + source, onnx, "--dtype", "f32"] + extra).status == 0)
            #expect(try CLI.run(["convert", onnx, viaONNX]).status == 0)
            #expect(try CLI.run(["convert", Self.dir + source, direct] + extra).status == 0)
            let a = try Data(contentsOf: URL(fileURLWithPath: viaONNX)), b = try Data(contentsOf: URL(fileURLWithPath: direct))
            #expect(a == b, "\(source) changed on the way through ONNX")
        }
    }

    @Test func nnetCarriesItsInputBox() throws {
        let r = try CLI.run(["info", Self.dir + "small.nnet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("input domain: box [-3/4, 1/4] × [-1/4, 1/4]"))
    }
}
