import Exact
import LinearAlgebra
import Networks

/// Builds a ``SampleBatch`` for a network: random points from the domain, points on kinks
/// replaced, and — for networks whose activations have kinks — extra points placed on both
/// sides of each unit's kink.
///
/// A Jacobian batch only sees the linear pieces its points fall in. If no point puts a ReLU
/// unit's pre-activation on its negative side, the batch cannot tell the unit from a linear
/// one and the rank comes out too low. The sampler therefore records, for every kinked unit,
/// the signs of its pre-activation over the batch; a unit seen on one side only is searched for
/// a point of the other sign (projected Newton steps on the unit's pre-activation as a function
/// of the input, from the batch points nearest its kink). When such a point exists, bisection
/// on the segment finds the kink and a cluster of n + 1 points is placed on each side of it
/// (n inputs: enough to pin down an affine piece). When none is found, the unit is reported as
/// dead or linear on the batch.
struct Sampler: SampleStage {
    let network: Network
    let numeric: NumericNetwork
    let domain: SamplingDomain
    var batch = SampleBatch()
    let budget: SamplingBudget
    /// Decide signs (and kinks) by exact rational evaluation rather than in `Double`.
    let exactSigns: Bool
    /// With exact signs: the network's integer forward pass, which decides them without
    /// rational arithmetic (`nil` outside its integer form: exact evaluation then).
    let signEvaluator: ExactSignEvaluator?
    /// With exact signs: the `Double` pass's error bound, which proves most signs without the
    /// exact evaluation (``FloatSignCertifier``; `nil` when it does not apply).
    let signCertifier: FloatSignCertifier?
    var rng: SplitMix64
    /// Units whose activation has a kink, in layer order.
    let kinkedUnits: [UnitID]
    /// signs[p][k]: sign of kinked unit k's pre-activation at point p.
    private(set) var signs: [[Int8]] = []
    /// distances[p][k]: |pre-activation| of kinked unit k at point p (in `Double`), which orders
    /// the batch points by nearness to a unit's kink without evaluating the network again.
    private(set) var distances: [[Double]] = []
    /// The unit whose kink the last rejected point was on.
    private(set) var lastKinkUnit: UnitID?

    /// A pre-activation within this relative distance of 0 (in `Double`) counts as on the kink:
    /// the `Double` Jacobian could see the wrong side there, so such points are not used.
    static let kinkMargin = 1e-9

    init(network: Network, domain: SamplingDomain, budget: SamplingBudget, exactSigns: Bool, seed: UInt64) {
        self.network = network
        numeric = NumericNetwork(network)
        self.domain = domain
        self.budget = budget
        self.exactSigns = exactSigns
        signEvaluator = exactSigns ? network.piecewiseLinearLayers.flatMap { ExactSignEvaluator($0) } : nil
        signCertifier = exactSigns ? FloatSignCertifier(network, numeric: numeric) : nil
        rng = SplitMix64(seed: seed)
        kinkedUnits = network.layers.enumerated().flatMap { index, layer in
            layer.activation.hasKink ? (0..<layer.units).map { UnitID(layer: index + 1, unit: $0) } : []
        }
    }

    /// Random points, then — for a network with kinks — a cluster on both sides of every kink
    /// (an automatic batch, so that no growth round is needed for it) or only for the units the
    /// random points see on one side (a fixed batch), line-walk regions and chains; all placed
    /// points together within ``SamplingBudget/placementPoints`` (said in ``SampleBatch/placementCap``
    /// when it bites).
    mutating func sampleFirstBatch() throws(RankError) {
        if case .data(let points) = domain.domain { return try addData(points) }
        try addRandom(budget.firstPoints)
        var cap = PlacementCap(budget: budget.placementPoints)
        var left = cap.budget
        // Points where analytic units are neither saturated nor nearly linear.
        if budget.lineWalks > 0 {
            let share = Swift.min(2 * budget.firstPoints, left)
            let placed = try addPointsInUnsaturatedBands(budget: share)
            if placed.capped { cap.stopped.append("saturation chains") }
            left -= placed.added
        }
        if !kinkedUnits.isEmpty {
            left -= try addKinkClusters(budget: left / 4 * 3, cap: &cap)
            // Exact line walks reach the regions random points and kink clusters missed.
            let walked = try addPointsAlongLines(
                lines: budget.lineWalks, budget: left, newPatternBudget: Swift.min(left, budget.regionPoints(inputs: network.inputCount)),
                newPatterns: !budget.isFixed)
            if walked.capped { cap.stopped.append("line walks") }
            left -= walked.added
            // Hit-and-run chains spread points over the rare sides of deep units the walks found.
            if budget.lineWalks > 0 {
                let chains = try addPointsOnRareSides(budget: Swift.min(budget.firstPoints, left))
                if chains.capped && left < budget.firstPoints { cap.stopped.append("rare-side chains") }
            }
        }
        if !cap.kinkUnits.isEmpty || !cap.stopped.isEmpty { batch.placementCap = cap }
    }

    /// Kink clusters of the first batch within `budget` points: every kinked unit (an automatic
    /// batch) or the units seen on one side (a fixed one), n + 1 points per side, or the same
    /// smaller number for each when 2·(n + 1) per unit exceeds the budget (recorded in `cap`).
    /// Returns the number of points placed.
    private mutating func addKinkClusters(budget points: Int, cap: inout PlacementCap) throws(RankError) -> Int {
        let units = kinkedUnits.indices.filter { !budget.isFixed || isOneSided($0) }
        guard !units.isEmpty else { return 0 }
        let full = network.inputCount + 1
        let perSide = Swift.min(full, points / (2 * units.count))
        if perSide < full {
            cap.kinkUnits = units.map { kinkedUnits[$0] }
            cap.kinkPointsPerSide = perSide
        }
        guard perSide > 0 else { return 0 }
        let before = batch.count
        for k in units where !budget.isFixed || isOneSided(k) {
            let positive = signs.contains { $0[k] > 0 }
            try placeCluster(unit: kinkedUnits[k], index: k, seenSign: positive ? 1 : -1, perSide: perSide)
        }
        return batch.count - before
    }

    /// Directed search for the null directions (piecewise-linear networks with kinks, when line
    /// walks are on), then `count` random points.
    @discardableResult
    mutating func grow(by count: Int, nullBasis: () throws(RankError) -> [[Double]]) throws(RankError) -> Bool {
        if case .data = domain.domain { return false }  // the data set is the whole domain
        var searched = false
        if budget.lineWalks > 0 { _ = try addPointsOnRareSides(budget: Swift.min(count, budget.maximumPoints - batch.count - count)) }
        if budget.lineWalks > 0, !kinkedUnits.isEmpty, network.isPiecewiseLinear {
            try addPointsWhereNullDirectionsMove(nullBasis: try nullBasis(), lines: 4 * budget.lineWalks, budget: count)
            searched = true
        }
        try addRandom(count)
        return searched
    }

    mutating func keepFirst(_ count: Int) {
        guard count < batch.count else { return }
        batch.points.removeSubrange(count...)
        batch.numericPoints.removeSubrange(count...)
        batch.origins.removeSubrange(count...)
        signs.removeSubrange(count...)
        distances.removeSubrange(count...)
    }

    /// The signs of the kinked units at `x`, or `nil` when `x` is on (or within round-off of)
    /// a kink.
    func kinkSigns(_ x: [Rational], _ xd: [Double]) throws(RankError) -> [Int8]? {
        try kinkSignsOrUnit(x, xd).signs
    }

    /// The signs of the kinked units at `x` and their |pre-activations|, or the first unit whose
    /// kink `x` is on.
    func kinkSignsOrUnit(_ x: [Rational], _ xd: [Double]) throws(RankError) -> (signs: [Int8]?, onKink: UnitID?, distances: [Double]) {
        guard !kinkedUnits.isEmpty else { return ([], nil, []) }
        let pass: (pre: [[Double]], post: [[Double]])
        do { pass = try numeric.forward(xd) } catch { throw .network(error) }
        let pre = pass.pre
        var out: [Int8] = []
        var distance: [Double] = []
        out.reserveCapacity(kinkedUnits.count)
        distance.reserveCapacity(kinkedUnits.count)
        var scales: [Int: Double] = [:]
        for u in kinkedUnits {
            let z = pre[u.layer][u.unit]
            let scale: Double
            if let known = scales[u.layer] { scale = known } else {
                scale = 1 + pre[u.layer].reduce(0) { Swift.max($0, Swift.abs($1)) }
                scales[u.layer] = scale
            }
            // With exact signs the exact evaluation below decides (a Double sign that disagrees
            // is rejected there); the margin only guards Double-only sampling, and relative to the
            // layer's largest value it would misjudge a unit far smaller than its neighbours.
            guard exactSigns || Swift.abs(z) > Self.kinkMargin * scale else { return (nil, u, []) }
            out.append(z > 0 ? 1 : -1)
            distance.append(Swift.abs(z))
        }
        // Signs the error bound proves are the exact ones, and none is 0: the exact evaluation
        // would accept the point with these signs.
        if exactSigns, signCertifier?.certifies(point: x, input: xd, pre: pre, post: pass.post) == true {
            return (out, nil, distance)
        }
        if exactSigns, let exact = signEvaluator?.signs(at: x) {
            if let kink = exact.kink { return (nil, UnitID(layer: kink.layer, unit: kink.unit), []) }
            for (k, u) in kinkedUnits.enumerated() where exact.signs[u.layer - 1][u.unit] != out[k] {
                return (nil, u, [])  // Double and exact disagree about the side: too close to call
            }
        } else if exactSigns {
            let evaluation: ExactEvaluation
            do { evaluation = try network.evaluateExactly(x) } catch { throw .network(error) }
            if let u = evaluation.kinks.first { return (nil, u, []) }
            for (k, u) in kinkedUnits.enumerated() where Int8(evaluation.preActivations[u.layer][u.unit].signum) != out[k] {
                return (nil, u, [])  // Double and exact disagree about the side: too close to call
            }
        }
        return (out, nil, distance)
    }

    /// Appends `x` unless it is on a kink; returns whether it was added.
    @discardableResult
    mutating func add(_ x: [Rational], origin: SampleBatch.Origin) throws(RankError) -> Bool {
        let xd = x.map(\.doubleValue)
        let result = try kinkSignsOrUnit(x, xd)
        guard let s = result.signs else {
            if let u = result.onKink { lastKinkUnit = u }
            return false
        }
        batch.points.append(x)
        batch.numericPoints.append(xd)
        batch.origins.append(origin)
        signs.append(s)
        distances.append(result.distances)
        return true
    }

    /// Appends `count` random points, redrawing any that fall on a kink.
    mutating func addRandom(_ count: Int) throws(RankError) {
        var added = 0
        var attempts = 0
        while added < count {
            let x = domain.draw(using: &rng)
            attempts += 1
            if try add(x, origin: .random) { added += 1 } else {
                batch.replacedOnKink += 1
                if attempts > 100 * (count + 10) {
                    throw .unitOnKinkEverywhere(lastKinkUnit ?? UnitID(layer: 0, unit: 0))
                }
            }
        }
    }

    /// How the batch sees each kinked unit.
    func coverage() -> [KinkCoverage] {
        kinkedUnits.enumerated().map { k, u in
            let positive = signs.reduce(0) { $0 + ($1[k] > 0 ? 1 : 0) }
            let negative = signs.count - positive
            let pieces = network.layers[u.layer - 1].activation.linearPieces ?? (.zero, .zero)
            let behaviour: KinkCoverage.Behaviour
            if positive > 0 && negative > 0 || signs.isEmpty {
                behaviour = .crossed
            } else {
                let slope = positive > 0 ? pieces.positive : pieces.negative
                behaviour = slope.isZero ? .dead : .linear(slope: slope)
            }
            return KinkCoverage(unit: u, negative: negative, positive: positive, behaviour: behaviour)
        }
    }

    /// The batch sees kinked unit k on one side of its kink only.
    private func isOneSided(_ k: Int) -> Bool { signs.contains { $0[k] > 0 } != signs.contains { $0[k] < 0 } }

    /// Finds a point where `unit` has the sign opposite to `seenSign` (or uses one in the
    /// batch), bisects to its kink and adds `perSide` points (n + 1 unless capped) on each side.
    private mutating func placeCluster(unit: UnitID, index k: Int, seenSign: Int8, perSide: Int) throws(RankError) {
        guard !signs.isEmpty else { return }
        // Batch points on the seen side, nearest the kink first.
        let order = (0..<signs.count).filter { signs[$0][k] == seenSign }.sorted { distances[$0][k] < distances[$1][k] }
        var start: [Double]? = nil
        var other: [Double]? = nil
        if let opposite = (0..<signs.count).filter({ signs[$0][k] == -seenSign }).min(by: { distances[$0][k] < distances[$1][k] }),
           let first = order.first {
            start = batch.numericPoints[first]
            other = batch.numericPoints[opposite]
        } else {
            for p in order.prefix(5) {
                if let found = searchOtherSide(unit: unit, from: batch.numericPoints[p], target: -Double(seenSign)) {
                    start = batch.numericPoints[p]
                    other = found
                    break
                }
            }
        }
        guard let a = start, let b = other else { return }
        // Bisection for the kink on the segment a → b.
        var lo = a, hi = b
        for _ in 0..<60 {
            let mid = zip(lo, hi).map { ($0 + $1) / 2 }
            if (preActivationValue(unit, mid) > 0) == (seenSign > 0) { lo = mid } else { hi = mid }
        }
        let crossing = zip(lo, hi).map { ($0 + $1) / 2 }
        var direction = zip(b, a).map { $0 - $1 }
        let length = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard length > 0 else { return }
        direction = direction.map { $0 / length }
        let n = network.inputCount
        for side in [-1.0, 1.0] {
            // side = +1 moves towards b (the newly found sign).
            let wanted: Int8 = side > 0 ? -seenSign : seenSign
            var placed = 0
            var delta = Swift.min(1e-2 * domain.scale, length / 4)
            var attempts = 0
            while placed < perSide && attempts < 8 * perSide {
                attempts += 1
                let along = delta * (1 + Double(placed) / Double(perSide))
                var x = (0..<n).map { crossing[$0] + side * along * direction[$0] }
                if placed > 0 {
                    for i in 0..<n { x[i] += 0.5 * delta * (2 * rng.nextUnit() - 1) }
                }
                // A point pushed back into the box would repeat others: move closer instead.
                guard x == domain.clamped(x) else {
                    delta /= 4
                    continue
                }
                let z = preActivationValue(unit, x)
                guard (z > 0) == (wanted > 0), let q = domain.rationalPoint(x),
                    let s = try kinkSigns(q, q.map(\.doubleValue)), s[k] == wanted
                else {
                    delta /= 4
                    continue
                }
                try add(q, origin: .kink(unit))
                placed += 1
            }
        }
    }

    /// Projected Newton steps on z_unit(x) towards a value of sign `target`, inside the search
    /// box, with random restarts when the gradient vanishes. `nil` when nothing is found.
    private mutating func searchOtherSide(unit: UnitID, from x0: [Double], target: Double) -> [Double]? {
        var x = x0
        let goal = target * 1e-3 * Swift.max(1, domain.scale)
        for _ in 0..<40 {
            let (z, g) = preActivation(unit, x)
            if z * target > 0 { return x }
            let norm2 = g.reduce(0) { $0 + $1 * $1 }
            if norm2 > 0 {
                let step = (goal * 2 - z) / norm2
                x = domain.clamped((0..<x.count).map { x[$0] + step * g[$0] })
                let z2 = preActivationValue(unit, x)
                if z2 * target > 0 { return x }
                if Swift.abs(z2 - z) <= 1e-15 * Swift.max(1, Swift.abs(z)) {
                    x = domain.clamped(x.map { $0 + 0.25 * domain.scale * (2 * rng.nextUnit() - 1) })
                }
            } else {
                x = domain.clamped(x.map { $0 + 0.25 * domain.scale * (2 * rng.nextUnit() - 1) })
            }
        }
        return nil
    }

    /// z_unit(x) in `Double` (one forward pass; 0 for a point of the wrong length, which the
    /// sampler never produces).
    func preActivationValue(_ unit: UnitID, _ x: [Double]) -> Double {
        (try? numeric.forward(x).pre[unit.layer][unit.unit]) ?? 0
    }

    /// z_unit(x) and its gradient ∂z_unit/∂x (forward mode, one-sided at kinks), in `Double`.
    func preActivation(_ unit: UnitID, _ x: [Double]) -> (value: Double, gradient: [Double]) {
        let n = x.count
        var post: [[Double]] = [x]
        var dpost: [[[Double]]] = [(0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }]
        for (index, layer) in numeric.layers.enumerated() {
            var z = layer.bias
            var dz = Array(repeating: Array(repeating: 0.0, count: n), count: layer.units)
            for connection in layer.connections {
                let a = post[connection.source], da = dpost[connection.source]
                let w = connection.weights
                for i in 0..<layer.units {
                    for j in 0..<w.columns {
                        let wij = w[i, j]
                        if wij == 0 { continue }
                        z[i] += wij * a[j]
                        for t in 0..<n { dz[i][t] += wij * da[j][t] }
                    }
                }
            }
            if index + 1 == unit.layer { return (z[unit.unit], dz[unit.unit]) }
            post.append(z.map { layer.activation.value($0) })
            dpost.append((0..<layer.units).map { i in
                let s = layer.activation.derivative(z[i])
                return dz[i].map { s * $0 }
            })
        }
        return (0, Array(repeating: 0, count: n))
    }
}
