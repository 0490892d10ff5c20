import Certified
import Exact
import Networks

/// Why two networks cannot be measured against each other.
public enum DistanceError: Error, Sendable, Equatable, CustomStringConvertible {
    case architecturesDiffer(String)
    case canonicalization(CanonicalizationError)
    /// Aligned biases whose exact difference is irrational (a symbolic bias q + Σ c·tanh(r) on
    /// one side not matched term by term on the other): no rational parameter difference.
    case irrationalDifference(unit: UnitID, difference: SymbolicConstant)

    public var description: String {
        switch self {
        case .architecturesDiffer(let why): return "the canonical forms have different architectures (\(why)): no alignment by symmetry exists"
        case .canonicalization(let e): return "\(e)"
        case .irrationalDifference(let unit, let d):
            return "the aligned biases of \(unit) differ by the irrational constant \(d): the largest parameter difference is defined here for rational differences only"
        }
    }
}
