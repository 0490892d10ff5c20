import Exact
import LinearAlgebra

/// Weighted edges into one layer from one earlier layer.
///
/// `weights[i, j]` is the weight from unit j of layer `source` to unit i of the receiving layer.
/// `present`, when given, marks which edges exist: an absent edge is not a parameter and its
/// weight is 0 (pruned networks). `nil` means every edge exists (dense).
public struct Connection: Sendable, Equatable {
    public var source: Int
    public var weights: Matrix<Rational>
    public var present: Matrix<Bool>?

    public init(source: Int, weights: Matrix<Rational>, present: Matrix<Bool>? = nil) {
        self.source = source
        self.weights = weights
        self.present = present
    }

    /// Whether the edge from source unit j into unit i is a parameter.
    @inlinable
    public func hasEdge(_ i: Int, _ j: Int) -> Bool { present?[i, j] ?? true }
}
