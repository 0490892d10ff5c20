import Exact
import Networks
import Symmetries

/// The canonical form of a network: the normal-form network, the steps that produce it, and
/// what they removed.
public struct CanonicalForm: Sendable {
    /// The canonical network: computes exactly the input's function.
    public let network: Network
    /// The steps mapping the input to ``network``.
    public let record: CanonicalizationRecord
    /// The symmetry group of the input's architecture, whose orbit the canonical form collapses.
    public let inputSymmetry: SymmetryGroupSummary
    /// The symmetry group left on the canonical network's architecture.
    public let symmetry: SymmetryGroupSummary
    /// Units of the input network that are gone, with the reason, in the order they were removed.
    public let removedUnits: [RemovedUnit]
    /// Units with zero incoming weights that stay in the canonical network.
    public let constants: [ConstantUnit]
    /// For every canonical unit that reads constant units: its bias plus their contributions,
    /// Σ w·act(b), exactly — the constant it effectively adds.
    public let effectiveBiases: [UnitID: SymbolicConstant]

    /// Units merged into others (the `.duplicate` entries of ``removedUnits``).
    public var mergedUnits: [RemovedUnit] { removedUnits.filter { if case .duplicate = $0.reason { true } else { false } } }

    /// Hidden units in the input minus hidden units in the canonical form.
    public var unitsRemoved: Int { removedUnits.count }
}
