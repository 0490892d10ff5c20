import Exact
import Networks
import Symmetries

/// Why a unit of the input network is absent from the canonical network.
public enum RemovalReason: Sendable, Equatable, CustomStringConvertible {
    /// All its outgoing weights were zero (possibly after earlier reductions).
    case zeroOutgoing
    /// Its incoming weights were zero: it output the constant act(b) — rational, or irrational
    /// and exact as q + Σ c·tanh(r) — now added to the receiving biases.
    case constant(SymbolicConstant)
    /// It had the same incoming weights and bias as `of` after normalisation (for odd
    /// activations, up to sign): its outgoing weights were added to that unit's.
    /// `of` is the surviving unit's id in the input network (`nil` if the survivor was created by
    /// a linear normal form).
    case duplicate(of: UnitID?)
    /// Its linear layer carries a map of rank `rank` < its width. The layer as a whole loses
    /// width − rank units; the ids listed for this reason are the layer's last units, standing for
    /// that count (any width − rank units of a linear layer could be dropped).
    case linearRank(rank: Int)

    public var description: String {
        switch self {
        case .zeroOutgoing: return "zero outgoing weights"
        case .constant(let value): return "constant output \(value), folded into the downstream biases"
        case .duplicate(let of): return "duplicate of \(of.map(\.description) ?? "a normal-form unit")"
        case .linearRank(let rank): return "linear layer carries a map of rank \(rank)"
        }
    }
}

/// A unit of the input network that the canonical network does without.
public struct RemovedUnit: Sendable, Equatable, CustomStringConvertible {
    /// The unit's id in the **input** network (`nil` for a unit created by a linear normal form).
    public let unit: UnitID?
    public let reason: RemovalReason
    public init(unit: UnitID?, reason: RemovalReason) {
        self.unit = unit
        self.reason = reason
    }
    public var description: String { "\(unit.map(\.description) ?? "a normal-form unit"): \(reason)" }
}

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

/// The steps of a canonicalisation, replayable on the network they came from.
public struct CanonicalizationRecord: Sendable, Equatable, Codable, CustomStringConvertible {
    public var steps: [CanonicalizationStep]

    public init(steps: [CanonicalizationStep]) { self.steps = steps }

    /// Applies the steps to `network`, checking each one (a wrong network throws
    /// ``CanonicalizationError/invalidStep(index:step:reason:)``). Replaying a canonical form's
    /// record on its input reproduces the canonical network exactly (the same code applies the
    /// steps in both cases).
    public func replay(on network: Network) throws(CanonicalizationError) -> Network {
        var working = WorkingNetwork(network)
        for (index, step) in steps.enumerated() { try working.apply(step, index: index) }
        return try working.network(like: network)
    }

    /// One numbered step per line.
    public var description: String {
        steps.enumerated().map { "\($0.offset + 1). \($0.element)" }.joined(separator: "\n")
    }
}
