import Exact
import Testing
@testable import NetworkFormats

@Suite struct InputDataReaderTests {
    /// Little-endian float64 bytes of `values`.
    static func float64Bytes(_ values: [Double]) -> [UInt8] {
        values.flatMap { v in withUnsafeBytes(of: v.bitPattern.littleEndian) { Array($0) } }
    }

    /// A safetensors file of float64 tensors (no metadata).
    static func safetensors(_ tensors: [(String, [Int], [Double])]) -> [UInt8] {
        var data: [UInt8] = []
        var entries: [String] = []
        for (name, shape, values) in tensors {
            let bytes = float64Bytes(values)
            entries.append("\"\(name)\":{\"dtype\":\"F64\",\"shape\":[\(shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(data.count),\(data.count + bytes.count)]}")
            data += bytes
        }
        let header = Array("{\(entries.joined(separator: ","))}".utf8)
        return withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) } + header + data
    }

    @Test func npyRowsAreTheFirstAxisAndTheRestIsFlattened() throws {
        let values = (0..<12).map { Double($0) / 8 }
        let bytes = Npy.encode(shape: [3, 2, 2], type: .float64, data: Self.float64Bytes(values))
        let data = try InputDataReader.read(bytes: bytes, file: "x.npy")
        #expect(data.columns == 4)
        #expect(data.rows.count == 3)
        #expect(data.rows[2] == (8..<12).map { Rational($0, 8) })
    }

    @Test func aVectorIsOneInputPerValue() throws {
        let bytes = Npy.encode(shape: [3], type: .float64, data: Self.float64Bytes([0.1, 2, 3]))
        let data = try InputDataReader.read(bytes: bytes, file: "x.npy")
        #expect(data.columns == 1)
        // 0.1 as float64 is the dyadic rational it stores, not 1/10.
        #expect(data.rows[0] == [try Rational(exactly: 0.1)])
        #expect(data.rows[0] != [Rational(1, 10)])
    }

    @Test func npzAndSafetensorsPickTheNamedOrConventionalTensor() throws {
        let a = Npy.encode(shape: [2, 1], type: .float64, data: Self.float64Bytes([1, 2]))
        let b = Npy.encode(shape: [1, 2], type: .float64, data: Self.float64Bytes([3, 4]))
        let npz = try Npz.encode([("W0", a), ("inputs", b)])
        #expect(try InputDataReader.read(bytes: npz, file: "f.npz").rows == [[3, 4]])
        #expect(try InputDataReader.read(bytes: npz, file: "f.npz", tensor: "W0").rows == [[1], [2]])
        let st = Self.safetensors([("W0", [1, 1], [5]), ("nnid.inputs", [2, 1], [6, 7])])
        let data = try InputDataReader.read(bytes: st, file: "f.safetensors")
        #expect(data.rows == [[6], [7]])
        #expect(data.tensor == "nnid.inputs")
    }

    @Test func severalTensorsWithoutANameIsAnErrorListingThem() throws {
        let st = Self.safetensors([("a", [1, 1], [5]), ("b", [1, 1], [6])])
        let error = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: st, file: "f.safetensors") }
        #expect(error?.description == "f.safetensors: the file holds 2 tensors (a, b); name the one holding the inputs")
        let missing = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: st, file: "f.safetensors", tensor: "c") }
        #expect(missing?.description == "f.safetensors: no tensor named \"c\" (the file holds: a, b)")
    }

    @Test func csvIsExactFromItsDecimalTextAndSkipsAHeader() throws {
        let text = "x,y\n0.1, 1/3\n\n# a comment\r\n-2e-3,7\n"
        let data = try InputDataReader.read(bytes: Array(text.utf8), file: "d.csv")
        #expect(data.rows == [[Rational(1, 10), Rational(1, 3)], [Rational(-2, 1000), 7]])
        #expect(data.columns == 2)
    }

    @Test(arguments: [
        ("1,2\n3\n", "d.csv: line 2: 1 values, but earlier rows have 2"),
        ("1,2\n3,x\n", "d.csv: line 2, column 2: \"x\" is not an exact number…"),
        ("1,2\n3,1/0\n", "d.csv: line 2, column 2: …"),
        ("a,b\n", "d.csv: no rows of numbers"),
        ("", "d.csv: the file is empty"),
    ])
    func badCSVNamesTheFileAndLine(text: String, message: String) {
        let error = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: Array(text.utf8), file: "d.csv") }
        let shown = error?.description ?? ""
        if let star = message.firstIndex(of: "…") {
            #expect(shown.hasPrefix(String(message[..<star])), "\(shown)")
        } else {
            #expect(shown == message)
        }
    }

    @Test func nonFiniteAndShapelessTensorsAreRefused() {
        let nan = Npy.encode(shape: [2, 1], type: .float64, data: Self.float64Bytes([1, .nan]))
        let e1 = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: nan, file: "x.npy") }
        #expect(e1?.description.hasPrefix("x.npy: ") == true)
        #expect(e1?.description.contains("NaN") == true)
        let scalar = Npy.encode(shape: [], type: .float64, data: Self.float64Bytes([1]))
        let e2 = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: scalar, file: "x.npy") }
        #expect(e2?.description == "x.npy: a scalar is not a list of inputs (expected shape [N, inputs])")
        let empty = Npy.encode(shape: [0, 3], type: .float64, data: [])
        let e3 = #expect(throws: FormatError.self) { try InputDataReader.read(bytes: empty, file: "x.npy") }
        #expect(e3?.description == "x.npy: shape [0, 3] holds no inputs")
    }

    @Test func theValueLimitIsCheckedBeforeDecoding() {
        var limits = ReadLimits()
        limits.maximumParameters = 3
        let bytes = Npy.encode(shape: [2, 2], type: .float64, data: Self.float64Bytes([1, 2, 3, 4]))
        #expect(throws: FormatError.self) { try InputDataReader.read(bytes: bytes, file: "x.npy", limits: limits) }
        #expect(throws: FormatError.self) { try InputDataReader.read(bytes: Array("1,2\n3,4\n".utf8), file: "d.csv", limits: limits) }
    }
}
