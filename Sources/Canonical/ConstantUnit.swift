import Exact
import Networks
import Symmetries

/// A unit of the canonical network with zero incoming weights that had to stay.
public struct ConstantUnit: Sendable, Equatable, CustomStringConvertible {
    public enum WhyKept: Sendable, Equatable {
        /// A layer reading it has no biases to absorb the constant.
        case noBiasDownstream(layer: Int)
        /// Its bias b is itself irrational and act(b) is not of the form q + Σ c·tanh(r)
        /// (tanh of a tanh), or the sign of b was not decided within its budget.
        case notRepresentable
    }
    /// The unit in the canonical network.
    public let unit: UnitID
    /// Its exact output act(b), when that is a ``SymbolicConstant``.
    public let value: SymbolicConstant?
    /// Its bias b (exact).
    public let bias: SymbolicConstant
    public let whyKept: WhyKept

    public var description: String {
        switch whyKept {
        case .noBiasDownstream(let layer): return "\(unit) outputs the constant \(value.map(\.description) ?? "act(\(bias))") (kept: layer\(layer) has no biases to absorb it)"
        case .notRepresentable: return "\(unit) outputs the constant act(\(bias)) (kept: not of the form q + Σ c·tanh(r))"
        }
    }
}
