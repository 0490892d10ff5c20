/// The verdict of `nnid check`. The raw value is its stable identifier (JSON); ``text`` is how
/// the text report says it.
public enum Verdict: String, Sendable, Equatable {
    case identifiable, reducible
    case hiddenDegeneracy = "hidden_degeneracy"
    case ambiguous
    /// Some units stay on one linear piece (dead, or linear) on the whole domain: more
    /// parameters than the symmetry orbit compute the same function there.
    case degenerateOnDomain = "degenerate_on_domain"
    case undetermined

    public var text: String {
        switch self {
        case .identifiable: return "locally identifiable up to its symmetries"
        case .hiddenDegeneracy: return "hidden degeneracy"
        case .degenerateOnDomain: return "degenerate on this domain"
        case .reducible, .ambiguous, .undetermined: return rawValue
        }
    }
}
