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
