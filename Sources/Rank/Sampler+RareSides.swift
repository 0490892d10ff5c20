import Exact
import Networks

/// Points spread over the rare side of every deep kinked unit (hit-and-run with shrinkage).
///
/// Let unit k of layer ℓ ≥ 2 compute z_k(x) = w·h(x) + b from the outputs h(x) of the layers
/// below. Its incoming parameters (w, b) have Jacobian columns proportional to (h(x), 1) on the
/// side where its activation has nonzero slope and to nothing on the other, so each point of
/// that side contributes one direction: the batch needs at least fan-in + 1 points there whose
/// (h(x), 1) are linearly independent, and h is affine on each activation region of the layers
/// below (dimension ≤ n + 1), so those points must lie in several such regions. A side of
/// probability 10⁻⁴ gets ≈ 10⁻⁴·N random points, and a kink cluster puts n + 1 points in one
/// spot. This step runs, from a batch point on a side with fewer than 2·(fan-in + 1) points, a
/// hit-and-run chain confined to that side S = {x : sign z_k(x) = s} of the search box: a random
/// direction d, the chord of the box through x, and Neal's shrinkage (slice sampling, 2003) — a
/// uniform t on the bracket, accepted when x + t·d ∈ S, else the bracket shrinks towards 0 from
/// t's end. t = 0 is in S and S is open, so every step ends in S, and the chain keeps the uniform
/// distribution on S: its points spread over the whole side, across the regions below, instead
/// of one spot. Layer-1 sides are half-spaces, which kink clusters and line walks already serve.
extension Sampler {
    /// Points a side with fewer than this many batch points is topped up to: twice the unit's
    /// incoming parameter count (fan-in + 1), the slack for points whose inputs repeat directions.
    func rareSideTarget(_ unit: UnitID) -> Int {
        let layer = network.layers[unit.layer - 1]
        let fanIn = layer.connections.reduce(0) { $0 + $1.weights.columns }
        return 2 * (fanIn + 1)
    }

    /// Tops up every rare side of a kinked unit in layers ≥ 2 (see the extension's note), adding at
    /// most `budget` points in all. Returns the number added, and whether the budget ran out
    /// before every rare side was served.
    @discardableResult
    mutating func addPointsOnRareSides(budget: Int) throws(RankError) -> (added: Int, capped: Bool) {
        guard !kinkedUnits.isEmpty, !signs.isEmpty else { return (0, false) }
        var added = 0
        for (k, unit) in kinkedUnits.enumerated() where unit.layer >= 2 {
            let target = rareSideTarget(unit)
            for side: Int8 in [1, -1] {
                let onSide = (0..<signs.count).filter { signs[$0][k] == side }
                guard !onSide.isEmpty, onSide.count < target else { continue }
                guard added < budget else { return (added, true) }
                let start = batch.numericPoints[onSide[Int(rng.nextBits(32)) % onSide.count]]
                added += try walk(
                    unit: unit, inside: { ($0 > 0) == (side > 0) }, from: start, steps: Swift.min(target - onSide.count, budget - added),
                    origin: .rareSide(unit))
            }
        }
        return (added, false)
    }

    /// A hit-and-run chain of `steps` steps inside {x : inside(z_unit(x))} from `start` (a point
    /// of that set), each step's point added to the batch with `origin`. Returns the number added.
    mutating func walk(
        unit: UnitID, inside: (Double) -> Bool, from start: [Double], steps: Int, origin: SampleBatch.Origin
    ) throws(RankError) -> Int {
        var x = start
        var added = 0
        let n = x.count
        for _ in 0..<(2 * steps) {
            guard added < steps else { break }
            var d = (0..<n).map { _ in rng.nextGaussian() }
            let norm = d.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { continue }
            d = d.map { $0 / norm }
            var (lo, hi) = chord(through: x, direction: d)
            var next: [Double]? = nil
            for _ in 0..<40 {
                let t = lo + (hi - lo) * rng.nextUnit()
                let y = (0..<n).map { x[$0] + t * d[$0] }
                if inside(preActivationValue(unit, y)) {
                    next = y
                    break
                }
                if t < 0 { lo = t } else { hi = t }
            }
            guard let y = next, let q = domain.rationalPoint(y), try add(q, origin: origin) else { continue }
            added += 1
            // Move on only from a point (as added, on the grid) that is itself inside.
            let last = batch.numericPoints[batch.count - 1]
            if inside(preActivationValue(unit, last)) { x = last }
        }
        return added
    }

    /// The parameters t with x + t·d in the search box (the box itself, or a Gaussian's typical
    /// box); a point outside the typical box of a Gaussian gets the bracket ±scale.
    private func chord(through x: [Double], direction d: [Double]) -> (lower: Double, upper: Double) {
        var lo = -Double.infinity, hi = Double.infinity
        for i in 0..<x.count where d[i] != 0 {
            var a = (domain.searchLower[i] - x[i]) / d[i], b = (domain.searchUpper[i] - x[i]) / d[i]
            if b < a { swap(&a, &b) }
            lo = Swift.max(lo, a)
            hi = Swift.min(hi, b)
        }
        guard lo.isFinite, hi.isFinite, lo <= 0, 0 <= hi else { return (-domain.scale, domain.scale) }
        return (lo, hi)
    }
}
