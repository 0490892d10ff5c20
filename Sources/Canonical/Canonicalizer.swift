import Exact
import LinearAlgebra
import Networks
import Symmetries

/// Computes the canonical form of a network: a normal form of its orbit under the known
/// symmetries, after the exact reductions, together with the steps that produce it.
///
/// **Algorithm.** Repeat full passes over the hidden layers, front to back, until a pass changes
/// nothing. For a linear hidden layer: its linear normal form
/// (``WorkingNetwork/linearNormalForm(_:)``). For any other hidden layer ℓ, repeat until nothing
/// changes:
/// 1. remove units with zero outgoing weights;
/// 2. fold units with zero incoming weights into the receiving biases (when those layers have
///    biases, or act(b) = 0): their output act(b) is a constant, added exactly — a rational, or
///    for a tanh-form activation at b ≠ 0 the irrational q + Σ c·tanh(r), kept symbolically
///    (``SymbolicConstant``). Reducibility is a property of the function: a smaller network
///    computes it, with a bias that happens to be irrational;
/// 3. normalise every unit's incoming vector v = (weights, by source layer; bias's scaling
///    coefficients, ``WorkingNetwork/incoming(_:_:)``):
///    scale so that max |vⱼ| = 1 if act is positively homogeneous (L∞ normal form: rational,
///    unlike L2); flip so the first nonzero vⱼ is positive if act is odd, even, or odd up to an
///    offset with biases downstream;
/// 4. merge duplicate units: incoming vectors c·each other with act(c·z) = ρ·act(z) + κ
///    (``Activation/duplicateRelation(_:_:)``; after step 3, identical ones), the outgoing
///    weights joining as the ``ScalingRelation/merge`` transfer;
/// then sort the units by their keys (exact weights and bias, ``WorkingNetwork/unitKey(_:_:)``;
/// lexicographic). The incoming vectors of ℓ read
/// layers < ℓ, which are already in canonical order, and distinct units have distinct vectors
/// after step 4, so the order is determined.
///
/// Every step preserves the function exactly (proofs/function-preservation.md) and the result
/// is the same for every network in the symmetry orbit (proofs/symmetry-invariance.md).
public struct Canonicalizer: Sendable {
    public var options: CanonicalizationOptions

    public init(options: CanonicalizationOptions = CanonicalizationOptions()) { self.options = options }

    public func canonicalize(_ network: Network) throws(CanonicalizationError) -> CanonicalForm {
        var run = Run(working: WorkingNetwork(network))
        let limit = options.maximumPasses ?? (network.hiddenUnits.count + 2)
        // Passes over the hidden layers, in order, until one applies no step. A layer whose
        // inputs have not changed since it was last normalised is at its fixed point and would
        // apply no step, so a pass visits only the layers next to one that changed (the layers
        // it reads from and the layers that read it): the same steps in the same order as full
        // passes, in time linear in the depth when a reduction cascades through the layers.
        let hidden = max(1, run.working.outputLayer)
        var pending = Array(1..<hidden)
        var passes = 0
        while !pending.isEmpty {
            passes += 1
            let before = run.steps.count
            var queue = LayerQueue(pending)
            var next = Set<Int>()
            while let l = queue.popFirst() {
                let stepsBefore = run.steps.count
                if run.working.layers[l - 1].activation.isLinear {
                    try run.normaliseLinearLayer(l)
                } else {
                    try run.normaliseLayer(l)
                }
                guard run.steps.count > stepsBefore else { continue }
                for k in run.working.neighbours(ofLayer: l) where k >= 1 && k < hidden {
                    if k > l { queue.insert(k) } else { next.insert(k) }
                }
            }
            pending = next.sorted()
            if run.steps.count > before && passes > limit {
                throw .invalidStep(index: run.steps.count, step: "pass \(passes)", reason: "the reductions did not reach a fixed point")
            }
        }
        let canonical = try run.working.network(like: network)
        let (constants, effective) = run.working.constantUnits()
        return CanonicalForm(
            network: canonical, record: CanonicalizationRecord(steps: run.steps),
            inputSymmetry: SymmetryGroupSummary(of: network), symmetry: SymmetryGroupSummary(of: canonical),
            removedUnits: run.removed, constants: constants, effectiveBiases: effective)
    }

    /// The state of one canonicalisation: the network so far, the steps and the removals.
    struct Run {
        var working: WorkingNetwork
        var steps: [CanonicalizationStep] = []
        var removed: [RemovedUnit] = []

        mutating func apply(_ step: CanonicalizationStep) throws(CanonicalizationError) {
            try working.apply(step, index: steps.count)
            steps.append(step)
        }

        mutating func normaliseLinearLayer(_ l: Int) throws(CanonicalizationError) {
            let form = working.linearNormalForm(l)
            guard form.changed else { return }
            let n = working.width(l)
            for i in form.rank..<max(form.rank, n) {
                removed.append(RemovedUnit(unit: working.layers[l - 1].origin[i], reason: .linearRank(rank: form.rank)))
            }
            // Apply through the checked path, so the record replays exactly what happened here.
            try apply(.linearNormalForm(layer: l, rank: form.rank))
        }

        mutating func normaliseLayer(_ l: Int) throws(CanonicalizationError) {
            let activation = working.layers[l - 1].activation
            while true {
                var changed = false
                // 1. Zero outgoing weights.
                for i in stride(from: working.width(l) - 1, through: 0, by: -1) where working.hasZeroOutgoingWeights(l, i) {
                    if working.width(l) > 1 {
                        removed.append(RemovedUnit(unit: working.layers[l - 1].origin[i], reason: .zeroOutgoing))
                        try apply(.remove(unit: UnitID(layer: l, unit: i)))
                        changed = true
                    } else if !working.incoming(l, i).allSatisfy(\.isZero) {
                        removed.append(RemovedUnit(unit: working.layers[l - 1].origin[i], reason: .zeroOutgoing))
                        try apply(.clear(unit: UnitID(layer: l, unit: i)))
                        changed = true
                    }
                }
                // 2. Constant units: act(b) exactly, rational or symbolic.
                for i in stride(from: working.width(l) - 1, through: 0, by: -1)
                where working.hasZeroIncomingWeights(l, i) && !working.hasZeroOutgoingWeights(l, i) {
                    guard let value = working.constantOutput(l, i) else { continue }
                    guard value.isZero || working.consumersHaveBiases(l) else { continue }
                    removed.append(RemovedUnit(unit: working.layers[l - 1].origin[i], reason: .constant(value)))
                    try apply(.fold(unit: UnitID(layer: l, unit: i), value: value))
                    changed = true
                }
                // 3. Scale and sign normal form.
                let flip = working.flipKind(ofLayer: l)
                for i in 0..<working.width(l) {
                    let unit = UnitID(layer: l, unit: i)
                    if activation.admitsScaling {
                        let largest = working.incoming(l, i).reduce(Rational.zero) { max($0, $1.magnitude) }
                        if !largest.isZero && !largest.isOne {
                            try apply(.scale(unit: unit, factor: Rational.one / largest))
                        }
                    }
                    if flip != nil, let first = working.incoming(l, i).first(where: { !$0.isZero }), first.signum < 0 {
                        try apply(.flip(unit: unit))
                    }
                }
                // 4. Duplicates (``Activation/duplicateRelation(_:_:)``; after step 3 their
                //    incoming vectors are identical).
                let merges = duplicateMerges(l)
                for (i, t) in merges.reversed() {
                    removed.append(RemovedUnit(unit: working.layers[l - 1].origin[i], reason: .duplicate(of: working.layers[l - 1].origin[t])))
                    try apply(.merge(unit: UnitID(layer: l, unit: i), into: UnitID(layer: l, unit: t)))
                    changed = true
                }
                if !changed { break }
            }
            // 5. Order: lexicographic in the normalised incoming vectors.
            let keys = (0..<working.width(l)).map { working.unitKey(l, $0) }
            let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
            if order != Array(keys.indices) { try apply(.permute(layer: l, order: order)) }
        }

        /// The merges of layer ℓ's duplicate units, as (unit, into) with into < unit: each unit
        /// into the first earlier unit it duplicates whose merge the receiving layers can absorb
        /// (``OutgoingTransfer/needsReceivingBiases``). Candidates share the incoming vector
        /// divided by its first nonzero entry, so a layer is scanned in one pass.
        func duplicateMerges(_ l: Int) -> [(unit: Int, into: Int)] {
            let biasesDownstream = working.consumersHaveBiases(l)
            var representatives: [[Rational]: [Int]] = [:]
            var merges: [(unit: Int, into: Int)] = []
            for i in 0..<working.width(l) {
                let v = working.incoming(l, i)
                let key = v.first(where: { !$0.isZero }).map { p in v.map { $0 / p } } ?? v
                let into = representatives[key, default: []].first { t in
                    working.duplicateRelation(l, i, of: t).map { !$0.merge.needsReceivingBiases || biasesDownstream } ?? false
                }
                if let into { merges.append((i, into)) } else { representatives[key, default: []].append(i) }
            }
            return merges
        }
    }
}

extension WorkingNetwork {
    /// The layers a step on layer ℓ can affect: those ℓ reads from and those that read ℓ.
    func neighbours(ofLayer l: Int) -> [Int] {
        layers[l - 1].connections.map(\.source) + consumers[l].map(\.layer)
    }

    /// The units with zero incoming weights that remain (their outputs are constants), and for
    /// each unit reading them its bias plus Σ w·act(b) as an exact symbolic constant.
    func constantUnits() -> ([ConstantUnit], [UnitID: SymbolicConstant]) {
        var constants: [ConstantUnit] = []
        var effective: [UnitID: SymbolicConstant] = [:]
        for l in 1..<max(1, outputLayer) {
            let layer = layers[l - 1]
            for i in 0..<layer.units where hasZeroIncomingWeights(l, i) && !hasZeroOutgoingWeights(l, i) {
                let unit = UnitID(layer: l, unit: i)
                let bias = layer.bias?[i] ?? SymbolicConstant()
                guard let value = constantOutput(l, i) else {
                    constants.append(ConstantUnit(unit: unit, value: nil, bias: bias, whyKept: .notRepresentable))
                    continue
                }
                let k = consumers[l].first { layers[$0.layer - 1].bias == nil }?.layer ?? l + 1
                constants.append(ConstantUnit(unit: unit, value: value, bias: bias, whyKept: .noBiasDownstream(layer: k)))
                for (k, c) in consumers[l] {
                    for (u, row) in layers[k - 1].connections[c].rows.enumerated() where !row[i].isZero {
                        let id = UnitID(layer: k, unit: u)
                        let start = effective[id] ?? layers[k - 1].bias?[u] ?? SymbolicConstant()
                        effective[id] = start + row[i] * value
                    }
                }
            }
        }
        return (constants, effective)
    }
}
