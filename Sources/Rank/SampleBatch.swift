import Exact
import Networks

/// The input points a Jacobian is evaluated at, with where each came from.
public struct SampleBatch: Sendable, Equatable {
    public enum Origin: Sendable, Equatable {
        /// Drawn from the domain by the seeded generator.
        case random
        /// Placed beside the kink of this unit (on one side or the other) to make sure the batch
        /// sees the unit on both sides.
        case kink(UnitID)
        /// Placed inside an activation region that an exact line walk crossed and the batch had
        /// not seen (``Network/walkLine(origin:direction:lower:upper:maximumPieces:limits:)``).
        case region
        /// A point of the data set that is the domain.
        case data
    }
    /// The points, exactly.
    public internal(set) var points: [[Rational]] = []
    /// The same points as `Double` (exact: every grid point is a dyadic rational of few bits).
    public internal(set) var numericPoints: [[Double]] = []
    public internal(set) var origins: [Origin] = []
    /// Draws that fell on (or within round-off of) a kink and were replaced.
    public internal(set) var replacedOnKink = 0
    /// For a data domain: the number of points in the data set (`nil` for other domains).
    public internal(set) var dataSetSize: Int?
    /// For a data domain: data points left out because they lie exactly on a kink (the
    /// function is not differentiable in the parameters there, so they have no Jacobian row).
    public internal(set) var dataOnKink = 0
    /// The batch is every point of a data-set domain (minus those on a kink): its rank is the
    /// functional dimension on that domain, not a lower bound.
    public var coversDataSet: Bool { dataSetSize.map { points.count + dataOnKink == $0 } ?? false }

    public var count: Int { points.count }
    public var kinkPointCount: Int { origins.filter { if case .kink = $0 { return true } else { return false } }.count }
    /// Points placed in regions found by line walks.
    public var regionPointCount: Int { origins.filter { $0 == .region }.count }
}

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
