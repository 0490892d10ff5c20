/// The callables and classes a pickle may name: the allow-list of the restricted unpickler.
/// Everything else is refused when its `GLOBAL`/`STACK_GLOBAL` opcode is read, before any
/// argument is built.
enum PickleGlobal: Equatable {
    case orderedDict
    case rebuildTensorV2
    case rebuildParameter
    case torchStorage(TensorElementType, name: String)
    case torchSize
    case torchDtype(String)
    case numpyReconstruct(module: String)
    case numpyArrayClass(module: String)
    case numpyDtype(module: String)
    /// `_codecs.encode(text, "latin1")`: how protocol 2 writes `bytes`.
    case codecsEncode

    var qualifiedName: String {
        switch self {
        case .orderedDict: return "collections.OrderedDict"
        case .rebuildTensorV2: return "torch._utils._rebuild_tensor_v2"
        case .rebuildParameter: return "torch._utils._rebuild_parameter"
        case .torchStorage(_, let name): return "torch.\(name)"
        case .torchSize: return "torch.Size"
        case .torchDtype(let name): return "torch.\(name)"
        case .numpyReconstruct(let module): return "\(module)._reconstruct"
        case .numpyArrayClass(let module): return "\(module).ndarray"
        case .numpyDtype(let module): return "\(module).dtype"
        case .codecsEncode: return "_codecs.encode"
        }
    }

    /// The storage classes `torch.save` names, by element type.
    static let storageTypes: [String: TensorElementType] = [
        "DoubleStorage": .float64, "FloatStorage": .float32, "HalfStorage": .float16, "BFloat16Storage": .bfloat16,
        "LongStorage": .int64, "IntStorage": .int32, "ShortStorage": .int16, "CharStorage": .int8,
        "ByteStorage": .uint8, "BoolStorage": .bool,
    ]

    static let torchDtypes: Set<String> = [
        "float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool",
    ]

    /// The allowed global `module.name`, or `nil`.
    static func allowed(module: String, name: String) -> PickleGlobal? {
        switch (module, name) {
        case ("collections", "OrderedDict"): return .orderedDict
        case ("torch._utils", "_rebuild_tensor_v2"): return .rebuildTensorV2
        case ("torch._utils", "_rebuild_parameter"): return .rebuildParameter
        case ("torch", "Size"): return .torchSize
        case ("_codecs", "encode"): return .codecsEncode
        case ("numpy.core.multiarray", "_reconstruct"), ("numpy._core.multiarray", "_reconstruct"): return .numpyReconstruct(module: module)
        case ("numpy", "ndarray"): return .numpyArrayClass(module: module)
        case ("numpy", "dtype"): return .numpyDtype(module: module)
        case ("torch", _):
            if let type = storageTypes[name] { return .torchStorage(type, name: name) }
            if torchDtypes.contains(name) { return .torchDtype(name) }
            return nil
        default: return nil
        }
    }

    /// Why `module.name` is refused, with a hint for the common cases.
    static func refusal(module: String, name: String) -> String {
        let what = "\(module).\(name)"
        if module == "__main__" || module.hasPrefix("torch.nn.") {
            return "the pickle holds a whole Python object (\(what)), not a state dict; nnid never runs pickled code. Save the weights instead: torch.save(model.state_dict(), path)"
        }
        return "refused to load \(what): a pickle names callables to run, and nnid runs none; only tensors, numbers, strings, lists, tuples and dicts are read (the allow-list is in docs/tensor-formats.md)"
    }
}
