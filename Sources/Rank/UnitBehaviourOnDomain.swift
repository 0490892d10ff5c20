import Exact
import Networks

/// A kinked unit that stays on one linear piece of its activation on the whole domain — proven,
/// not just seen on the batch — so that its parameters are degenerate on the domain: the set of
/// parameters computing the same function there is larger than the symmetry orbit.
public struct UnitBehaviourOnDomain: Sendable, Equatable {
    public let unit: UnitID
    /// ``KinkCoverage/Behaviour/dead`` or ``KinkCoverage/Behaviour/linear(slope:)``.
    public let behaviour: KinkCoverage.Behaviour
    /// How it is known: the exact enclosure of the pre-activation on a box, or the data set.
    public let evidence: String

    /// The units proven one-sided on `domain` (piecewise-linear networks only).
    ///
    /// - **Box:** exact interval arithmetic. An affine map Σ wⱼ·xⱼ + b of inputs xⱼ ∈ [lⱼ, uⱼ]
    ///   takes values in [b + Σ min(wⱼlⱼ, wⱼuⱼ), b + Σ max(wⱼlⱼ, wⱼuⱼ)] (exactly its range in the
    ///   first layer), and a piecewise-linear activation maps [lo, hi] into the hull of act(lo),
    ///   act(hi) and, when lo < 0 < hi, act(0) = 0. Each layer's enclosure contains its true range,
    ///   so an enclosure with hi ≤ 0 proves the unit never leaves its negative piece on the box,
    ///   and lo ≥ 0 its positive piece.
    /// - **Data set:** when the batch is every point and its signs were decided exactly, the
    ///   batch's coverage *is* the behaviour on the domain.
    /// - **Gaussian:** its support is ℝⁿ; nothing is claimed.
    static func proven(network: Network, domain: InputDomain, batch: SampleBatch, coverage: [KinkCoverage], exactSigns: Bool) -> [UnitBehaviourOnDomain] {
        guard network.isPiecewiseLinear else { return [] }
        switch domain {
        case .gaussian:
            return []
        case .data:
            guard batch.coversDataSet, exactSigns else { return [] }
            return coverage.filter { $0.behaviour != .crossed }.map {
                UnitBehaviourOnDomain(unit: $0.unit, behaviour: $0.behaviour, evidence: "on every point of the data set")
            }
        case .box(let lower, let upper):
            return onBox(network, lower: lower, upper: upper)
        }
    }

    /// Interval propagation through the layers (exact; abandoned when numbers outgrow 10⁵ bits).
    static func onBox(_ network: Network, lower: [Rational], upper: [Rational]) -> [UnitBehaviourOnDomain] {
        var outputs: [[(lo: Rational, hi: Rational)]] = [Array(zip(lower, upper))]
        var found: [UnitBehaviourOnDomain] = []
        for (index, layer) in network.layers.enumerated() {
            let l = index + 1
            var z = (layer.bias ?? Array(repeating: .zero, count: layer.units)).map { (lo: $0, hi: $0) }
            for connection in layer.connections {
                let x = outputs[connection.source]
                for i in 0..<layer.units {
                    for j in 0..<connection.weights.columns {
                        let w = connection.weights[i, j]
                        if w.signum > 0 { z[i].lo.addProduct(w, x[j].lo); z[i].hi.addProduct(w, x[j].hi) }
                        if w.signum < 0 { z[i].lo.addProduct(w, x[j].hi); z[i].hi.addProduct(w, x[j].lo) }
                    }
                    if z[i].lo.bitSize + z[i].hi.bitSize > 100_000 { return found }
                }
            }
            let (a, b) = layer.activation.linearPieces ?? (.one, .one)
            if layer.activation.hasKink {
                for (i, r) in z.enumerated() {
                    let unit = UnitID(layer: l, unit: i)
                    if r.hi.signum <= 0 {
                        found.append(UnitBehaviourOnDomain(
                            unit: unit, behaviour: a.isZero ? .dead : .linear(slope: a),
                            evidence: "its pre-activation is at most \(r.hi) on the box (exact interval arithmetic)"))
                    } else if r.lo.signum >= 0 {
                        found.append(UnitBehaviourOnDomain(
                            unit: unit, behaviour: b.isZero ? .dead : .linear(slope: b),
                            evidence: "its pre-activation is at least \(r.lo) on the box (exact interval arithmetic)"))
                    }
                }
            }
            outputs.append(z.map { r in
                let ends = [r.lo.signum < 0 ? a * r.lo : b * r.lo, r.hi.signum < 0 ? a * r.hi : b * r.hi]
                    + (r.lo.signum < 0 && r.hi.signum > 0 ? [Rational.zero] : [])
                return (lo: ends.min() ?? r.lo, hi: ends.max() ?? r.hi)
            })
        }
        return found
    }
}
