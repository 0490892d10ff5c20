import Exact

/// An array read from an npy file: numbers (exact) or strings.
public struct NpyArray: Sendable, Equatable {
    public enum Content: Sendable, Equatable {
        case numbers([Rational], TensorElementType)
        case strings([String])
    }
    public var shape: [Int]
    /// Elements in row-major (C) order.
    public var content: Content

    public init(shape: [Int], content: Content) {
        self.shape = shape
        self.content = content
    }
}
