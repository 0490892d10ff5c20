import Exact
import Foundation
import NetworkFormats
import Networks
import Pictures
import PropertyBased
import Testing

/// The repository's `examples/` folder.
let examplesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("examples")

func example(_ name: String) throws -> Network {
    try NetworkReader.read(path: examplesFolder.appendingPathComponent("\(name).json").path)
}

/// The activation pattern at `x` computed by exact evaluation (independently of the partition):
/// the sign of each kinked unit's pre-activation, or `nil` when `x` lies exactly on a kink.
func pattern(of network: Network, at x: PlanePoint, kinkUnits: [UnitID]) throws -> (pattern: [UnitState], outputs: [Rational])? {
    let e = try network.evaluateExactly([x.x, x.y])
    guard e.kinks.isEmpty else { return nil }
    let states = kinkUnits.map { u -> UnitState in
        let s = e.preActivations[u.layer][u.unit].signum
        return s < 0 ? .negative : s > 0 ? .positive : .zero
    }
    return (states, e.outputs)
}

/// The example networks with two inputs and piecewise-linear activations, their region counts,
/// and the grid used to count their patterns independently (400 × 400 for the networks written
/// for this test; coarser for the two small ones, to keep the suite fast).
let regionExamples: [(name: String, regions: Int, grid: Int)] = [
    ("relu-2-2-1", 4, 120), ("relu-2-3-1-regions", 7, 400), ("relu-2-3-2-1-regions", 16, 400),
    ("leaky-abs-skip-regions", 9, 400), ("skip-relu", 7, 120),
]

struct LinearRegionsTests {
    /// The partition against an independent count: exact evaluation at the centres of an
    /// N × N grid of cells (rational points; N = 400 for the examples written for this test),
    /// skipping points exactly on a kink.
    ///
    /// Checks, all exactly: the distinct patterns on the grid are exactly the polygons' patterns
    /// (so the number of regions matches); each grid point lies strictly inside the polygon with
    /// its pattern, and the affine output map of that region reproduces the network's exact
    /// outputs there; on every tenth row and column, the point lies in exactly one closed polygon;
    /// the polygons' areas sum exactly to the box's area, and every vertex lies in the box.
    @Test("regions match the patterns found on a fine rational grid", arguments: regionExamples.map(\.name))
    func gridPatterns(_ name: String) throws {
        let network = try example(name)
        let box = try PlaneBox(domain: network.inputDomain)
        let partition = try LinearRegions(network: network, box: box)
        let expected = try #require(regionExamples.first { $0.name == name })
        #expect(partition.regions.count == expected.regions)

        var byPattern: [[UnitState]: LinearRegion] = [:]
        for region in partition.regions {
            #expect(byPattern.updateValue(region, forKey: region.pattern) == nil, "two regions with one pattern")
        }
        let total = partition.regions.reduce(Rational.zero) { $0 + $1.polygon.area }
        #expect(total == box.area)
        for region in partition.regions {
            for v in region.polygon.vertices {
                #expect(v.x >= box.x0 && v.x <= box.x1 && v.y >= box.y0 && v.y <= box.y1)
            }
        }

        let n = expected.grid
        var seen = Set<[UnitState]>()
        var skipped = 0
        for i in 0..<n {
            let x = box.x0 + (box.x1 - box.x0) * Rational(2 * i + 1, 2 * n)
            for j in 0..<n {
                let y = box.y0 + (box.y1 - box.y0) * Rational(2 * j + 1, 2 * n)
                let p = PlanePoint(x, y)
                guard let (states, outputs) = try pattern(of: network, at: p, kinkUnits: partition.kinkUnits) else {
                    skipped += 1
                    continue
                }
                seen.insert(states)
                guard let region = byPattern[states] else {
                    Issue.record("no region has the pattern found at \(p)")
                    continue
                }
                #expect(region.polygon.locate(p) == .inside)
                #expect(region.outputs.map { $0(p) } == outputs)
                if i % 10 == 0 && j % 10 == 0 {
                    let containing = partition.regions.filter { $0.polygon.locate(p) != .outside }
                    #expect(containing.count == 1)
                }
            }
        }
        #expect(seen.count == partition.regions.count)
        #expect(skipped < n * n / 50)
    }

    /// Adjacent regions differ in one unit, across a kink of that unit.
    ///
    /// Hypothesis (general position): no unit's pre-activation vanishes on a segment of positive
    /// length of another unit's kink line, and none vanishes identically on a region. Then the
    /// interior of an edge shared by two regions lies on the kink of exactly one unit: every other
    /// unit's pre-activation is continuous and nonzero there, so keeps its sign across the edge.
    /// The examples are in general position.
    ///
    /// Checked: for every pair of regions sharing an edge of positive length, exactly one unit's
    /// state differs (from − to + ), its pre-activation is 0 at both ends of the shared piece (in
    /// both regions' affine maps, which agree there); and every edge not on the box boundary is
    /// shared with at least one other region along its whole length.
    @Test("adjacent regions differ in exactly one unit's state", arguments: regionExamples.map(\.name))
    func adjacency(_ name: String) throws {
        let network = try example(name)
        let box = try PlaneBox(domain: network.inputDomain)
        let partition = try LinearRegions(network: network, box: box)
        let regions = partition.regions
        var coveredLength: [[Rational]] = regions.map { $0.polygon.edges.map { _ in Rational.zero } }
        for a in regions.indices {
            for b in regions.indices where a < b {
                for (ea, edgeA) in regions[a].polygon.edges.enumerated() {
                    for (eb, edgeB) in regions[b].polygon.edges.enumerated() {
                        guard let shared = sharedPiece(edgeA, edgeB) else { continue }
                        let differing = regions[a].pattern.indices.filter { regions[a].pattern[$0] != regions[b].pattern[$0] }
                        #expect(differing.count == 1, "\(name): regions \(a) and \(b)")
                        if let k = differing.first {
                            #expect(Set([regions[a].pattern[k], regions[b].pattern[k]]) == [.negative, .positive])
                            let u = partition.kinkUnits[k]
                            for region in [regions[a], regions[b]] {
                                #expect(region.preActivations[u.layer][u.unit](shared.start).isZero)
                                #expect(region.preActivations[u.layer][u.unit](shared.end).isZero)
                            }
                        }
                        coveredLength[a][ea] += shared.length
                        coveredLength[b][eb] += sharedPiece(edgeB, edgeA)?.length ?? .zero
                    }
                }
            }
        }
        // Each interior edge is covered by its neighbours' edges (lengths measured along the edge
        // as a fraction of it, so exact).
        for a in regions.indices {
            for (e, edge) in regions[a].polygon.edges.enumerated() {
                let onBoundary =
                    (edge.start.x == edge.end.x && (edge.start.x == box.x0 || edge.start.x == box.x1))
                    || (edge.start.y == edge.end.y && (edge.start.y == box.y0 || edge.start.y == box.y1))
                #expect(coveredLength[a][e] == (onBoundary ? .zero : .one), "\(name): region \(a), edge \(e)")
            }
        }
    }

    /// Random small networks (integer weights and biases in −3 … 3, one or two hidden layers of
    /// widths 1 … 3, ReLU or leaky ReLU): the areas sum to the box's area, the patterns are
    /// distinct, and at each polygon's vertex centroid (an interior point) exact evaluation gives
    /// the polygon's pattern — an affine function of one sign on a convex polygon can vanish at
    /// an interior point only if it vanishes on the whole polygon, which is state `zero` — and
    /// outputs equal to the region's affine map there.
    @Test("random networks: areas, patterns and outputs agree with exact evaluation")
    func randomNetworks() async {
        let weights = Gen.int(in: -3...3).array(of: 40)
        await propertyCheck(count: 40, input: Gen.int(in: 1...3), Gen.int(in: 0...3), Gen.bool, weights) { (w1: Int, w2: Int, leaky: Bool, values: [Int]) in
            var cursor = 0
            func next() -> Rational {
                defer { cursor += 1 }
                return Rational(values[cursor % values.count], 1 + cursor % 3)
            }
            let widths = w2 == 0 ? [2, w1, 1] : [2, w1, w2, 1]
            let hidden: Activation = leaky ? .leakyReLU(slope: Rational(1, 5)) : .relu
            var ws: [[[Rational]]] = [], bs: [[Rational]?] = []
            for l in 1..<widths.count {
                ws.append((0..<widths[l]).map { _ in (0..<widths[l - 1]).map { _ in next() } })
                bs.append((0..<widths[l]).map { _ in next() })
            }
            let activations = Array(repeating: hidden, count: widths.count - 2) + [.identity]
            guard let network = try? Network.mlp(widths: widths, activations: activations, weights: ws, biases: bs),
                let box = try? PlaneBox(x0: -2, x1: 1, y0: Rational(-1, 2), y1: 3),
                let partition = try? LinearRegions(network: network, box: box)
            else {
                Issue.record("could not build the network or its regions")
                return
            }
            #expect(partition.regions.reduce(Rational.zero) { $0 + $1.polygon.area } == box.area)
            #expect(Set(partition.regions.map(\.pattern)).count == partition.regions.count)
            for region in partition.regions {
                let c = region.polygon.vertexCentroid
                guard let e = try? network.evaluateExactly([c.x, c.y]) else {
                    Issue.record("exact evaluation failed")
                    continue
                }
                let states = partition.kinkUnits.map { u -> UnitState in
                    let s = e.preActivations[u.layer][u.unit].signum
                    return s < 0 ? .negative : s > 0 ? .positive : .zero
                }
                #expect(states == region.pattern)
                #expect(region.outputs.map { $0(c) } == e.outputs)
            }
        }
    }

    @Test("networks without two inputs or with smooth activations are refused")
    func refusals() throws {
        let tanh = try example("tanh-1-3-1")
        #expect(throws: PictureError.self) { try LinearRegions(network: tanh, box: PlaneBox(domain: nil)) }
        let sigmoid = try example("sigmoid-2-2-1")
        do {
            _ = try LinearRegions(network: sigmoid, box: PlaneBox(domain: nil))
            Issue.record("sigmoid accepted")
        } catch {
            #expect(error.description.contains("layer1: sigmoid is not piecewise linear"))
        }
        #expect(throws: PictureError.self) { try PlaneBox(x0: 1, x1: 1, y0: 0, y1: 1) }
        let deep = try example("relu-2-3-2-1-regions")
        #expect(throws: PictureError.tooManyRegions(limit: 5)) { try LinearRegions(network: deep, box: PlaneBox(domain: nil), regionLimit: 5) }
    }
}

/// The part of edge `a` that edge `b` also covers, when it has positive length, with its
/// length as a fraction of `a`.
func sharedPiece(_ a: PlaneSegment, _ b: PlaneSegment) -> (start: PlanePoint, end: PlanePoint, length: Rational)? {
    let dx = a.end.x - a.start.x, dy = a.end.y - a.start.y
    func cross(_ p: PlanePoint) -> Rational { dx * (p.y - a.start.y) - dy * (p.x - a.start.x) }
    guard cross(b.start).isZero, cross(b.end).isZero else { return nil }
    let dd = dx * dx + dy * dy
    func t(_ p: PlanePoint) -> Rational { (dx * (p.x - a.start.x) + dy * (p.y - a.start.y)) / dd }
    let (t1, t2) = (t(b.start), t(b.end))
    let lo = max(Rational.zero, min(t1, t2)), hi = min(Rational.one, max(t1, t2))
    guard lo < hi else { return nil }
    func at(_ s: Rational) -> PlanePoint { PlanePoint(a.start.x + s * dx, a.start.y + s * dy) }
    return (at(lo), at(hi), hi - lo)
}
