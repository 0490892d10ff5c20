import Exact
import Networks

/// A coefficient that is exact when it can be: rational parameters and piecewise-linear
/// slopes stay exact; values such as tanh(b) are carried in `Double` only.
struct Coefficient {
    var exact: Rational?
    var numeric: Double
    init(_ q: Rational) { exact = q; numeric = q.doubleValue }
    init(numeric value: Double) { exact = nil; numeric = value }
    init(exact: Rational?, numeric: Double) { self.exact = exact; self.numeric = numeric }
    static func * (a: Coefficient, b: Coefficient) -> Coefficient {
        Coefficient(exact: a.exact.flatMap { x in b.exact.map { x * $0 } }, numeric: a.numeric * b.numeric)
    }
    static prefix func - (a: Coefficient) -> Coefficient { Coefficient(exact: a.exact.map { -$0 }, numeric: -a.numeric) }
    static func + (a: Coefficient, b: Coefficient) -> Coefficient {
        Coefficient(exact: a.exact.flatMap { x in b.exact.map { x + $0 } }, numeric: a.numeric + b.numeric)
    }
    var isZero: Bool { exact?.isZero ?? (numeric == 0) }
}

/// Accumulates the entries of one tangent; `invalid` marks a tangent that would need a
/// parameter the architecture does not have (an absent edge or bias).
private struct TangentBuilder {
    var entries: [Int: Coefficient] = [:]
    var invalid = false
    mutating func add(_ index: Int?, _ c: Coefficient) {
        if c.isZero { return }
        guard let index else { invalid = true; return }
        entries[index] = entries[index].map { $0 + c } ?? c
    }
    func tangent(_ kind: SymmetryTangent.Kind, _ category: SymmetryTangent.Category, _ scope: SymmetryTangent.Scope) -> SymmetryTangent? {
        guard !invalid else { return nil }
        let list = entries.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
            .map { SymmetryTangent.Entry(index: $0.key, exact: $0.value.exact, numeric: $0.value.numeric) }
        return list.isEmpty ? nil : SymmetryTangent(kind: kind, category: category, scope: scope, entries: list)
    }
}

extension SymmetryTangent {
    /// Every tangent the known rules produce for `network`, given how a batch sees its kinked
    /// units (`coverage`; empty for networks without kinks). See ``Kind`` for the rules.
    public static func all(for network: Network, coverage: [KinkCoverage] = []) -> [SymmetryTangent] {
        all(graph: ParameterGraph(network), coverage: coverage)
    }

    static func all(graph g: ParameterGraph, coverage: [KinkCoverage]) -> [SymmetryTangent] {
        let network = g.network
        let L = network.layers.count
        var dead = Set<UnitID>()
        var slopeOnBatch: [UnitID: Rational] = [:]
        for c in coverage {
            switch c.behaviour {
            case .dead: dead.insert(c.unit)
            case .linear(let s): slopeOnBatch[c.unit] = s
            case .crossed: break
            }
        }
        var out: [SymmetryTangent] = []
        let hiddenLayers = Array(1..<max(1, L))

        // Rescaling of positively homogeneous hidden units.
        for l in hiddenLayers where network.layers[l - 1].activation.isPositivelyHomogeneous && !network.layers[l - 1].activation.isLinear {
            for u in g.units(ofLayer: l) {
                var b = TangentBuilder()
                for p in g.ownParameters(u) { b.add(p.index, Coefficient(p.value)) }
                for e in g.outgoing[u] ?? [] { b.add(e.index, Coefficient(-e.value)) }
                if let t = b.tangent(.rescaling(u), .rescaling, .function) { out.append(t) }
            }
        }

        // Units acting linearly: whole linear layers, and units linear on the batch.
        for l in hiddenLayers {
            let act = network.layers[l - 1].activation
            var groups: [(units: [UnitID], slopes: [UnitID: Rational], scope: Scope, category: Category)] = []
            if act.isLinear, let s = act.linearPieces?.positive {
                let units = g.units(ofLayer: l)
                groups.append((units, Dictionary(uniqueKeysWithValues: units.map { ($0, s) }), .function, .linearLayer))
            } else {
                let units = g.units(ofLayer: l).filter { slopeOnBatch[$0] != nil }
                if !units.isEmpty { groups.append((units, slopeOnBatch, .batch, .linearOnBatch)) }
            }
            for group in groups {
                for i in group.units {
                    for j in group.units where i != j || group.scope == .function {
                        var b = TangentBuilder()
                        for e in g.incoming[j] ?? [] { b.add(g.edgeIndex(from: e.other, to: i), Coefficient(e.value)) }
                        if let bj = g.bias[j] { b.add(g.bias[i]?.index, Coefficient(bj.value)) }
                        let ratio = group.slopes[i]! / group.slopes[j]!
                        for e in g.outgoing[i] ?? [] { b.add(g.edgeIndex(from: j, to: e.other), Coefficient(-ratio * e.value)) }
                        if let t = b.tangent(.linearMixing(into: i, from: j), group.category, group.scope) { out.append(t) }
                    }
                    guard let bias = g.bias[i] else { continue }
                    var b = TangentBuilder()
                    b.add(bias.index, Coefficient(1))
                    for e in g.outgoing[i] ?? [] { b.add(g.bias[e.other]?.index, Coefficient(-group.slopes[i]! * e.value)) }
                    if let t = b.tangent(.biasAbsorption(i), group.category, group.scope) { out.append(t) }
                }
            }
        }

        // Units whose output reaches no output (all outgoing weights 0, cascading through
        // duplicate classes whose merged outgoing weights cancel).
        let relevant = g.relevantUnits()
        var batchRelevant = Set(g.units(ofLayer: L).filter { !dead.contains($0) })
        for l in hiddenLayers.reversed() {
            for u in g.units(ofLayer: l) {
                let edges = (g.outgoing[u] ?? []).filter { !$0.value.isZero }
                if !dead.contains(u) && edges.contains(where: { batchRelevant.contains($0.other) }) { batchRelevant.insert(u) }
            }
        }
        for l in hiddenLayers {
            for u in g.units(ofLayer: l) where !relevant.contains(u) {
                for p in g.ownParameters(u) {
                    var b = TangentBuilder()
                    b.add(p.index, Coefficient(1))
                    if let t = b.tangent(.irrelevantParameter(unit: u, index: p.index), .removableUnit, .function) { out.append(t) }
                }
            }
        }

        // Dead on the batch, and units feeding only dead units.
        for l in 1...L {
            for u in g.units(ofLayer: l) where dead.contains(u) || (relevant.contains(u) && !batchRelevant.contains(u)) {
                var params = g.ownParameters(u).map(\.index)
                if dead.contains(u) { params += (g.outgoing[u] ?? []).map(\.index) }
                for index in params {
                    var b = TangentBuilder()
                    b.add(index, Coefficient(1))
                    let kind: Kind = dead.contains(u) ? .deadOnBatch(unit: u, index: index) : .irrelevantOnBatch(unit: u, index: index)
                    if let t = b.tangent(kind, .deadOnBatch, .batch) { out.append(t) }
                }
            }
        }

        // Duplicate units: proportional incoming parameters.
        for l in hiddenLayers {
            let act = network.layers[l - 1].activation
            let units = g.units(ofLayer: l)
            for (a, i) in units.enumerated() {
                for j in units[(a + 1)...] {
                    guard let c = proportionality(g.ownParameters(i), g.ownParameters(j)),
                        let (rho, kappa) = act.homogeneity(at: c)
                    else { continue }
                    let targets = Set((g.outgoing[i] ?? []).map(\.other) + (g.outgoing[j] ?? []).map(\.other)).sorted()
                    // First order: ∂f/∂θ_j,p = (ρ/c)·(v_j/v_i)·∂f/∂θ_i,p when the outgoing weight
                    // vectors are proportional, so α·e_i,p + β·e_j,p is null with
                    // α·v_ki + β·(ρ/c)·v_kj = 0 for every k.
                    let vi = targets.map { k in (g.outgoing[i] ?? []).first { $0.other == k }?.value ?? .zero }
                    let vj = targets.map { k in ((g.outgoing[j] ?? []).first { $0.other == k }?.value ?? .zero) * rho / c }
                    if let pivot = vi.firstIndex(where: { !$0.isZero }),
                        (0..<vi.count).allSatisfy({ vi[$0] * vj[pivot] == vj[$0] * vi[pivot] }) {
                        let alpha = vj[pivot], beta = -vi[pivot]
                        for (p, q) in zip(g.ownParameters(i), g.ownParameters(j)) {
                            var b = TangentBuilder()
                            b.add(p.index, Coefficient(alpha))
                            b.add(q.index, Coefficient(beta))
                            if let t = b.tangent(.duplicateIncoming(first: i, second: j, index: p.index), .duplicateUnits, .firstOrder) { out.append(t) }
                        }
                    }
                    for k in targets {
                        var b = TangentBuilder()
                        b.add(g.edgeIndex(from: i, to: k), Coefficient(rho))
                        b.add(g.edgeIndex(from: j, to: k), Coefficient(-1))
                        b.add(g.bias[k]?.index, Coefficient(kappa))
                        if let t = b.tangent(.duplicatePair(first: i, second: j, downstream: k), .duplicateUnits, .function) { out.append(t) }
                    }
                }
            }
        }

        // Constant units: every incoming weight 0.
        for l in hiddenLayers {
            let act = network.layers[l - 1].activation
            for u in g.units(ofLayer: l) where (g.incoming[u] ?? []).allSatisfy({ $0.value.isZero }) {
                let bu = g.bias[u]?.value ?? .zero
                let value = act.exactValue(bu).map { Coefficient($0) } ?? Coefficient(numeric: act.value(bu.doubleValue))
                for e in g.outgoing[u] ?? [] {
                    var b = TangentBuilder()
                    b.add(e.index, Coefficient(1))
                    b.add(g.bias[e.other]?.index, -value)
                    if let t = b.tangent(.constantUnit(u, downstream: e.other), .constantUnit, .function) { out.append(t) }
                }
                if let biasIndex = g.bias[u]?.index, let slope = act.slope(at: bu) {
                    var b = TangentBuilder()
                    b.add(biasIndex, Coefficient(1))
                    for e in g.outgoing[u] ?? [] { b.add(g.bias[e.other]?.index, -(slope * Coefficient(e.value))) }
                    if let t = b.tangent(.constantUnit(u, downstream: nil), .constantUnit, .function) { out.append(t) }
                }
            }
            // Pairs of constant units with proportional outgoing weights (v_u′ = r·v_u): with
            // s = act′(b_u), s′ = act′(b_u′) the incoming weights from one source j trade as
            // s′·r·e_uj − s·e_u′j to first order.
            let constants = g.units(ofLayer: l).filter { u in (g.incoming[u] ?? []).allSatisfy { $0.value.isZero } }
            for (a, u) in constants.enumerated() {
                for w in constants[(a + 1)...] {
                    let bu = g.bias[u]?.value ?? .zero, bw = g.bias[w]?.value ?? .zero
                    guard let s = act.slope(at: bu), let sw = act.slope(at: bw), !s.isZero, !sw.isZero,
                        let r = outgoingRatio(g, u, w)
                    else { continue }
                    for e in g.incoming[u] ?? [] {
                        var b = TangentBuilder()
                        b.add(e.index, sw * Coefficient(r))
                        b.add(g.edgeIndex(from: e.other, to: w), -s)
                        if let t = b.tangent(.constantPair(first: u, second: w, index: e.index), .constantUnit, .firstOrder) { out.append(t) }
                    }
                }
            }
        }
        return out
    }

    /// r with v_kw = r·v_ku for every unit k fed by u or w (r ≠ 0; u has a nonzero outgoing
    /// weight); `nil` when the outgoing weight vectors are not proportional.
    static func outgoingRatio(_ g: ParameterGraph, _ u: UnitID, _ w: UnitID) -> Rational? {
        let targets = Set((g.outgoing[u] ?? []).map(\.other) + (g.outgoing[w] ?? []).map(\.other)).sorted()
        let vu = targets.map { k in (g.outgoing[u] ?? []).first { $0.other == k }?.value ?? .zero }
        let vw = targets.map { k in (g.outgoing[w] ?? []).first { $0.other == k }?.value ?? .zero }
        guard let pivot = vu.firstIndex(where: { !$0.isZero }) else { return nil }
        let r = vw[pivot] / vu[pivot]
        guard !r.isZero, zip(vu, vw).allSatisfy({ r * $0.0 == $0.1 }) else { return nil }
        return r
    }

    /// The duplicate classes of layer ℓ: units whose own parameters are c·θ_rep with
    /// act(c·z) = ρ·act(z) + κ, as (unit, ρ) pairs (the representative first, ρ = 1).
    static func duplicateClasses(_ g: ParameterGraph, layer l: Int) -> [[(unit: UnitID, rho: Rational)]] {
        let act = g.network.layers[l - 1].activation
        var classes: [[(unit: UnitID, rho: Rational)]] = []
        var assigned = Set<UnitID>()
        let units = g.units(ofLayer: l)
        for (a, i) in units.enumerated() where !assigned.contains(i) {
            var members: [(unit: UnitID, rho: Rational)] = [(i, 1)]
            for j in units[(a + 1)...] where !assigned.contains(j) {
                guard let c = proportionality(g.ownParameters(i), g.ownParameters(j)), let (rho, _) = act.homogeneity(at: c) else { continue }
                members.append((j, rho))
                assigned.insert(j)
            }
            classes.append(members)
        }
        return classes
    }

    /// c with θ_j = c·θ_i entrywise (θ_i ≠ 0), where both lists have the same parameters in
    /// the same order (same sources, same bias presence); `nil` otherwise.
    static func proportionality(_ a: [(index: Int, value: Rational)], _ b: [(index: Int, value: Rational)]) -> Rational? {
        guard a.count == b.count, let pivot = a.firstIndex(where: { !$0.value.isZero }) else { return nil }
        let c = b[pivot].value / a[pivot].value
        guard !c.isZero else { return nil }
        for k in 0..<a.count where b[k].value != c * a[k].value { return nil }
        return c
    }
}

extension Activation {
    /// (ρ, κ) with act(c·z) = ρ·act(z) + κ for every z, when the activation's properties give
    /// one: c = 1 (ρ = 1); c > 0 and positively homogeneous (ρ = c); c = −1 and odd up to the
    /// constant K (ρ = −1, κ = K); c < 0 and even and positively homogeneous (ρ = −c).
    func homogeneity(at c: Rational) -> (Rational, Rational)? {
        if c.isOne { return (1, 0) }
        if c.signum > 0 && isPositivelyHomogeneous { return (c, 0) }
        if (-c).isOne, let k = oddOffset { return (-1, k) }
        if c.signum < 0 && isEven && isPositivelyHomogeneous { return (-c, 0) }
        return nil
    }

    /// act′(b) as a coefficient: exact for piecewise-linear activations off their kink and for
    /// tanh-form activations at 0 (β·γ); `Double` otherwise; `nil` at a kink.
    func slope(at b: Rational) -> Coefficient? {
        if isPiecewiseLinear { return exactDerivative(b).map { Coefficient($0) } }
        if let form = tanhForm, b.isZero { return Coefficient(form.scale * form.inner) }
        return Coefficient(numeric: derivative(b.doubleValue))
    }
}

extension ParameterGraph {
    /// The units whose parameters the function can depend on. Backwards from the outputs: a unit
    /// is *inert* when it is irrelevant or belongs to a **null class** — a duplicate class
    /// (``SymmetryTangent/duplicateClasses(_:layer:)``) whose merged outgoing weights
    /// Σ_m ρ_m·v_km vanish into every non-inert unit k, so the class adds only a constant there.
    /// A hidden unit is **irrelevant** (not returned) when every nonzero outgoing weight leads to
    /// an inert unit: perturbing its output keeps every downstream class a duplicate class
    /// (members have proportional incoming weights), so no output changes
    /// (`proofs/null-space-attribution.md`, "Irrelevant parameters").
    func relevantUnits() -> Set<UnitID> {
        let L = network.layers.count
        var relevant = Set(units(ofLayer: L))
        var inert = Set<UnitID>()
        guard L > 1 else { return relevant }
        for l in (1..<L).reversed() {
            for u in units(ofLayer: l) {
                let edges = (outgoing[u] ?? []).filter { !$0.value.isZero }
                if edges.contains(where: { !inert.contains($0.other) }) { relevant.insert(u) } else { inert.insert(u) }
            }
            for members in SymmetryTangent.duplicateClasses(self, layer: l) where members.count > 1 {
                var merged: [UnitID: Rational] = [:]
                for m in members {
                    for e in outgoing[m.unit] ?? [] where !inert.contains(e.other) { merged[e.other, default: .zero] += m.rho * e.value }
                }
                if merged.values.allSatisfy(\.isZero) { for m in members { inert.insert(m.unit) } }
            }
        }
        return relevant
    }
}
