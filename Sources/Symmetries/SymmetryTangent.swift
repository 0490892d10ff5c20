import Exact
import Networks

/// A known direction in parameter space along which the network's function does not change to
/// first order: the tangent d/dt θ(t) at t = 0 of a curve of parameters computing one function.
/// Each lies in the kernel of the Jacobian of θ ↦ (f_θ(x₁), …, f_θ(x_N)) — for every batch
/// (``Scope/function``) or for the batch it was derived from (``Scope/batch``). The rank
/// analysis checks this membership rather than trusting it.
public struct SymmetryTangent: Sendable, Equatable {
    /// Which rule produced a tangent. The rules (derivations in `proofs/null-space-attribution.md`):
    public enum Kind: Sendable, Equatable, Hashable, CustomStringConvertible {
        /// Positive rescaling of a positively homogeneous hidden unit u: incoming weights and bias
        /// times e^t, outgoing weights times e^(−t); tangent (+θ on u's own parameters, −θ on
        /// its outgoing weights).
        case rescaling(UnitID)
        /// The GL(n) generator E_ij on a layer acting linearly (act(z) = s·z, globally or on the
        /// batch): z ↦ (I + tE_ij) z; row i of the incoming weights and bias gains row j, column
        /// j of the outgoing weights loses (s_i / s_j) · column i.
        case linearMixing(into: UnitID, from: UnitID)
        /// A unit acting linearly (slope s) with a bias: b_u + t, and each downstream bias
        /// b_k − t·s·v_ku.
        case biasAbsorption(UnitID)
        /// A parameter the function does not depend on: an incoming weight or bias of a unit
        /// whose output reaches no output (all outgoing weights 0, or only into such units, or
        /// into duplicate units whose merged outgoing weights cancel — a reduction cascade).
        case irrelevantParameter(unit: UnitID, index: Int)
        /// Units `first` and `second` of one layer with proportional incoming parameters
        /// (θ_second = c·θ_first and act(c·z) = ρ·act(z) + κ): their outgoing weights into
        /// `downstream` trade as ρ·e_first − e_second + κ·e_bias.
        case duplicatePair(first: UnitID, second: UnitID, downstream: UnitID)
        /// Duplicate units whose outgoing weight vectors are proportional too: the same incoming
        /// parameter of both moves in the ratio that cancels to first order (a degenerate
        /// direction of the Jacobian, not a curve of equivalent parameters).
        case duplicateIncoming(first: UnitID, second: UnitID, index: Int)
        /// A unit with all incoming weights 0 outputs the constant c = act(b): its outgoing
        /// weight to `downstream` trades against that unit's bias (v − t, b + c·t), or — with
        /// `downstream == nil` — its own bias trades against the downstream biases.
        case constantUnit(UnitID, downstream: UnitID?)
        /// Constant units `first` and `second` of one layer whose outgoing weight vectors are
        /// proportional (v_second = r·v_first): with s = act′(b_first), s′ = act′(b_second), the
        /// incoming weight of `first` from a source j (parameter `index`) and that of `second`
        /// from j trade as s′·r·e_first,j − s·e_second,j to first order (not a curve of
        /// equivalent parameters).
        case constantPair(first: UnitID, second: UnitID, index: Int)
        /// A unit dead on the batch (pre-activation on a slope-0 piece at every point): its
        /// incoming weights and bias, and its outgoing weights, do not enter the batch outputs.
        case deadOnBatch(unit: UnitID, index: Int)
        /// An upstream unit whose every nonzero outgoing weight feeds units dead on the batch.
        case irrelevantOnBatch(unit: UnitID, index: Int)

        public var description: String {
            switch self {
            case .rescaling(let u): return "rescaling of \(u)"
            case .linearMixing(let i, let j): return "linear mixing \(j) → \(i)"
            case .biasAbsorption(let u): return "bias of linear \(u) absorbed downstream"
            case .irrelevantParameter(let u, _): return "parameter of \(u), whose output reaches no output"
            case .duplicatePair(let a, let b, let k): return "duplicate units \(a), \(b) trading weights into \(k)"
            case .duplicateIncoming(let a, let b, let p): return "duplicate units \(a), \(b): parameter \(p) cancels to first order"
            case .constantUnit(let u, let k):
                return k.map { "constant \(u): weight into \($0) traded against its bias" } ?? "constant \(u): bias folded downstream"
            case .constantPair(let a, let b, let p): return "constant units \(a), \(b): incoming parameter \(p) trades to first order"
            case .deadOnBatch(let u, _): return "parameter at \(u), dead on the batch"
            case .irrelevantOnBatch(let u, _): return "parameter of \(u), which feeds only dead units"
            }
        }
    }

    /// Whether the tangent is a symmetry of the function itself (a curve of parameters computing
    /// one function), a first-order degeneracy on every batch that is not such a curve, or only a
    /// property of the sampled batch (dead or linear behaviour that the batch happens to show).
    public enum Scope: Sendable, Equatable { case function, firstOrder, batch }

    /// The group of rules a tangent belongs to, in the order explanations are credited.
    public enum Category: Int, Sendable, Equatable, Hashable, CaseIterable, CustomStringConvertible {
        case removableUnit, rescaling, linearLayer, duplicateUnits, constantUnit, deadOnBatch, linearOnBatch
        public var description: String {
            switch self {
            case .rescaling: return "positive rescaling"
            case .linearLayer: return "linear layer (GL(n) and bias absorption)"
            case .removableUnit: return "units with no effect on the outputs"
            case .duplicateUnits: return "duplicate units"
            case .constantUnit: return "constant units"
            case .deadOnBatch: return "units dead on the batch"
            case .linearOnBatch: return "units acting linearly on the batch"
            }
        }
        /// A stable identifier for JSON.
        public var key: String {
            switch self {
            case .rescaling: return "rescaling"
            case .linearLayer: return "linear_layer"
            case .removableUnit: return "removable_unit"
            case .duplicateUnits: return "duplicate_units"
            case .constantUnit: return "constant_unit"
            case .deadOnBatch: return "dead_on_batch"
            case .linearOnBatch: return "linear_on_batch"
            }
        }
    }

    public struct Entry: Sendable, Equatable {
        public let index: Int
        /// The exact coefficient when it is rational (always for piecewise-linear networks).
        public let exact: Rational?
        public let numeric: Double

        public init(index: Int, exact: Rational?, numeric: Double) {
            self.index = index
            self.exact = exact
            self.numeric = numeric
        }
    }

    public let kind: Kind
    public let category: Category
    public let scope: Scope
    /// Nonzero coefficients, by increasing parameter index.
    public let entries: [Entry]

    public init(kind: Kind, category: Category, scope: Scope, entries: [Entry]) {
        self.kind = kind
        self.category = category
        self.scope = scope
        self.entries = entries
    }

    /// Every tangent the known rules produce for the network of `graph` (``SymmetryMove/all(graph:batch:)``).
    public static func all(graph: ParameterGraph, batch: BatchBehaviour = .none) -> [SymmetryTangent] {
        SymmetryMove.all(graph: graph, batch: batch).compactMap(\.tangent)
    }

    /// Whether every coefficient is an exact rational.
    public var isExact: Bool { entries.allSatisfy { $0.exact != nil } }
}
