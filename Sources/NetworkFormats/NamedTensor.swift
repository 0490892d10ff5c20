import Exact

/// A named tensor read exactly: its shape and its elements in row-major (C) order.
public struct NamedTensor: Sendable, Equatable {
    public var name: String
    public var shape: [Int]
    /// The element type it was stored as (informational; the values are exact either way).
    public var elementType: TensorElementType
    /// product(shape) exact values, row-major.
    public var values: [Rational]

    public init(name: String, shape: [Int], elementType: TensorElementType, values: [Rational]) {
        self.name = name
        self.shape = shape
        self.elementType = elementType
        self.values = values
    }
}
