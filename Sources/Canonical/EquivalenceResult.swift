import Exact
import Networks
import Symmetries

/// The verdict with both canonical forms.
public struct EquivalenceResult: Sendable {
    public let verdict: EquivalenceVerdict
    public let canonicalA: CanonicalForm
    public let canonicalB: CanonicalForm
}
