/// A value the restricted unpickler built: plain data, or the result of one of the few
/// callables it knows (``PickleGlobal``). Containers hold indices into the machine's node
/// list, so shared and self-referencing structures cost one node each.
enum PickleNode {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case tuple([Int])
    /// Index into ``PickleMachine/lists`` (lists grow in place through `APPEND`).
    case list(Int)
    /// Index into ``PickleMachine/dicts`` (dicts grow in place through `SETITEM`).
    case dict(Int)
    /// A callable or class from the allow-list, not yet called.
    case global(PickleGlobal)
    /// A PyTorch storage named by a persistent id: its archive key, element type and length.
    case storage(key: String, type: TensorElementType, count: Int)
    /// A PyTorch tensor: a strided view into a storage.
    case tensor(PickleTensor)
    /// A numpy array (empty until `BUILD` fills it).
    case ndarray(PickleArray)
    /// A numpy dtype: its type string (`f8`, `O`, …) and byte order (`<`, `>`, `|`).
    case dtype(code: String, order: String)

    /// The Python type name, for error messages.
    var kindName: String {
        switch self {
        case .none: return "None"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .string: return "str"
        case .bytes: return "bytes"
        case .tuple: return "tuple"
        case .list: return "list"
        case .dict: return "dict"
        case .global(let g): return g.qualifiedName
        case .storage: return "storage"
        case .tensor: return "tensor"
        case .ndarray: return "numpy.ndarray"
        case .dtype: return "numpy.dtype"
        }
    }
}

