import Testing
@testable import NetworkFormats

/// The unpickler's bounds are part of ``ReadLimits`` and reach every reader that runs a pickle:
/// PyTorch checkpoints, bare pickles and object `.npy` files.
@Suite struct PickleLimitsTests {
    static func limits(_ pickle: PickleLimits) -> ReadOptions {
        ReadOptions(activations: [.relu, .identity], limits: ReadLimits(pickle: pickle))
    }

    static func failure(_ bytes: [UInt8], file: String, _ pickle: PickleLimits) -> FormatError? {
        do {
            _ = try NetworkReader.read(bytes: bytes, file: file, options: limits(pickle))
            return nil
        } catch {
            return error
        }
    }

    /// A real checkpoint reads with the defaults and is refused, naming data.pkl and the
    /// byte, when its pickle runs more opcodes than allowed.
    @Test func checkpointsObeyTheOpcodeLimit() throws {
        let bytes = try Fixtures.bytes("Frameworks/small_f32.pt")
        #expect(throws: Never.self) { try NetworkReader.read(bytes: bytes, file: "small_f32.pt", options: Self.limits(PickleLimits())) }
        let error = try #require(Self.failure(bytes, file: "small_f32.pt", PickleLimits(maximumOpcodes: 10)))
        #expect(error.description.hasPrefix("small_f32.pt: small_f32/data.pkl at byte "))
        #expect(error.message == "the pickle runs more than 10 opcodes (a pickle bomb?)")
    }

    /// A bare pickle of [weights, biases]: the string limit stops an array's bytes operand,
    /// the memo limit a pickle that memoizes more than allowed.
    @Test func barePicklesObeyStringAndMemoLimits() throws {
        // [[], []] with a 5-byte SHORT_BINBYTES operand pushed and popped first.
        let pickle: [UInt8] = [0x80, 4, UInt8(ascii: "C"), 5, 1, 2, 3, 4, 5, UInt8(ascii: "0"), UInt8(ascii: "]"), 0x94, UInt8(ascii: "]"), 0x94, 0x86, UInt8(ascii: ".")]
        let strings = try #require(Self.failure(pickle, file: "p.pkl", PickleLimits(maximumStringBytes: 4)))
        #expect(strings.description == "p.pkl: the pickle at byte 2: a string of 5 bytes; the limit is 4")
        let memo = try #require(Self.failure(pickle, file: "p.pkl", PickleLimits(maximumMemo: 1)))
        #expect(memo.message.contains("memo exceeds 1 entries"))
        // Within the limits the pickle runs to its end: two empty lists are no network.
        let fine = try #require(Self.failure(pickle, file: "p.pkl", PickleLimits()))
        #expect(fine.message.contains("found 0 weights and 0 biases"), "\(fine)")
    }

    /// The object-dtype `.npy` of the extraction convention runs its pickle under the same limits.
    @Test func objectNpyObeysTheLimits() throws {
        let bytes = try Fixtures.bytes("Frameworks/extraction.npy")
        #expect(throws: Never.self) { try NetworkReader.read(bytes: bytes, file: "extraction.npy", options: Self.limits(PickleLimits())) }
        let error = try #require(Self.failure(bytes, file: "extraction.npy", PickleLimits(maximumDepth: 1)))
        #expect(error.description.hasPrefix("extraction.npy: the pickled data at byte "))
        #expect(error.message.contains("deeper than 1 levels"))
    }
}
