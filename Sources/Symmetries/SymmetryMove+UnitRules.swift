import Exact
import Networks

/// The rules of duplicate and constant units.
extension SymmetryMove {
    /// Duplicate units i, j of one layer (θ_j = c·θ_i, act(c·z) = ρ·act(z) + κ): their outgoing
    /// weights into each downstream k trade as v_ki + ρt, v_kj − t, b_k + κt — the curve of the
    /// ``ScalingRelation/merge`` transfer, which the canonicaliser's merge applies at t = v_kj for
    /// every k. When their outgoing weight vectors are
    /// proportional as well, each own parameter pair also cancels to first order:
    /// ∂f/∂θ_j,p = (ρ/c)·(v_j/v_i)·∂f/∂θ_i,p, so α·e_i,p + β·e_j,p is null with
    /// α·v_ki + β·(ρ/c)·v_kj = 0 for every k.
    static func duplicates(_ g: ParameterGraph) -> [SymmetryMove] {
        var out: [SymmetryMove] = []
        for l in g.hiddenLayers {
            let units = g.units(ofLayer: l)
            for (a, i) in units.enumerated() {
                for j in units[(a + 1)...] {
                    guard let relation = g.duplicateRelation(i, j) else { continue }
                    let (targets, vi, vjRaw) = g.outgoingVectors(i, j)
                    let vj = vjRaw.map { $0 * relation.rho / relation.c }
                    if let pivot = vi.firstIndex(where: { !$0.isZero }),
                        (0..<vi.count).allSatisfy({ vi[$0] * vj[pivot] == vj[$0] * vi[pivot] }) {
                        let alpha = vj[pivot], beta = -vi[pivot]
                        for (p, q) in zip(g.ownParameters(i), g.ownParameters(j)) {
                            var b = MoveBuilder()
                            b.translate(p.index, Coefficient(alpha))
                            b.translate(q.index, Coefficient(beta))
                            if let m = b.move(.duplicateIncoming(first: i, second: j, index: p.index), .duplicateUnits, .firstOrder) { out.append(m) }
                        }
                    }
                    for k in targets {
                        guard let from = g.edgeIndex(from: j, to: k) else { continue }
                        var b = MoveBuilder()
                        b.transfer(relation.merge, from: from, into: g.edgeIndex(from: i, to: k), bias: g.bias[k]?.index)
                        if let m = b.move(.duplicatePair(first: i, second: j, downstream: k), .duplicateUnits, .function) { out.append(m) }
                    }
                }
            }
        }
        return out
    }

    /// Constant units (every incoming weight 0, output c = act(b_u)), layer by layer: the
    /// outgoing weight into k trades against b_k (v_ku − t, b_k + c·t: the curve of the
    /// ``Activation/constantFold(bias:)`` transfer, which the canonicaliser's fold applies at
    /// t = v_ku for every k), and the unit's own bias trades against the
    /// downstream biases (b_u + t, b_k − v_ku·(act(b_u + t) − act(b_u))). Then the pairs of
    /// constant units with proportional outgoing weights (``constantPairs(_:layer:)``).
    static func constantUnits(_ g: ParameterGraph) -> [SymmetryMove] {
        var out: [SymmetryMove] = []
        for l in g.hiddenLayers {
            let act = g.network.layers[l - 1].activation
            for u in g.units(ofLayer: l) where g.isConstant(u) {
                let bu = g.bias[u]?.value ?? .zero
                let fold = act.constantFold(bias: bu)
                for e in g.outgoing[u] ?? [] {
                    var b = MoveBuilder()
                    b.transfer(fold, from: e.index, into: nil, bias: g.bias[e.other]?.index)
                    if let m = b.move(.constantUnit(u, downstream: e.other), .constantUnit, .function) { out.append(m) }
                }
                if let biasIndex = g.bias[u]?.index, let slope = act.slope(at: bu) {
                    var b = MoveBuilder()
                    b.translate(biasIndex, Coefficient(1))
                    for e in g.outgoing[u] ?? [] { b.shift(g.bias[e.other]?.index, weight: e.value, activation: act, at: bu, slope: slope) }
                    if let m = b.move(.constantUnit(u, downstream: nil), .constantUnit, .function) { out.append(m) }
                }
            }
            out += constantPairs(g, layer: l)
        }
        return out
    }

    /// Pairs of constant units of layer ℓ with proportional outgoing weights (v_w = r·v_u): with
    /// s = act′(b_u), s′ = act′(b_w) the incoming weights from one source j trade as
    /// s′·r·e_uj − s·e_wj to first order.
    static func constantPairs(_ g: ParameterGraph, layer l: Int) -> [SymmetryMove] {
        let act = g.network.layers[l - 1].activation
        let constants = g.units(ofLayer: l).filter { g.isConstant($0) }
        var out: [SymmetryMove] = []
        for (a, u) in constants.enumerated() {
            for w in constants[(a + 1)...] {
                let bu = g.bias[u]?.value ?? .zero, bw = g.bias[w]?.value ?? .zero
                guard let s = act.slope(at: bu), let sw = act.slope(at: bw), !s.isZero, !sw.isZero, let r = g.outgoingRatio(u, w)
                else { continue }
                for e in g.incoming[u] ?? [] {
                    var b = MoveBuilder()
                    b.translate(e.index, sw * Coefficient(r))
                    b.translate(g.edgeIndex(from: e.other, to: w), -s)
                    if let m = b.move(.constantPair(first: u, second: w, index: e.index), .constantUnit, .firstOrder) { out.append(m) }
                }
            }
        }
        return out
    }
}
