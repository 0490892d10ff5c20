import Exact
import Pictures
import Testing

struct PolygonTests {
    let square = ConvexPolygon(box: try! PlaneBox(x0: 0, x1: 1, y0: 0, y1: 1))!

    @Test("splitting the unit square along its diagonal gives two triangles of area 1/2")
    func diagonalSplit() throws {
        // f(x, y) = x − y: negative above the diagonal.
        let (negative, positive) = square.split(by: AffineFunction2(a: 1, b: -1, c: 0))
        let n = try #require(negative), p = try #require(positive)
        #expect(n.vertices.count == 3 && p.vertices.count == 3)
        #expect(n.area == Rational(1, 2) && p.area == Rational(1, 2))
        #expect(n.locate(PlanePoint(Rational(1, 4), Rational(3, 4))) == .inside)
        #expect(n.locate(PlanePoint(Rational(1, 2), Rational(1, 2))) == .boundary)
        #expect(n.locate(PlanePoint(Rational(3, 4), Rational(1, 4))) == .outside)
    }

    @Test("a split through the interior conserves area exactly and adds the chord's endpoints")
    func areaConserved() throws {
        let f = AffineFunction2(a: Rational(1, 3), b: Rational(2, 7), c: Rational(-1, 5))
        let (negative, positive) = square.split(by: f)
        let n = try #require(negative), p = try #require(positive)
        #expect(n.area + p.area == 1)
        let chord = try #require(square.chord(of: f))
        for v in [chord.start, chord.end] {
            #expect(f(v).isZero)
            #expect(n.vertices.contains(v) && p.vertices.contains(v))
        }
    }

    @Test("lines missing the interior leave the polygon whole on one side")
    func oneSided() {
        // x + 1 ≥ 1 on the square, 0 only at... never: positive.
        let (n1, p1) = square.split(by: AffineFunction2(a: 1, b: 0, c: 1))
        #expect(n1 == nil && p1 == square)
        // x ≤ 0 only along the edge x = 0: the negative part has empty interior.
        let (n2, p2) = square.split(by: AffineFunction2(a: 1, b: 0, c: 0))
        #expect(n2 == nil && p2 == square)
        #expect(square.chord(of: AffineFunction2(a: 1, b: 0, c: 0)) == PlaneSegment(PlanePoint(0, 0), PlanePoint(0, 1)))
        // Through a corner only: no chord.
        #expect(square.chord(of: AffineFunction2(a: 1, b: 1, c: 0)) == nil)
    }

    @Test("collinear and repeated vertices are removed and orientation is made counter-clockwise")
    func normalisation() throws {
        let points = [PlanePoint(0, 0), PlanePoint(0, 1), PlanePoint(0, 1), PlanePoint(1, 1), PlanePoint(1, 0), PlanePoint(Rational(1, 2), 0)]
        let polygon = try #require(ConvexPolygon(convexVertices: points))
        #expect(polygon.vertices.count == 4)
        #expect(polygon.area == 1)
        #expect(ConvexPolygon(convexVertices: [PlanePoint(0, 0), PlanePoint(1, 1), PlanePoint(2, 2)]) == nil)
    }

    @Test("affine functions print with exact coefficients")
    func affineText() {
        #expect(AffineFunction2(a: Rational(3, 2), b: -1, c: Rational(1, 4)).description == "3/2·x − y + 1/4")
        #expect(AffineFunction2(a: 0, b: 0, c: Rational(-2, 3)).description == "−2/3")
        #expect(AffineFunction2(a: -1, b: 0, c: 0).description == "−x")
    }
}
