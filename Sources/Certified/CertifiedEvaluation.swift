import Exact
import Networks

/// A certified evaluation: enclosures of the outputs at one input, at a working precision.
public struct CertifiedEvaluation: Sendable, Equatable {
    /// Working precision of the ball arithmetic, in bits.
    public let precision: Int
    /// One enclosure per output: the exact output lies in it.
    public let outputs: [Enclosure]
}
