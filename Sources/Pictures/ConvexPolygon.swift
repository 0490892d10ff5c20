import Exact

/// A convex polygon with nonempty interior and exact rational vertices, listed counter-clockwise
/// with no repeated and no collinear consecutive vertices (every vertex is a corner).
///
/// Convexity makes the exact operations simple: the side of a line is the sign of an affine
/// function at the vertices, and clipping by a half-plane keeps the polygon convex.
public struct ConvexPolygon: Hashable, Sendable {
    public let vertices: [PlanePoint]

    /// The polygon with these corners, after removing repeated and collinear vertices and
    /// orienting counter-clockwise; `nil` when the vertices do not span positive area.
    ///
    /// The caller guarantees that the points, in order, trace a convex polygon (possibly
    /// degenerate): the vertices of a clipped convex polygon always do.
    public init?(convexVertices points: [PlanePoint]) {
        var v: [PlanePoint] = []
        for p in points where v.last != p { v.append(p) }
        while v.count > 1, v.first == v.last { v.removeLast() }
        // Drop vertices collinear with their neighbours until none is left.
        var changed = true
        while changed && v.count >= 3 {
            changed = false
            for i in 0..<v.count {
                let prev = v[(i + v.count - 1) % v.count], next = v[(i + 1) % v.count]
                if ConvexPolygon.cross(prev, v[i], next).isZero {
                    v.remove(at: i)
                    changed = true
                    break
                }
            }
        }
        guard v.count >= 3 else { return nil }
        let twiceArea = ConvexPolygon.twiceSignedArea(v)
        guard !twiceArea.isZero else { return nil }
        vertices = twiceArea.signum > 0 ? v : v.reversed()
    }

    /// The rectangle [x0, x1] × [y0, y1]; `nil` unless x0 < x1 and y0 < y1.
    public init?(box: PlaneBox) {
        self.init(convexVertices: [
            PlanePoint(box.x0, box.y0), PlanePoint(box.x1, box.y0), PlanePoint(box.x1, box.y1), PlanePoint(box.x0, box.y1),
        ])
    }

    /// (b − a) × (c − a): positive when a, b, c turn counter-clockwise, 0 when collinear.
    static func cross(_ a: PlanePoint, _ b: PlanePoint, _ c: PlanePoint) -> Rational {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    }

    static func twiceSignedArea(_ v: [PlanePoint]) -> Rational {
        var s = Rational.zero
        for i in 0..<v.count {
            let p = v[i], q = v[(i + 1) % v.count]
            s.addProduct(p.x, q.y)
            s -= p.y * q.x
        }
        return s
    }

    /// The area, exactly (shoelace formula ½ Σ (xᵢ·yᵢ₊₁ − yᵢ·xᵢ₊₁)).
    public var area: Rational { ConvexPolygon.twiceSignedArea(vertices) * Rational(1, 2) }

    /// The edges, counter-clockwise: vertex i to vertex i + 1.
    public var edges: [PlaneSegment] {
        vertices.indices.map { PlaneSegment(vertices[$0], vertices[($0 + 1) % vertices.count]) }
    }

    /// The centroid of the vertices (an interior point: a convex combination of at least three
    /// non-collinear corners with positive weights).
    public var vertexCentroid: PlanePoint {
        var sx = Rational.zero, sy = Rational.zero
        for p in vertices {
            sx += p.x
            sy += p.y
        }
        let n = Rational(vertices.count)
        return PlanePoint(sx / n, sy / n)
    }

    /// Where `p` lies: strictly inside, on an edge or vertex, or outside. Exact: p is inside a
    /// counter-clockwise convex polygon iff it is strictly left of every edge.
    public func locate(_ p: PlanePoint) -> PointLocation {
        var onEdge = false
        for i in 0..<vertices.count {
            let s = ConvexPolygon.cross(vertices[i], vertices[(i + 1) % vertices.count], p).signum
            if s < 0 { return .outside }
            if s == 0 { onEdge = true }
        }
        return onEdge ? .boundary : .inside
    }

    /// The parts of the polygon where f ≤ 0 and where f ≥ 0 (Sutherland–Hodgman clipping by
    /// both closed half-planes). A part is `nil` when it has empty interior.
    public func split(by f: AffineFunction2) -> (negative: ConvexPolygon?, positive: ConvexPolygon?) {
        let values = vertices.map { f($0) }
        let signs = values.map(\.signum)
        if !signs.contains(where: { $0 < 0 }) { return (nil, self) }
        if !signs.contains(where: { $0 > 0 }) { return (self, nil) }
        var negative: [PlanePoint] = [], positive: [PlanePoint] = []
        for i in 0..<vertices.count {
            let j = (i + 1) % vertices.count
            let p = vertices[i]
            if signs[i] <= 0 { negative.append(p) }
            if signs[i] >= 0 { positive.append(p) }
            if signs[i] * signs[j] < 0 {
                // The edge crosses the line strictly inside: p + t·(q − p) with t = f(p)/(f(p) − f(q)).
                let q = vertices[j]
                let t = values[i] / (values[i] - values[j])
                let crossing = PlanePoint(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y))
                negative.append(crossing)
                positive.append(crossing)
            }
        }
        return (ConvexPolygon(convexVertices: negative), ConvexPolygon(convexVertices: positive))
    }

    /// The part of the line f = 0 inside the closed polygon, when it is a segment of positive
    /// length (`nil` for no intersection, a single point, or a constant f).
    public func chord(of f: AffineFunction2) -> PlaneSegment? {
        guard !f.isConstant else { return nil }
        let values = vertices.map { f($0) }
        var points: [PlanePoint] = []
        for i in 0..<vertices.count {
            let j = (i + 1) % vertices.count
            if values[i].isZero {
                points.append(vertices[i])
            } else if values[i].signum * values[j].signum < 0 {
                let p = vertices[i], q = vertices[j]
                let t = values[i] / (values[i] - values[j])
                points.append(PlanePoint(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y)))
            }
        }
        // A line meets a convex polygon's boundary in at most two points or along one edge.
        var distinct: [PlanePoint] = []
        for p in points where !distinct.contains(p) { distinct.append(p) }
        guard distinct.count == 2 else { return nil }
        return PlaneSegment(distinct[0], distinct[1]).normalized
    }
}
