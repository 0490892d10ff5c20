import Exact
import Networks

/// The zero set of one unit's pre-activation inside the box: a polyline, one segment per region
/// of the partition by the layers before it (a straight line for a first-layer unit).
public struct KinkLine: Hashable, Sendable {
    public let unit: UnitID
    /// Segments of positive length, in the order the partition produced them.
    public let segments: [PlaneSegment]
}
