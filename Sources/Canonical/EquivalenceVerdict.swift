import Exact
import Networks
import Symmetries

/// The answer of ``Equivalence/decide(_:_:samples:)``, with the fact it rests on.
public enum EquivalenceVerdict: Sendable, Equatable {
    /// f_A = f_B on every input.
    case equivalent(basis: String)
    /// f_A ≠ f_B: a witness input, or a theorem when no sampled input showed the difference.
    case notEquivalent(witness: Witness?, basis: String)
    /// No theorem covers the pair and no sampled input separated them.
    case undecided(reason: String)
}
