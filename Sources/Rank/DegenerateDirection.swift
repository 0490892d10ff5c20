import Exact

/// A direction in parameter space along which the batch outputs do not change to first order
/// and that no known symmetry explains, written sparsely over named parameters.
public struct DegenerateDirection: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public let index: Int
        public let parameter: String
        /// Exact coefficient (piecewise-linear networks with exact rank), else `nil`.
        public let exact: Rational?
        public let numeric: Double
    }
    /// Nonzero coefficients by increasing index; the first is 1 (reduced row echelon form).
    public let terms: [Term]
}
