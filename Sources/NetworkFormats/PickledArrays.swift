import Exact
import Networks

/// Networks stored as pickled numpy arrays `[weights, biases]`: the convention of the
/// cryptanalytic model-extraction code, `np.save("m.npy", np.array([A, B], dtype=object))`
/// (an npy file of dtype `|O`, whose data is a pickle) or a bare pickle of the same lists.
///
/// `weights[i]` is layer i's matrix stored **[in, out]** (the code computes `x @ A[i] + B[i]`);
/// it is transposed into the [out, in] of ``TensorLayout`` as `W<i>`, and `biases[i]` becomes
/// `b<i>`. The outer object is a length-2 list or tuple, or an object array of shape (2,) or
/// (2, L). The pickle is run by the restricted unpickler, which calls nothing.
public enum PickledArrays {
    /// Whether `bytes` starts like a pickle of protocol 2 to 5 (`\x80` and the protocol).
    public static func looksLike(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0x80 && (2...5).contains(bytes[1])
    }

    /// How `torch.save` began a file before PyTorch 1.6: protocol 2, then the magic number
    /// 0x1950a86a20f9469cfc6c as a 10-byte LONG1.
    static let legacyTorchMagic: [UInt8] = [0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

    /// Whether `bytes` is an npy file of dtype object (`|O`).
    public static func isObjectNpy(_ bytes: [UInt8]) -> Bool {
        guard let (header, _) = npyHeader(bytes) else { return false }
        return header.contains("'descr': '|O'")
    }

    /// The npy header text and where the data (here: a pickle) starts.
    static func npyHeader(_ bytes: [UInt8]) -> (String, Int)? {
        guard Npy.looksLike(bytes), bytes.count >= 10, (1...3).contains(bytes[6]) else { return nil }
        let width = bytes[6] == 1 ? 2 : 4
        guard bytes.count >= 8 + width else { return nil }
        var length = 0
        for k in 0..<width { length |= Int(bytes[8 + k]) << (8 * k) }
        let start = 8 + width
        guard length <= bytes.count - start else { return nil }
        return (String(decoding: bytes[start..<(start + length)], as: UTF8.self), start + length)
    }

    /// The tensors `W0, b0, W1, b1, …` of an object npy file (`npy`) or a bare pickle.
    public static func read(_ bytes: [UInt8], npy: Bool, file: String, limits: ReadLimits = .default) throws(FormatError) -> TensorArchive {
        if !npy, bytes.starts(with: legacyTorchMagic) {
            throw FormatError(file: file, message: "a PyTorch checkpoint in the legacy format (before PyTorch 1.6), which nnid does not read; re-save it with a current torch.save, or as safetensors")
        }
        let start = npy ? (npyHeader(bytes)?.1 ?? bytes.count) : 0
        let place = npy ? "the pickled data" : "the pickle"
        let (m, root): (PickleMachine, Int)
        do throws(PickleError) {
            (m, root) = try PickleMachine.load(bytes, range: start..<bytes.count, limits: limits.pickle, allowsStorages: false)
        } catch {
            throw FormatError(file: file, place: "\(place) at byte \(error.offset)", message: SettingMessage(verbatim: error.message))
        }
        let (weights, biases): ([Int], [Int])
        do throws(FormatError) {
            (weights, biases) = try layers(root, in: m, file: file)
        } catch {
            throw FormatError(file: file, place: error.place ?? (npy ? "the pickled object array" : "the pickle"), message: SettingMessage(verbatim: error.message))
        }
        guard weights.count == biases.count, !weights.isEmpty else {
            throw FormatError(file: file, message: "expected [weights, biases] with one bias per weight matrix, found \(weights.count) weights and \(biases.count) biases")
        }
        var tensors: [NamedTensor] = []
        var total = 0
        for (i, (w, b)) in zip(weights, biases).enumerated() {
            let weight = try decode(w, name: "weights[\(i)]", in: m, file: file, total: &total, limit: limits.maximumParameters)
            let bias = try decode(b, name: "biases[\(i)]", in: m, file: file, total: &total, limit: limits.maximumParameters)
            guard weight.shape.count == 2 else {
                throw FormatError(file: file, place: "weights[\(i)]", message: "shape \(weight.shape); a weight matrix is [in, out]")
            }
            let (inputs, outputs) = (weight.shape[0], weight.shape[1])
            let transposed = Npy.fortranToC(weight.values, shape: [outputs, inputs])  // [in, out] row-major = [out, in] column-major
            tensors.append(NamedTensor(name: "W\(i)", shape: [outputs, inputs], elementType: weight.elementType, values: transposed))
            tensors.append(NamedTensor(name: "b\(i)", shape: bias.shape.count == 2 && bias.shape[0] == 1 ? [bias.shape[1]] : bias.shape, elementType: bias.elementType, values: bias.values))
        }
        return TensorArchive(tensors: tensors)
    }

    /// The weight and bias arrays of the outer `[weights, biases]`.
    static func layers(_ root: Int, in m: PickleMachine, file: String) throws(FormatError) -> ([Int], [Int]) {
        let shapeError = FormatError(file: file, message: "expected [weights, biases] (two lists of numpy arrays), found \(m.nodes[root].kindName)")
        let outer: [Int]
        switch m.nodes[root] {
        case .list(let k): outer = m.lists[k]
        case .tuple(let items): outer = items
        case .ndarray(let a):
            guard a.code.hasPrefix("O"), case .objects(let items) = a.data, a.shape.first == 2 else { throw shapeError }
            if a.shape.count == 2 {  // (2, L): the lists were merged into one object array
                let l = items.count / 2
                return (Array(items[..<l]), Array(items[l...]))
            }
            outer = items
        default: throw shapeError
        }
        guard outer.count == 2 else { throw shapeError }
        return (try sequence(outer[0], in: m, file: file), try sequence(outer[1], in: m, file: file))
    }

    static func sequence(_ index: Int, in m: PickleMachine, file: String) throws(FormatError) -> [Int] {
        switch m.nodes[index] {
        case .list(let k): return m.lists[k]
        case .tuple(let items): return items
        case .ndarray(let a):
            if a.code.hasPrefix("O"), case .objects(let items) = a.data { return items }
            return [index]
        default: throw FormatError(file: file, message: "expected a list of numpy arrays, found \(m.nodes[index].kindName)")
        }
    }

    /// A numeric numpy array, exactly.
    static func decode(_ index: Int, name: String, in m: PickleMachine, file: String, total: inout Int, limit: Int) throws(FormatError) -> NamedTensor {
        guard case .ndarray(let a) = m.nodes[index], case .raw(let raw) = a.data else {
            throw FormatError(file: file, place: name, message: "expected a numeric numpy array, found \(m.nodes[index].kindName)")
        }
        guard let type = TensorElementType(numpyCode: a.code) else {
            throw FormatError(file: file, place: name, message: "numpy dtype '\(a.code)' is not a number type nnid reads")
        }
        guard let count = elementCount(a.shape), count <= limit - total else {
            throw FormatError(file: file, message: "the arrays hold more than \(limit) numbers (see \(setting: .maximumFileParameters))")
        }
        total += count
        do throws(TensorFormatError) {
            let (needed, overflow) = count.multipliedReportingOverflow(by: type.byteCount)
            guard !overflow, raw.count == needed else {
                throw .sizeMismatch(tensor: name, shape: a.shape, dtype: a.code, expectedBytes: overflow ? Int.max : needed, foundBytes: raw.count)
            }
            let values = try withRawBytes(raw) { (buffer) throws(TensorFormatError) -> [Rational] in
                try type.decode(buffer, count: count, bigEndian: a.order == ">", tensor: name, shape: a.shape)
            }
            return NamedTensor(name: name, shape: a.shape, elementType: type, values: a.fortranOrder ? Npy.fortranToC(values, shape: a.shape) : values)
        } catch {
            throw FormatError(file: file, message: error.message)
        }
    }
}
