import Exact
import Testing
@testable import NetworkFormats

/// `descr` widths as numpy reads them: any number of digits, leading zeros allowed
/// (`np.dtype('<U0000000000004')` is `<U4`, `np.dtype('<f08')` is `<f8`), and widths beyond
/// 2³¹ − 1 refused naming the file and the field, whatever the descr's length.
@Suite struct NpyDescrTests {
    /// A version 1.0 npy file with this descr, shape and data.
    static func npy(descr: String, shape: String, data: [UInt8]) -> [UInt8] {
        var text = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }".utf8)
        while (10 + text.count + 1) % 64 != 0 { text.append(0x20) }
        text.append(0x0A)
        return Npy.magic + [1, 0, UInt8(text.count & 0xFF), UInt8(text.count >> 8)] + text + data
    }

    static func utf32(_ text: String, width: Int) -> [UInt8] {
        let scalars = text.unicodeScalars.map(\.value) + [UInt32](repeating: 0, count: width - text.unicodeScalars.count)
        return scalars.flatMap { v in (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    }

    @Test(arguments: ["<U4", "<U04", "<U0000000000004", "<U00000000000000000000000000004"])
    func paddedStringWidthsReadAsNumpyReadsThem(descr: String) throws {
        let file = Self.npy(descr: descr, shape: "(2,)", data: Self.utf32("relu", width: 4) + Self.utf32("tanh", width: 4))
        #expect(try Npy.read(file, entry: "a").content == .strings(["relu", "tanh"]))
    }

    @Test(arguments: [
        ("<f08", TensorElementType.float64), ("<f000000000000000008", .float64), ("<i0004", .int32), ("|b01", .bool), ("|u000000000001", .uint8),
    ])
    func paddedNumberSizesReadAsNumpyReadsThem(descr: String, type: TensorElementType) throws {
        let one: [UInt8] = switch type {
        case .float64: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        case .int32: [1, 0, 0, 0]
        default: [1]
        }
        let file = Self.npy(descr: descr, shape: "(1,)", data: one)
        #expect(try Npy.read(file, entry: "a").content == .numbers([1], type))
    }

    @Test func paddedByteStringsReadAsNumpyReadsThem() throws {
        let file = Self.npy(descr: "|S000000000003", shape: "(1,)", data: Array("abc".utf8))
        #expect(try Npy.read(file, entry: "a").content == .strings(["abc"]))
    }

    /// Exactly 2³¹ − 1, zero-padded to more than 12 characters, is a width, not an overflow.
    @Test func theLargestWidthIsAcceptedAtAnyLength() throws {
        let file = Self.npy(descr: "<U000002147483647", shape: "(0,)", data: [])
        #expect(try Npy.read(file, entry: "a").content == .strings([]))
    }

    @Test(arguments: ["<U2147483648", "<U000000002147483648", "<U4611686018427387904", "<U99999999999999999999999999", "|S00000000000000000004294967296", "<f000000000009999999999"])
    func widthsBeyondTheLimitNameTheFileAndTheField(descr: String) {
        let file = Self.npy(descr: descr, shape: "(1,)", data: [])
        do {
            _ = try NetworkReader.read(bytes: file, file: "w.npy", options: ReadOptions(activations: [.identity]))
            Issue.record("\(descr) must be refused")
        } catch {
            #expect(error.description.hasPrefix("w.npy: npy header field 'descr': dtype '\(descr)' is not supported ("), "\(error)")
            #expect(error.description.contains("above 2147483647"), "\(error)")
        }
    }

    /// Text that is not a width is an unsupported dtype (numpy refuses it too), not a misread.
    @Test(arguments: ["<f8 ", "<f8x", "<U4a", "<f-8"])
    func nonDigitWidthsAreUnsupported(descr: String) {
        let file = Self.npy(descr: descr, shape: "(1,)", data: [0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
        do {
            _ = try Npy.read(file, entry: "")
            Issue.record("\(descr) must be refused")
        } catch {
            guard case .npyUnsupportedDescr(_, let d, _) = error else { Issue.record("\(error)"); return }
            #expect(d == descr)
        }
    }
}
