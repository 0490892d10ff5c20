import Exact

/// The tensors of one file with its string metadata, in file order.
public struct TensorArchive: Sendable, Equatable {
    public var tensors: [NamedTensor]
    /// safetensors `__metadata__`, or the string entries of an npz (such as `activations`).
    public var metadata: [String: String]

    public init(tensors: [NamedTensor], metadata: [String: String] = [:]) {
        self.tensors = tensors
        self.metadata = metadata
    }

    public subscript(name: String) -> NamedTensor? { tensors.first { $0.name == name } }
}
