import Exact
import Networks

/// How the batch sees one unit whose activation has a kink at 0.
public struct KinkCoverage: Sendable, Equatable {
    public enum Behaviour: Sendable, Equatable {
        /// Pre-activations of both signs occur: the batch sees both linear pieces.
        case crossed
        /// Every pre-activation lies on a piece of slope 0: the unit outputs 0 on the batch.
        case dead
        /// Every pre-activation lies on one piece of nonzero slope: the unit acts as the linear
        /// map z ↦ slope·z on the batch (for ReLU, *always active*).
        case linear(slope: Rational)
    }
    public let unit: UnitID
    /// Points with pre-activation < 0 and > 0.
    public let negative: Int
    public let positive: Int
    public let behaviour: Behaviour
}
