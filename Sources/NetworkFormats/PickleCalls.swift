/// What `REDUCE`, `BUILD` and persistent ids mean for each allowed global: each is
/// interpreted here from its documented arguments; nothing is ever called.
enum PickleCalls {
    /// `callable(*args)` for a callable on the allow-list.
    static func reduce(_ callable: Int, _ args: Int, in m: inout PickleMachine) throws(PickleError) -> Int {
        guard case .global(let global) = m.nodes[callable] else {
            throw m.fail("REDUCE calls a \(m.nodes[callable].kindName), not an allowed callable")
        }
        guard case .tuple(let a) = m.nodes[args] else { throw m.fail("REDUCE arguments must be a tuple") }
        switch global {
        case .orderedDict:
            guard a.isEmpty else { throw m.fail("OrderedDict is rebuilt from no arguments") }
            return try m.newDict([])
        case .rebuildTensorV2:
            return m.node(.tensor(try tensor(a, in: m)))
        case .rebuildParameter:
            guard let first = a.first, case .tensor = m.nodes[first] else { throw m.fail("_rebuild_parameter needs a tensor") }
            return first
        case .torchSize:
            guard a.count == 1, case .tuple = m.nodes[a[0]] else { throw m.fail("torch.Size needs one tuple") }
            return a[0]
        case .numpyReconstruct:
            guard a.count == 3, case .global(.numpyArrayClass) = m.nodes[a[0]] else { throw m.fail("_reconstruct rebuilds numpy.ndarray only") }
            return m.node(.ndarray(PickleArray()))
        case .numpyDtype:
            guard a.count == 3, case .string(let code) = m.nodes[a[0]] else { throw m.fail("numpy.dtype needs a type string") }
            return m.node(.dtype(code: code, order: "|"))
        case .codecsEncode:
            guard a.count == 2, case .string(let text) = m.nodes[a[0]], case .string(let codec) = m.nodes[a[1]], codec == "latin1" || codec == "latin-1" else {
                throw m.fail("_codecs.encode is read only for (text, 'latin1')")
            }
            var out: [UInt8] = []
            for scalar in text.unicodeScalars {
                guard scalar.value < 256 else { throw m.fail("latin1 text with a character beyond U+00FF") }
                out.append(UInt8(scalar.value))
            }
            return m.node(.bytes(out))
        case .torchStorage, .torchDtype, .numpyArrayClass:
            throw m.fail("\(global.qualifiedName) is not called when tensors are saved")
        }
    }

    /// `_rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata])`.
    static func tensor(_ a: [Int], in m: PickleMachine) throws(PickleError) -> PickleTensor {
        guard a.count >= 4, case .storage(let key, let type, let count) = m.nodes[a[0]], case .int(let offset) = m.nodes[a[1]] else {
            throw m.fail("_rebuild_tensor_v2 needs (storage, offset, size, stride, …)")
        }
        let shape = try ints(a[2], in: m), strides = try ints(a[3], in: m)
        guard shape.count == strides.count else { throw m.fail("a tensor with \(shape.count) sizes and \(strides.count) strides") }
        guard offset >= 0, shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 }) else {
            throw m.fail("a tensor with a negative offset, size or stride")
        }
        return PickleTensor(storageKey: key, elementType: type, storageCount: count, offset: offset, shape: shape, strides: strides)
    }

    static func ints(_ index: Int, in m: PickleMachine) throws(PickleError) -> [Int] {
        guard case .tuple(let items) = m.nodes[index] else { throw m.fail("expected a tuple of integers, found \(m.nodes[index].kindName)") }
        var out: [Int] = []
        for item in items {
            guard case .int(let v) = m.nodes[item] else { throw m.fail("expected a tuple of integers") }
            out.append(v)
        }
        return out
    }

    /// `BUILD`: sets an object's state. Dicts ignore theirs (`OrderedDict._metadata`); numpy
    /// arrays and dtypes take theirs from `__setstate__`'s documented tuples.
    static func build(_ target: Int, state: Int, in m: inout PickleMachine) throws(PickleError) {
        switch m.nodes[target] {
        case .dict:
            guard case .dict = m.nodes[state] else { throw m.fail("BUILD of a dict with a \(m.nodes[state].kindName) state") }
        case .dtype(let code, _):
            // (version, byteorder, subarray, names, fields, elsize, alignment, flags)
            guard case .tuple(let s) = m.nodes[state], s.count >= 2, case .string(let order) = m.nodes[s[1]] else {
                throw m.fail("numpy.dtype state must be a tuple with a byte order")
            }
            m.nodes[target] = .dtype(code: code, order: order)
        case .ndarray:
            m.nodes[target] = .ndarray(try array(state, in: m))
        default:
            throw m.fail("BUILD of a \(m.nodes[target].kindName) is not read")
        }
    }

    /// numpy's `ndarray.__setstate__((version, shape, dtype, is_fortran, data))`.
    static func array(_ state: Int, in m: PickleMachine) throws(PickleError) -> PickleArray {
        guard case .tuple(let s) = m.nodes[state], s.count == 5, case .bool(let fortran) = m.nodes[s[3]] else {
            throw m.fail("numpy.ndarray state must be (version, shape, dtype, is_fortran, data)")
        }
        guard case .dtype(let code, let order) = m.nodes[s[2]] else { throw m.fail("numpy.ndarray state without a dtype") }
        var array = PickleArray(shape: try ints(s[1], in: m), code: code, order: order, fortranOrder: fortran)
        switch m.nodes[s[4]] {
        case .bytes(let raw): array.data = .raw(raw)
        case .list(let k): array.data = .objects(m.lists[k])
        default: throw m.fail("numpy.ndarray data must be bytes or a list, found \(m.nodes[s[4]].kindName)")
        }
        return array
    }

    /// PyTorch's persistent id `('storage', storage_type, key, location, numel)`.
    static func persistentLoad(_ pid: Int, in m: inout PickleMachine) throws(PickleError) -> Int {
        guard m.allowsStorages else { throw m.fail("a persistent id outside a PyTorch checkpoint") }
        guard case .tuple(let t) = m.nodes[pid], t.count == 5, case .string("storage") = m.nodes[t[0]],
            case .global(.torchStorage(let type, _)) = m.nodes[t[1]], case .string(let key) = m.nodes[t[2]],
            case .int(let count) = m.nodes[t[4]], count >= 0
        else { throw m.fail("a persistent id that is not ('storage', torch.<Type>Storage, key, location, numel)") }
        return m.node(.storage(key: key, type: type, count: count))
    }
}
