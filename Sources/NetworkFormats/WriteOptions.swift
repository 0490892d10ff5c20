import Exact
import Networks

/// Options for writing a network to a file.
public struct WriteOptions: Sendable {
    /// Element type for tensor formats (F64, F32, F16, BF16); native JSON is always exact.
    public var elementType: TensorElementType
    /// Round parameters the element type cannot hold (to nearest, ties to even) instead of refusing.
    public var lossy: Bool

    public init(elementType: TensorElementType = .float64, lossy: Bool = false) {
        self.elementType = elementType
        self.lossy = lossy
    }
}
