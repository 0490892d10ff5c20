import Exact

/// Where a point lies relative to a closed convex polygon.
public enum PointLocation: Sendable, Equatable {
    case inside, boundary, outside
}
