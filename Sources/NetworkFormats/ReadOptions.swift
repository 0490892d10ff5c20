import Exact
import Networks

/// Options for reading a network from any format.
public struct ReadOptions: Sendable {
    /// Activations for formats that store only tensors (safetensors, npz), one per non-input
    /// layer; overrides the file's own metadata.
    public var activations: [Activation]?
    public var limits: ReadLimits
    /// For a PyTorch checkpoint wrapping several state dicts: the top-level key of the one to read.
    public var key: String?

    public init(activations: [Activation]? = nil, limits: ReadLimits = .default, key: String? = nil) {
        self.activations = activations
        self.limits = limits
        self.key = key
    }
}
