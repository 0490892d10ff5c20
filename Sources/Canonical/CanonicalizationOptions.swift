import Exact
import LinearAlgebra
import Networks
import Symmetries

/// Options for ``Canonicalizer``.
public struct CanonicalizationOptions: Sendable {
    /// An upper bound on full passes over the layers before giving up (a safeguard: every pass
    /// after the first removes at least one unit, so width + 2 passes always suffice).
    public var maximumPasses: Int?
    public init(maximumPasses: Int? = nil) { self.maximumPasses = maximumPasses }
}
