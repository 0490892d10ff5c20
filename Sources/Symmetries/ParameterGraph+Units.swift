import Exact
import Networks

/// Unit classifications: constant units, duplicate and negated-duplicate classes, relevant units.
extension ParameterGraph {
    /// Every incoming weight of u is 0: u outputs the constant act(b_u).
    public func isConstant(_ u: UnitID) -> Bool { (incoming[u] ?? []).allSatisfy { $0.value.isZero } }

    /// Every outgoing weight of u is 0.
    public func hasZeroOutgoingWeights(_ u: UnitID) -> Bool { (outgoing[u] ?? []).allSatisfy { $0.value.isZero } }

    /// The duplicate relation of units i and j of one layer: θ_j = c·θ_i for their own
    /// parameters (same sources, same bias presence) and act(c·z) = ρ·act(z) + κ
    /// (``Activation/scalingRelation(at:)``); c < 0 makes j a negated duplicate. `nil` when they
    /// are not duplicates.
    public func duplicateRelation(_ i: UnitID, _ j: UnitID) -> ScalingRelation? {
        guard (incoming[i] ?? []).map(\.other) == (incoming[j] ?? []).map(\.other), (bias[i] == nil) == (bias[j] == nil),
            let c = ScalingRelation.factor(ownParameters(i).map(\.value), ownParameters(j).map(\.value))
        else { return nil }
        return activation(i).scalingRelation(at: c)
    }

    /// The duplicate classes of layer ℓ: units whose own parameters are c·θ_rep with
    /// act(c·z) = ρ·act(z) + κ, as (unit, ρ) pairs (the representative first, ρ = 1).
    public func duplicateClasses(layer l: Int) -> [[(unit: UnitID, rho: Rational)]] {
        var classes: [[(unit: UnitID, rho: Rational)]] = []
        var assigned = Set<UnitID>()
        let units = units(ofLayer: l)
        for (a, i) in units.enumerated() where !assigned.contains(i) {
            var members: [(unit: UnitID, rho: Rational)] = [(i, 1)]
            for j in units[(a + 1)...] where !assigned.contains(j) {
                guard let relation = duplicateRelation(i, j) else { continue }
                members.append((j, relation.rho))
                assigned.insert(j)
            }
            classes.append(members)
        }
        return classes
    }

    /// The units whose parameters the function can depend on. Backwards from the outputs: a unit
    /// is *inert* when it is irrelevant or belongs to a **null class** — a duplicate class
    /// (``duplicateClasses(layer:)``) whose merged outgoing weights Σ_m ρ_m·v_km vanish into every
    /// non-inert unit k, so the class adds only a constant there. A hidden unit is **irrelevant**
    /// (not returned) when every nonzero outgoing weight leads to an inert unit: perturbing its
    /// output keeps every downstream class a duplicate class (members have proportional incoming
    /// weights), so no output changes (`proofs/null-space-attribution.md`, "Irrelevant parameters").
    public func relevantUnits() -> Set<UnitID> {
        let L = network.layers.count
        var relevant = Set(units(ofLayer: L))
        var inert = Set<UnitID>()
        for l in hiddenLayers.reversed() {
            for u in units(ofLayer: l) {
                let edges = (outgoing[u] ?? []).filter { !$0.value.isZero }
                if edges.contains(where: { !inert.contains($0.other) }) { relevant.insert(u) } else { inert.insert(u) }
            }
            for members in duplicateClasses(layer: l) where members.count > 1 {
                var merged: [UnitID: Rational] = [:]
                for m in members {
                    for e in outgoing[m.unit] ?? [] where !inert.contains(e.other) { merged[e.other, default: .zero] += m.rho * e.value }
                }
                if merged.values.allSatisfy(\.isZero) { for m in members { inert.insert(m.unit) } }
            }
        }
        return relevant
    }

    /// The outgoing weights of u and w into the union of their targets, in unit order.
    func outgoingVectors(_ u: UnitID, _ w: UnitID) -> (targets: [UnitID], u: [Rational], w: [Rational]) {
        let targets = Set((outgoing[u] ?? []).map(\.other) + (outgoing[w] ?? []).map(\.other)).sorted()
        let vu = targets.map { k in (outgoing[u] ?? []).first { $0.other == k }?.value ?? .zero }
        let vw = targets.map { k in (outgoing[w] ?? []).first { $0.other == k }?.value ?? .zero }
        return (targets, vu, vw)
    }

    /// r with v_kw = r·v_ku for every unit k fed by u or w (r ≠ 0; u has a nonzero outgoing
    /// weight); `nil` when the outgoing weight vectors are not proportional.
    public func outgoingRatio(_ u: UnitID, _ w: UnitID) -> Rational? {
        let (_, vu, vw) = outgoingVectors(u, w)
        guard let pivot = vu.firstIndex(where: { !$0.isZero }) else { return nil }
        let r = vw[pivot] / vu[pivot]
        guard !r.isZero, zip(vu, vw).allSatisfy({ r * $0.0 == $0.1 }) else { return nil }
        return r
    }
}
