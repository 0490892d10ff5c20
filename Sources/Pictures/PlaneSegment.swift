import Exact

/// A closed line segment with exact endpoints.
public struct PlaneSegment: Hashable, Sendable {
    public var start: PlanePoint
    public var end: PlanePoint
    public init(_ start: PlanePoint, _ end: PlanePoint) {
        self.start = start
        self.end = end
    }
    /// The squared length |end − start|², exactly.
    public var squaredLength: Rational {
        let dx = end.x - start.x, dy = end.y - start.y
        return dx * dx + dy * dy
    }
    /// The same segment with its endpoints in lexicographic order, so that a segment and its
    /// reverse compare equal.
    public var normalized: PlaneSegment {
        (start.x, start.y) <= (end.x, end.y) ? self : PlaneSegment(end, start)
    }
}
