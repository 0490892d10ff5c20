import Exact
import LinearAlgebra
import Testing

@Suite struct PolyhedronInteriorTests {
    func check(_ p: Polyhedron, _ x: [Rational], _ slack: Rational) {
        #expect(slack.signum > 0)
        for c in p.constraints {
            let value = zip(c.normal, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 }
            #expect(c.bound - value >= slack)
        }
    }

    @Test("a triangle has an interior point, strictly inside every side")
    func triangle() throws {
        // x ≥ 0, y ≥ 0, x + y ≤ 1.
        let p = Polyhedron(dimension: 2).adding([-1, 0], atMost: 0).adding([0, -1], atMost: 0).adding([1, 1], atMost: 1)
        let (x, s) = try #require(p.interiorPoint())
        check(p, x, s)
    }

    @Test("a segment (0 ≤ x ≤ 0) and an empty set have no interior")
    func flatAndEmpty() {
        let segment = Polyhedron(dimension: 2).adding([1, 0], atMost: 0).adding([-1, 0], atMost: 0)
        #expect(segment.interiorPoint() == nil)
        let empty = Polyhedron(dimension: 1).adding([1], atMost: -1).adding([-1], atMost: -1)
        #expect(empty.interiorPoint() == nil)
    }

    @Test("a far-away unbounded region with negative bounds: x ≥ 10, y ≤ −7, x − y ≥ 30")
    func unboundedFarAway() throws {
        let p = Polyhedron(dimension: 2).adding([-1, 0], atMost: -10).adding([0, 1], atMost: -7).adding([-1, 1], atMost: -30)
        let (x, s) = try #require(p.interiorPoint())
        check(p, x, s)
    }

    @Test("random boxes intersected with random half-planes: an interior point exists iff one is found strictly inside")
    func randomCuts() throws {
        var state: UInt64 = 12345
        func small() -> Rational {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Rational(Int((state >> 33) % 17) - 8, 4)
        }
        for _ in 0..<60 {
            var p = Polyhedron(dimension: 2).adding([1, 0], atMost: 1).adding([-1, 0], atMost: 1)
                .adding([0, 1], atMost: 1).adding([0, -1], atMost: 1)
            for _ in 0..<3 { p = p.adding([small(), small()], atMost: small()) }
            if let (x, s) = p.interiorPoint() { check(p, x, s) }
            // Without a found point, the box's corners and centre must all violate some cut
            // weakly-strictly: checked by a grid of 1/8 steps having no strictly interior point.
            else {
                for i in -8...8 {
                    for j in -8...8 {
                        let x = [Rational(i, 8), Rational(j, 8)]
                        let inside = p.constraints.allSatisfy { c in zip(c.normal, x).reduce(Rational.zero) { $0 + $1.0 * $1.1 } < c.bound }
                        #expect(!inside)
                    }
                }
            }
        }
    }
}
