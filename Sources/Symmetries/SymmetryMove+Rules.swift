import Exact
import Networks

/// The catalogue of rules (derivations in `proofs/null-space-attribution.md`). A new rule is one
/// function here producing ``SymmetryMove``s; ``SymmetryTangent/Kind`` names it.
extension SymmetryMove {
    /// Every move the known rules produce for the network of `g`, given how a batch sees its
    /// kinked units (``BatchBehaviour/none`` for the function alone).
    public static func all(graph g: ParameterGraph, batch: BatchBehaviour = .none) -> [SymmetryMove] {
        let relevant = g.relevantUnits()
        return rescalings(g) + linearActions(g, batch) + irrelevantParameters(g, relevant)
            + batchDegeneracies(g, batch, relevant) + duplicates(g) + constantUnits(g)
    }

    /// Rescaling of a hidden unit u by c = 1 + t where act(c·z) = c·act(z): own parameters
    /// times c, outgoing weights times 1/c.
    static func rescalings(_ g: ParameterGraph) -> [SymmetryMove] {
        var out: [SymmetryMove] = []
        for l in g.hiddenLayers where g.network.layers[l - 1].activation.admitsScaling {
            for u in g.units(ofLayer: l) {
                var b = MoveBuilder()
                for p in g.ownParameters(u) { b.scale(p.index, p.value, power: 1) }
                for e in g.outgoing[u] ?? [] { b.scale(e.index, e.value, power: -1) }
                if let m = b.move(.rescaling(u), .rescaling, .function) { out.append(m) }
            }
        }
        return out
    }

    /// Units acting linearly (act(z) = s·z): whole linear layers (GL(n), scope function) and
    /// units linear on the batch. z ↦ (I + tE_ij)z: z_i gains t·z_j, each outgoing weight of j
    /// loses t·(s_i/s_j)·v_ki (for i = j: the rescaling by 1 + t); and a biased unit's bias
    /// moves into the downstream biases.
    static func linearActions(_ g: ParameterGraph, _ batch: BatchBehaviour) -> [SymmetryMove] {
        var out: [SymmetryMove] = []
        for l in g.hiddenLayers {
            let act = g.network.layers[l - 1].activation
            let units: [UnitID], slopes: [UnitID: Rational], scope: SymmetryTangent.Scope, category: SymmetryTangent.Category
            if let s = act.linearSlope {
                units = g.units(ofLayer: l)
                (slopes, scope, category) = (Dictionary(uniqueKeysWithValues: units.map { ($0, s) }), .function, .linearLayer)
            } else {
                units = g.units(ofLayer: l).filter { batch.linearUnits[$0] != nil }
                (slopes, scope, category) = (batch.linearUnits, .batch, .linearOnBatch)
            }
            for i in units {
                for j in units where i != j || scope == .function {
                    if let m = mixing(g, into: i, from: j, ratio: slopes[i]! / slopes[j]!, category, scope) { out.append(m) }
                }
                guard let bias = g.bias[i] else { continue }
                var b = MoveBuilder()
                b.translate(bias.index, Coefficient(1))
                for e in g.outgoing[i] ?? [] { b.translate(g.bias[e.other]?.index, Coefficient(-slopes[i]! * e.value)) }
                if let m = b.move(.biasAbsorption(i), category, scope) { out.append(m) }
            }
        }
        return out
    }

    /// The generator E_ij of a linearly acting layer as a move.
    private static func mixing(
        _ g: ParameterGraph, into i: UnitID, from j: UnitID, ratio: Rational, _ category: SymmetryTangent.Category,
        _ scope: SymmetryTangent.Scope
    ) -> SymmetryMove? {
        var b = MoveBuilder()
        if i == j {
            for p in g.ownParameters(i) { b.scale(p.index, p.value, power: 1) }
            for e in g.outgoing[i] ?? [] { b.scale(e.index, e.value, power: -1) }
        } else {
            for e in g.incoming[j] ?? [] { b.translate(g.edgeIndex(from: e.other, to: i), Coefficient(e.value)) }
            if let bj = g.bias[j] { b.translate(g.bias[i]?.index, Coefficient(bj.value)) }
            for e in g.outgoing[i] ?? [] { b.translate(g.edgeIndex(from: j, to: e.other), Coefficient(-ratio * e.value)) }
        }
        return b.move(.linearMixing(into: i, from: j), category, scope)
    }

    /// Parameters of units whose output reaches no output (``ParameterGraph/relevantUnits()``):
    /// each moves freely.
    static func irrelevantParameters(_ g: ParameterGraph, _ relevant: Set<UnitID>) -> [SymmetryMove] {
        var out: [SymmetryMove] = []
        for l in g.hiddenLayers {
            for u in g.units(ofLayer: l) where !relevant.contains(u) {
                for p in g.ownParameters(u) {
                    var b = MoveBuilder()
                    b.translate(p.index, Coefficient(1))
                    if let m = b.move(.irrelevantParameter(unit: u, index: p.index), .removableUnit, .function) { out.append(m) }
                }
            }
        }
        return out
    }

    /// Units dead on the batch (own and outgoing parameters), and relevant units whose every
    /// nonzero outgoing weight feeds units dead on the batch (own parameters).
    static func batchDegeneracies(_ g: ParameterGraph, _ batch: BatchBehaviour, _ relevant: Set<UnitID>) -> [SymmetryMove] {
        let dead = batch.deadUnits
        let L = g.network.layers.count
        var batchRelevant = Set(g.units(ofLayer: L).filter { !dead.contains($0) })
        for l in g.hiddenLayers.reversed() {
            for u in g.units(ofLayer: l) {
                let edges = (g.outgoing[u] ?? []).filter { !$0.value.isZero }
                if !dead.contains(u) && edges.contains(where: { batchRelevant.contains($0.other) }) { batchRelevant.insert(u) }
            }
        }
        var out: [SymmetryMove] = []
        for l in 1...L {
            for u in g.units(ofLayer: l) where dead.contains(u) || (relevant.contains(u) && !batchRelevant.contains(u)) {
                var params = g.ownParameters(u).map(\.index)
                if dead.contains(u) { params += (g.outgoing[u] ?? []).map(\.index) }
                for index in params {
                    var b = MoveBuilder()
                    b.translate(index, Coefficient(1))
                    let kind: SymmetryTangent.Kind = dead.contains(u) ? .deadOnBatch(unit: u, index: index) : .irrelevantOnBatch(unit: u, index: index)
                    if let m = b.move(kind, .deadOnBatch, .batch) { out.append(m) }
                }
            }
        }
        return out
    }
}
