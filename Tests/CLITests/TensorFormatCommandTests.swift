import Foundation
import Testing

/// Every command reads safetensors, npz and npy by content; bad files exit 2 with the reason on
/// stderr and nothing on stdout; `convert` writes every format exactly or refuses.
struct TensorFormatCommandTests {
    static let fixtures = "Tests/NetworkFormatsTests/Fixtures/"

    /// Malformed files with a fragment of the message `nnid info` must print.
    static let malformed: [(file: String, fragment: String)] = [
        ("truncated_length.safetensors", "not a network file nnid knows"),
        ("header_too_large.safetensors", "exceeds the limit of 100000000 bytes"),
        ("header_past_end.safetensors", "runs past the end of the file"),
        ("header_not_utf8.safetensors", "not valid UTF-8"),
        ("header_not_object.safetensors", "not a network file nnid knows"),  // `[` at byte 8: not recognisable
        ("duplicate_name.safetensors", "duplicate key \"a\""),
        ("overlapping_offsets.safetensors", "overlaps tensor \"a\""),
        ("gap_in_data.safetensors", "gap in the data block"),
        ("trailing_data.safetensors", "trailing data"),
        ("shape_size_mismatch.safetensors", "needs 32"),
        ("unknown_dtype.safetensors", "dtype C64 is not supported"),
        ("nan_weight.safetensors", "element [0, 1] is NaN"),
        ("no_activations.safetensors", "--activations relu,identity"),
        ("weights_in_out.safetensors", "transpose"),
        ("bad_magic.npy", "not a network file nnid knows"),
        ("truncated_data.npy", "truncated npy data"),
        ("object_array.npy", "pickled"),
        ("entry_not_npy.npz", "\"readme.txt\" is not an .npy array"),
        ("bad_crc.npz", "CRC-32"),
        ("truncated.npz", "no end-of-central-directory record"),
    ]

    @Test(arguments: malformed.map(\.file))
    func infoOnAMalformedFileExitsTwo(file: String) throws {
        let fragment = try #require(Self.malformed.first { $0.file == file }).fragment
        let r = try CLI.run(["info", Self.fixtures + "Malformed/" + file])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.hasPrefix("nnid: error: \(Self.fixtures)Malformed/\(file): "), "\(r.stderr)")
        #expect(r.stderr.contains(fragment), "\(r.stderr)")
    }

    @Test(arguments: ["mlp_f32.safetensors", "mlp_bf16.safetensors", "mlp_stored.npz", "mlp_deflated.npz"])
    func infoReadsTensorFiles(file: String) throws {
        let r = try CLI.run(["info", Self.fixtures + file])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("parameters:   13 (9 weights, 4 biases)"))
    }

    @Test func activationsOptionSuppliesWhatTheFileLacks() throws {
        let r = try CLI.run(["info", Self.fixtures + "Malformed/no_activations.safetensors", "--activations", "tanh,identity"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("architecture: 2 → 3 tanh → 1 identity"))
        let npy = try CLI.run(["info", Self.fixtures + "v1_f8.npy", "--activations", "identity"])
        #expect(npy.stdout.contains("architecture: 3 → 2 identity"), "\(npy.stderr)")
    }

    @Test func evalReadsSafetensorsFromStandardInput() throws {
        let data = try Data(contentsOf: CLI.root.appendingPathComponent(Self.fixtures + "mlp_f16.safetensors"))
        let r = try CLI.run(["eval", "-", "--input", "0,0"], stdin: data)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("outputs (exact): "))
    }

    static let dyadicJSON = """
        {"inputs": 2, "input_domain": {"box": [["-1", "1"], ["0", "1/2"]]},
         "layers": [{"activation": "leaky_relu(1/8)", "weights": [["1", "-3/4"], ["5/8", "2"]], "bias": ["0", "1/8"]},
                    {"activation": "identity", "weights": [["1/2", "-1"]]}]}
        """

    @Test func convertRoundTripsThroughEveryFormat() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.dyadicJSON.utf8).write(to: dir.appendingPathComponent("a.json"))
        for (from, to, extra) in [("a.json", "b.safetensors", ["--dtype", "f16"]), ("b.safetensors", "c.npz", ["--dtype", "f32"]),
                                  ("c.npz", "d.safetensors", ["--dtype", "bf16"]), ("d.safetensors", "e.json", [])] {
            let r = try CLI.run(["convert", from, to] + extra, in: dir)
            #expect(r.status == 0, "\(from) → \(to): \(r.stderr)")
            #expect(r.stdout.isEmpty && r.stderr.isEmpty)
        }
        let canonical = try CLI.run(["convert", "a.json", "a2.json"], in: dir)
        #expect(canonical.status == 0)
        let a = try String(contentsOf: dir.appendingPathComponent("a2.json"), encoding: .utf8)
        let e = try String(contentsOf: dir.appendingPathComponent("e.json"), encoding: .utf8)
        #expect(a == e)
    }

    @Test func convertRefusesInexactValuesAndWritesNothing() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nnid-convert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("r.safetensors").path
        let r = try CLI.run(["convert", "examples/relu-2-2-1.json", out, "--dtype", "f32"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("layer1.unit1.weight[0] = 1/3 is not exactly representable in F32"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let lossy = try CLI.run(["convert", "examples/relu-2-2-1.json", out, "--dtype", "f32", "--lossy"])
        #expect(lossy.status == 0)
        #expect(lossy.stderr.contains("largest error 1/50331648"))
        #expect(FileManager.default.fileExists(atPath: out))
    }
}
