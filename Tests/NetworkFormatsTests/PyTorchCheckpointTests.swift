import Exact
import Networks
import Testing
@testable import NetworkFormats

/// Checkpoints written by `torch.save` (Fixtures/make_framework_fixtures.py), read back and
/// compared bit for bit with a safetensors copy of the same values the script also wrote.
@Suite struct PyTorchCheckpointTests {
    static let relu: [Activation] = [.relu, .identity]

    static func network(_ file: String, key: String? = nil) throws -> Network {
        try NetworkReader.read(bytes: try Fixtures.bytes("Frameworks/" + file), file: file, options: ReadOptions(activations: relu, key: key))
    }

    static func reference(_ file: String) throws -> Network {
        try TensorLayout.network(from: try Safetensors.read(try Fixtures.bytes("Frameworks/" + file)), activations: relu)
    }

    @Test(arguments: [
        ("mlp784.pt", "mlp784.safetensors"), ("small_f64.pt", "small_f64.safetensors"), ("small_f32.pt", "small_f32.safetensors"),
        ("small_f16.pt", "small_f16.safetensors"), ("small_bf16.pt", "small_bf16.safetensors"),
        ("views.pt", "views.safetensors"), ("named.pt", "named.safetensors"), ("wrapped_model.pt", "small_f32.safetensors"),
    ])
    func everyWeightEqualsTorchs(checkpoint: String, reference: String) throws {
        let read = try Self.network(checkpoint)
        let want = try Self.reference(reference)
        #expect(read.widths == want.widths)
        #expect(read.layers == want.layers)
    }

    @Test func theBigMLPHasTheShapeTorchSaved() throws {
        let net = try Self.network("mlp784.pt")
        #expect(net.widths == [784, 128, 10])
        #expect(net.parameterCount == 784 * 128 + 128 + 128 * 10 + 10)
    }

    @Test func dtypesAreRecorded() throws {
        for (file, type) in [("small_f64.pt", TensorElementType.float64), ("small_f16.pt", .float16), ("small_bf16.pt", .bfloat16)] {
            let archive = try TorchCheckpoint.read(try Fixtures.bytes("Frameworks/" + file), file: file)
            #expect(archive.tensors.allSatisfy { $0.elementType == type })
        }
    }

    /// The state dict lists `encoder` before `decoder`; natural order of names would swap them.
    @Test func modulesKeepDefinitionOrder() throws {
        let archive = try TorchCheckpoint.read(try Fixtures.bytes("Frameworks/named.pt"), file: "named.pt")
        #expect(archive.tensors.map(\.name) == ["encoder.weight", "encoder.bias", "decoder.weight", "decoder.bias"])
        #expect(try Self.network("named.pt").widths == [3, 4, 2])
    }

    @Test func severalStateDictsNeedAKey() throws {
        #expect(throws: FormatError.self) { try Self.network("wrapped_two.pt") }
        let ema = try Self.network("wrapped_two.pt", key: "ema")
        #expect(ema.layers == (try Self.reference("small_f32.safetensors")).layers)
        do {
            _ = try Self.network("wrapped_two.pt", key: "nope")
            Issue.record("an unknown key must fail")
        } catch {
            #expect("\(error)".contains("\"state_dict\", \"ema\""))
        }
    }

    @Test func aWholeModuleIsRefusedWithTheHint() throws {
        do {
            _ = try Self.network("whole_module.pt")
            Issue.record("a pickled module must be refused")
        } catch {
            #expect("\(error)".contains("torch.save(model.state_dict(), path)"))
            #expect("\(error)".contains("torch.nn.modules.container.Sequential"))
        }
    }

    @Test func objectArraysOfTheExtractionConvention() throws {
        let read = try Self.network("extraction.npy")
        #expect(read.layers == (try Self.reference("extraction.safetensors")).layers)
    }

    /// Strided views: the odometer walk and the contiguous fast path agree on a transposed view.
    @Test func stridedViewsReadAsTorchShowsThem() throws {
        // Storage 0…5 as float32; the view [3, 2] with strides (1, 3) is the transpose of [[0,1,2],[3,4,5]].
        var storage: [UInt8] = []
        for v in 0..<6 { withUnsafeBytes(of: Float(v).bitPattern.littleEndian) { storage += $0 } }
        let t = PickleTensor(storageKey: "0", elementType: .float32, storageCount: 6, offset: 0, shape: [3, 2], strides: [1, 3])
        #expect(try TorchTensorDecoding.values(of: t, storage: storage, bigEndian: false, name: "t") == [0, 3, 1, 4, 2, 5].map { Rational($0) })
        let slice = PickleTensor(storageKey: "0", elementType: .float32, storageCount: 6, offset: 2, shape: [2], strides: [1])
        #expect(try TorchTensorDecoding.values(of: slice, storage: storage, bigEndian: false, name: "t") == [2, 3])
        let outside = PickleTensor(storageKey: "0", elementType: .float32, storageCount: 6, offset: 1, shape: [3, 2], strides: [1, 3])
        #expect(throws: TensorFormatError.self) { try TorchTensorDecoding.values(of: outside, storage: storage, bigEndian: false, name: "t") }
        let huge = PickleTensor(storageKey: "0", elementType: .float32, storageCount: 6, offset: 0, shape: [2, 2], strides: [Int.max, 1])
        #expect(throws: TensorFormatError.self) { try TorchTensorDecoding.values(of: huge, storage: storage, bigEndian: false, name: "t") }
    }
}

/// The restricted unpickler on hand-made pickles.
@Suite struct PickleMachineTests {
    static func load(_ bytes: [UInt8]) throws(PickleError) -> (PickleMachine, Int) {
        try PickleMachine.load(bytes, range: 0..<bytes.count, allowsStorages: false)
    }

    /// `GLOBAL module\nname\n` followed by an empty-tuple REDUCE: refused at the GLOBAL, naming it.
    @Test(arguments: [("os", "system"), ("posix", "system"), ("builtins", "eval"), ("subprocess", "Popen"), ("torch", "load"), ("numpy", "load")])
    func everyOtherGlobalIsRefused(module: String, name: String) {
        let pickle: [UInt8] = [0x80, 2, UInt8(ascii: "c")] + Array("\(module)\n\(name)\n".utf8) + [UInt8(ascii: ")"), UInt8(ascii: "R"), UInt8(ascii: ".")]
        do {
            _ = try Self.load(pickle)
            Issue.record("\(module).\(name) must be refused")
        } catch {
            #expect(error.offset == 2)
            #expect(error.message.contains("\(module).\(name)"))
        }
    }

    @Test func plainDataIsBuilt() throws {
        // [1, -2, 'a', {'k': 2.5}, (True, None)]: protocol 2 ops written out.
        var p: [UInt8] = [0x80, 2, UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: "K"), 1, UInt8(ascii: "J")] + [0xFE, 0xFF, 0xFF, 0xFF]
        p += [0x8C, 1, UInt8(ascii: "a"), UInt8(ascii: "}"), 0x8C, 1, UInt8(ascii: "k"), UInt8(ascii: "G")] + [0x40, 0x04, 0, 0, 0, 0, 0, 0]
        p += [UInt8(ascii: "s"), 0x88, UInt8(ascii: "N"), 0x86, UInt8(ascii: "e"), UInt8(ascii: ".")]
        let (m, root) = try Self.load(p)
        guard case .list(let k) = m.nodes[root] else { Issue.record("not a list"); return }
        let items = m.lists[k]
        #expect(items.count == 5)
        guard case .int(1) = m.nodes[items[0]], case .int(-2) = m.nodes[items[1]], case .string("a") = m.nodes[items[2]],
            case .dict(let d) = m.nodes[items[3]], case .float(2.5) = m.nodes[m.dicts[d][0].value]
        else { Issue.record("wrong values"); return }
    }

    @Test(arguments: [
        ([0x80, 2, 0x63] as [UInt8], "ends without STOP"),
        ([0x80, 1, 0x4E, 0x2E], "protocol 1"),
        ([0x80, 2, 0x58, 0xFF, 0xFF, 0xFF, 0x7F], "runs past the end"),
        ([0x80, 2, 0x68, 7, 0x2E], "memo entry 7"),
        ([0x80, 2, 0x4E, 0x4E, 0x2E], "STOP with 2 values"),
        ([0x80, 4, 0x8A, 9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0x2E], "beyond 64 bits"),
        ([0x80, 2, 0x4E, 0x81, 0x2E], "NEWOBJ"),
    ])
    func malformedPicklesFailCleanly(bytes: [UInt8], fragment: String) {
        do {
            _ = try Self.load(bytes)
            Issue.record("must fail: \(fragment)")
        } catch {
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }

    /// A list containing itself twice over builds in constant space and is bounded by depth.
    @Test func selfReferenceIsBoundedByDepth() {
        // L = []; L.append(L) repeated: each append raises L's recorded depth.
        var p: [UInt8] = [0x80, 2, UInt8(ascii: "]"), UInt8(ascii: "q"), 0]
        for _ in 0..<200 { p += [UInt8(ascii: "h"), 0, UInt8(ascii: "a")] }
        p.append(UInt8(ascii: "."))
        do {
            _ = try Self.load(p)
            Issue.record("must hit the depth limit")
        } catch {
            #expect(error.message.contains("deeper than 100"))
        }
    }
}
