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
        case lineWalk
        /// A step of a hit-and-run chain on the rare side of this deep unit's kink.
        case rareSide(UnitID)
        /// A step of a hit-and-run chain in the band where this tanh-form unit is neither
        /// saturated nor nearly linear.
        case unsaturated(UnitID)
        /// Placed by the directed search in a region where a null direction of the batch moves
        /// the outputs.
        case directedSearch
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

    /// Set when the first batch's placed points hit ``SamplingBudget/placementPoints``: what got
    /// fewer points than it would have without the cap.
    public internal(set) var placementCap: PlacementCap?

    public var count: Int { points.count }
    public var kinkPointCount: Int { origins.filter { if case .kink = $0 { return true } else { return false } }.count }
    /// Points placed in regions found by line walks.
    public var lineWalkPointCount: Int { origins.filter { $0 == .lineWalk }.count }
    /// Hit-and-run chain points on rare sides of deep units' kinks.
    public var rareSidePointCount: Int { origins.filter { if case .rareSide = $0 { return true } else { return false } }.count }
    /// Hit-and-run chain points in tanh-form units' unsaturated bands.
    public var unsaturatedPointCount: Int { origins.filter { if case .unsaturated = $0 { return true } else { return false } }.count }
    /// Points the directed search placed where null directions move.
    public var directedSearchPointCount: Int { origins.filter { $0 == .directedSearch }.count }
}
