import Foundation
import Testing
@testable import NetworkFormats

/// Each file in `Fixtures/Malformed/` breaks one rule; reading it must throw that rule's error
/// case with a message naming the place.
@Suite struct MalformedFixtureTests {
    static let corpus: [(file: String, errorCase: String, fragment: String)] = [
        ("truncated_length.safetensors", "truncatedHeaderLength", "must start with an 8-byte header length"),
        ("header_too_large.safetensors", "headerTooLarge", "exceeds the limit of 100000000 bytes"),
        ("header_past_end.safetensors", "headerPastEnd", "header length 1000 runs past the end of the file"),
        ("header_not_utf8.safetensors", "headerNotUTF8", "not valid UTF-8 (byte 2 of the header)"),
        ("header_not_json.safetensors", "headerNotJSON", "not valid JSON"),
        ("header_not_object.safetensors", "headerNotObject", "must be a JSON object, found an array"),
        ("duplicate_name.safetensors", "headerNotJSON", "duplicate key \"a\""),
        ("overlapping_offsets.safetensors", "overlappingData", "tensor \"b\": its data overlaps tensor \"a\""),
        ("gap_in_data.safetensors", "gapInData", "bytes 16..<24 before tensor \"b\""),
        ("trailing_data.safetensors", "trailingData", "bytes 16..<24 after the last tensor"),
        ("shape_size_mismatch.safetensors", "sizeMismatch", "tensor \"a\": data_offsets hold 16 bytes, but shape [2, 2] of F64 needs 32"),
        ("offsets_reversed.safetensors", "offsetsReversed", "tensor \"a\": data_offsets [16, 0]"),
        ("offsets_out_of_range.safetensors", "offsetsOutOfRange", "beyond the 16-byte data block"),
        ("unknown_dtype.safetensors", "unsupportedDType", "tensor \"a\": dtype C64 is not supported"),
        ("metadata_not_strings.safetensors", "invalidMetadata", "value of \"nnid.activations\" must be a string"),
        ("missing_dtype.safetensors", "invalidEntry", "tensor \"a\": missing \"dtype\""),
        ("nan_weight.safetensors", "notFinite", "tensor \"0.weight\": element [0, 1] is NaN"),
        ("inf_weight.safetensors", "notFinite", "tensor \"0.weight\": element [1, 0] is -inf"),
        ("no_activations.safetensors", "missingActivations", "ReadOptions.activations relu,identity"),
        ("weights_in_out.safetensors", "layout", "transpose them"),
        ("unknown_tensor.safetensors", "layout", "tensor \"1.running_mean\" is not a layer weight or bias"),
        ("wrong_activation_count.safetensors", "invalidActivations", "names 1 activations, but the network has 2 layers"),
        ("unknown_activation.safetensors", "invalidActivations", "unknown activation \"swish\""),
        ("bad_magic.npy", "npyBadMagic", "must start with \\x93NUMPY"),
        ("truncated_data.npy", "npyTruncated", "needs 48 data bytes, the file has 43"),
        ("truncated_header.npy", "npyTruncated", "runs past the end of the file"),
        ("unsupported_version.npy", "npyUnsupportedVersion", "version 4.0 is not supported"),
        ("unsupported_descr.npy", "npyUnsupportedDescr", "'<c16' is not supported"),
        ("object_array.npy", "npyUnsupportedDescr", "pickled"),
        ("structured.npy", "npyUnsupportedDescr", "structured arrays"),
        ("nan.npy", "notFinite", "element [1] is NaN"),
        ("entry_not_npy.npz", "zipEntryNotNpy", "entry \"readme.txt\" is not an .npy array"),
        ("unsupported_method.npz", "zipUnsupportedEntry", "compression method 12 is not supported"),
        ("bad_crc.npz", "zipCorruptEntry", "entry \"W0.npy\" is corrupt: CRC-32"),
        ("truncated.npz", "zipInvalid", "no end-of-central-directory record"),
        ("corrupt_deflate.npz", "zipCorruptEntry", "entry \"W0.npy\" is corrupt"),
    ]

    /// Reads a file the way the tool does: tensors, then the network they describe.
    static func read(_ file: String, _ bytes: [UInt8]) throws(TensorFormatError) {
        if file.hasSuffix(".npy") {
            _ = try Npy.read(bytes, entry: file)
        } else if file.hasSuffix(".npz") {
            _ = try TensorLayout.network(from: try Npz.read(bytes))
        } else {
            _ = try TensorLayout.network(from: try Safetensors.read(bytes))
        }
    }

    static func caseName(_ error: TensorFormatError) -> String {
        Mirror(reflecting: error).children.first?.label ?? "\(error)"
    }

    @Test(arguments: corpus.map(\.file))
    func malformedFileThrowsItsRule(file: String) throws {
        let entry = try #require(Self.corpus.first { $0.file == file })
        let bytes = try Fixtures.bytes("Malformed/" + file)
        do {
            try Self.read(file, bytes)
            Issue.record("\(file) was read without error")
        } catch {
            #expect(Self.caseName(error) == entry.errorCase, "\(file): \(error)")
            #expect(error.description.contains(entry.fragment), "\(file): \(error)")
        }
    }

    @Test func everyMalformedFileIsInTheTable() throws {
        let listed = try FileManager.default.contentsOfDirectory(atPath: Fixtures.directory.appendingPathComponent("Malformed").path)
        #expect(Set(listed) == Set(Self.corpus.map(\.file)))
    }

    /// Every prefix of a valid file is an error, never a crash.
    @Test(arguments: ["mlp_f32.safetensors", "v2_f4.npy", "mlp_deflated.npz"])
    func everyTruncationIsAnError(file: String) throws {
        let bytes = try Fixtures.bytes(file)
        for length in 0..<bytes.count {
            #expect(throws: TensorFormatError.self) { try Self.read(file, Array(bytes.prefix(length))) }
        }
    }
}
