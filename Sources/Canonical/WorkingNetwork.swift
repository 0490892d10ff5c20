import Certified
import Exact
import LinearAlgebra
import Networks
import Symmetries

/// A mutable copy of a network laid out for the canonicaliser: weights as arrays of rows (so
/// units can be reordered and removed cheaply), connections sorted by source layer, all-true
/// edge masks dropped, and for every unit the input unit it came from.
///
/// The canonicaliser and ``CanonicalizationRecord/replay(on:)`` change it only through
/// ``apply(_:)`` — one implementation of each step, so a replay reproduces the canonical form
/// exactly.
struct WorkingNetwork {
    struct Connection {
        var source: Int
        /// rows[i][j]: weight from unit j of the source layer into unit i.
        var rows: [[Rational]]
        /// Which edges exist (`nil`: all of them).
        var present: [[Bool]]?
    }

    struct Layer {
        var activation: Activation
        var connections: [Connection]
        /// Exact biases: rational, or q + Σ c·tanh(r) where an irrational constant was folded in.
        var bias: [SymbolicConstant]?
        /// The unit of the original network each unit descends from (`nil`: created by a linear
        /// normal form).
        var origin: [UnitID?]
        var units: Int { origin.count }
    }

    let inputCount: Int
    /// `layers[ℓ − 1]` is layer ℓ.
    var layers: [Layer]
    /// (layer number, connection index) of every connection reading layer ℓ, indexed by ℓ.
    let consumers: [[(layer: Int, connection: Int)]]

    init(_ network: Network) {
        inputCount = network.inputCount
        layers = network.layers.enumerated().map { index, layer in
            let connections = layer.connections.sorted { $0.source < $1.source }.map { c in
                let mask = c.present.flatMap { m in m.elements.allSatisfy { $0 } ? nil : m.rowArrays }
                return Connection(source: c.source, rows: c.weights.rowArrays, present: mask)
            }
            return Layer(
                activation: layer.activation, connections: connections,
                bias: layer.bias.map { _ in (0..<layer.units).map(layer.biasValue) },
                origin: (0..<layer.units).map { UnitID(layer: index + 1, unit: $0) })
        }
        var readers = Array(repeating: [(layer: Int, connection: Int)](), count: network.layers.count + 1)
        for (index, layer) in layers.enumerated() {
            for (c, connection) in layer.connections.enumerated() { readers[connection.source].append((index + 1, c)) }
        }
        consumers = readers
    }

    /// The network these arrays describe, with `template`'s name, domain and metadata.
    func network(like template: Network) throws(CanonicalizationError) -> Network {
        var out: [Networks.Layer] = []
        for (index, layer) in layers.enumerated() {
            var connections: [Networks.Connection] = []
            for c in layer.connections {
                let columns = width(c.source)
                guard let weights = Matrix(rowArrays: c.rows, columns: columns) else {
                    throw .network(.invalid(place: "layer\(index + 1)", reason: "ragged weight rows"))
                }
                let mask = c.present.flatMap { Matrix(rowArrays: $0, columns: columns) }
                connections.append(Networks.Connection(source: c.source, weights: weights, present: mask))
            }
            var built = Networks.Layer(units: layer.units, activation: layer.activation, connections: connections, bias: nil)
            if let bias = layer.bias { built.setBiases(bias) }
            out.append(built)
        }
        do {
            return try Network(
                inputCount: inputCount, layers: out, name: template.name, inputDomain: template.inputDomain,
                metadata: template.metadata)
        } catch { throw .network(error) }
    }

    func width(_ l: Int) -> Int { l == 0 ? inputCount : layers[l - 1].units }
    var outputLayer: Int { layers.count }

    // MARK: Reading units

    /// The incoming weights of unit i of layer ℓ (connection by connection, by source) followed by
    /// its bias (0 when the layer has none): the vector the normal forms are computed from.
    func incoming(_ l: Int, _ i: Int) -> [Rational] {
        let layer = layers[l - 1]
        var v: [Rational] = []
        for c in layer.connections { v.append(contentsOf: c.rows[i]) }
        if let b = layer.bias?[i] { v.append(contentsOf: b.scalingCoefficients) } else { v.append(.zero) }
        return v
    }

    /// The unit's incoming weights and exact bias as one vector of rationals: ``incoming(_:_:)``
    /// for a rational bias, else the weights, q, then (rₖ, cₖ) for each term. Two units of one
    /// layer have equal keys iff they have equal weights and equal biases as real numbers
    /// (normal forms are unique: proofs/symbolic-constant-normal-form.md); the keys' lexicographic
    /// order is the canonical order of the layer's units.
    func unitKey(_ l: Int, _ i: Int) -> [Rational] {
        let layer = layers[l - 1]
        guard let b = layer.bias?[i], !b.isRational else { return incoming(l, i) }
        var v: [Rational] = []
        for c in layer.connections { v.append(contentsOf: c.rows[i]) }
        v.append(b.rational)
        for term in b.terms { v.append(term.argument); v.append(term.coefficient) }
        return v
    }

    /// The exact constant act(b) that unit i of layer ℓ outputs when its incoming weights are
    /// zero: ``SymbolicConstant/value(of:at:)`` for a rational b; for an irrational b and a
    /// piecewise-linear act, a·b or b'·b by the sign of b, decided by certified enclosures.
    /// `nil` when that is not a ``SymbolicConstant`` (tanh of an irrational constant) or the
    /// sign is not decided within its budget.
    func constantOutput(_ l: Int, _ i: Int) -> SymbolicConstant? {
        let layer = layers[l - 1]
        let b = layer.bias?[i] ?? SymbolicConstant()
        if b.isRational { return SymbolicConstant.value(of: layer.activation, at: b.rational) }
        guard let (negative, positive) = layer.activation.linearPieces, let sign = b.sign else { return nil }
        return (sign < 0 ? negative : positive) * b
    }

    /// Whether unit i of layer ℓ has all incoming weights zero (it computes the constant act(b)).
    func hasZeroIncomingWeights(_ l: Int, _ i: Int) -> Bool {
        layers[l - 1].connections.allSatisfy { $0.rows[i].allSatisfy(\.isZero) }
    }

    /// Whether every outgoing weight of unit i of layer ℓ is zero.
    func hasZeroOutgoingWeights(_ l: Int, _ i: Int) -> Bool {
        consumers[l].allSatisfy { k, c in layers[k - 1].connections[c].rows.allSatisfy { $0[i].isZero } }
    }

    /// Every layer that reads layer ℓ has biases (so constants and sigmoid flips can be absorbed).
    func consumersHaveBiases(_ l: Int) -> Bool {
        consumers[l].allSatisfy { k, _ in layers[k - 1].bias != nil }
    }

    /// The sign flip the units of layer ℓ admit here (``Activation/flipKind(readersHaveBiases:)``).
    func flipKind(ofLayer l: Int) -> FlipKind? {
        layers[l - 1].activation.flipKind(readersHaveBiases: consumersHaveBiases(l))
    }

    /// The duplicate relation of unit i of layer ℓ to unit t (``Activation/duplicateRelation(_:_:)``
    /// on their incoming vectors: incoming(ℓ, i) = c·incoming(ℓ, t)).
    /// A symbolic bias enters through its coefficients q, c₁, …; the relation holds only if the
    /// biases are then c-multiples as exact constants (same arguments rᵢ).
    func duplicateRelation(_ l: Int, _ i: Int, of t: Int) -> ScalingRelation? {
        guard let relation = layers[l - 1].activation.duplicateRelation(incoming(l, t), incoming(l, i)) else { return nil }
        if let bias = layers[l - 1].bias, !(bias[i].isRational && bias[t].isRational), bias[i] != relation.c * bias[t] { return nil }
        return relation
    }

    // MARK: Applying steps

    /// Applies one step, checking that it is valid here (so replaying a record on the wrong
    /// network throws instead of computing something else).
    mutating func apply(_ step: CanonicalizationStep, index: Int) throws(CanonicalizationError) {
        func fail(_ reason: String) -> CanonicalizationError { .invalidStep(index: index, step: step.description, reason: reason) }
        func check(_ unit: UnitID) throws(CanonicalizationError) {
            guard unit.layer >= 1, unit.layer < outputLayer else { throw fail("\(unit) is not a hidden unit") }
            guard unit.unit >= 0, unit.unit < width(unit.layer) else { throw fail("layer\(unit.layer) has \(width(unit.layer)) units") }
        }
        switch step {
        case .permute(let l, let order):
            guard l >= 1, l < outputLayer else { throw fail("layer\(l) is not a hidden layer") }
            guard order.count == width(l), Set(order) == Set(0..<width(l)) else { throw fail("not a permutation of layer\(l)'s units") }
            permute(l, order)
        case .scale(let unit, let factor):
            try check(unit)
            guard factor.signum > 0, let relation = layers[unit.layer - 1].activation.scalingRelation(at: factor), relation.rho == factor
            else { throw fail("the activation admits no rescaling by \(factor)") }
            transform(unit.layer, unit.unit, by: relation)
        case .flip(let unit):
            try check(unit)
            guard flipKind(ofLayer: unit.layer) != nil, let relation = layers[unit.layer - 1].activation.scalingRelation(at: -1) else {
                throw fail("the activation admits no sign flip here")
            }
            transform(unit.layer, unit.unit, by: relation)
        case .remove(let unit):
            try check(unit)
            guard hasZeroOutgoingWeights(unit.layer, unit.unit) else { throw fail("the unit has nonzero outgoing weights") }
            guard width(unit.layer) > 1 else { throw fail("the last unit of a layer is cleared, not removed") }
            removeUnit(unit.layer, unit.unit)
        case .fold(let unit, let value):
            try check(unit)
            guard hasZeroIncomingWeights(unit.layer, unit.unit) else { throw fail("the unit has nonzero incoming weights") }
            guard constantOutput(unit.layer, unit.unit) == value else { throw fail("the unit's constant output is not \(value)") }
            // ``Activation/constantFold(bias:)`` with its offset exact: act(b) as a symbolic constant.
            let fold = OutgoingTransfer(share: nil, offset: Coefficient(exact: value.isRational ? value.rational : nil, numeric: value.doubleValue))
            try transfer(unit.layer, unit.unit, fold, offset: value, into: nil, fail)
            if width(unit.layer) > 1 { removeUnit(unit.layer, unit.unit) } else { clear(unit.layer, unit.unit) }
        case .merge(let unit, let into):
            try check(unit)
            try check(into)
            guard unit.layer == into.layer, unit.unit != into.unit else { throw fail("merging needs two units of one layer") }
            guard let relation = duplicateRelation(unit.layer, unit.unit, of: into.unit) else {
                throw fail("the unit is not a duplicate of \(into)")
            }
            try transfer(unit.layer, unit.unit, relation.merge, offset: SymbolicConstant(relation.kappa), into: into.unit, fail)
            removeUnit(unit.layer, unit.unit)
        case .clear(let unit):
            try check(unit)
            guard hasZeroOutgoingWeights(unit.layer, unit.unit) else { throw fail("the unit has nonzero outgoing weights") }
            clear(unit.layer, unit.unit)
        case .linearNormalForm(let l, let rank):
            guard l >= 1, l < outputLayer, layers[l - 1].activation.isLinear else { throw fail("layer\(l) is not a linear hidden layer") }
            let form = linearNormalForm(l)
            guard form.rank == rank else { throw fail("the layer carries a map of rank \(form.rank)") }
            layers = form.layers
        }
    }

    // MARK: Primitive operations (preconditions checked by `apply`)

    private mutating func permute(_ l: Int, _ order: [Int]) {
        var layer = layers[l - 1]
        for c in layer.connections.indices {
            layer.connections[c].rows = order.map { layer.connections[c].rows[$0] }
            if let mask = layer.connections[c].present { layer.connections[c].present = order.map { mask[$0] } }
        }
        if let bias = layer.bias { layer.bias = order.map { bias[$0] } }
        layer.origin = order.map { layer.origin[$0] }
        layers[l - 1] = layer
        for (k, c) in consumers[l] {
            for u in layers[k - 1].connections[c].rows.indices {
                let row = layers[k - 1].connections[c].rows[u]
                layers[k - 1].connections[c].rows[u] = order.map { row[$0] }
                if let mask = layers[k - 1].connections[c].present?[u] {
                    layers[k - 1].connections[c].present![u] = order.map { mask[$0] }
                }
            }
        }
    }

    /// The finite action of `relation` (act(c·z) = ρ·act(z) + κ, ``ScalingRelation``) on unit i
    /// of layer ℓ: incoming weights and bias times c, every outgoing weight w ↦ w/ρ and its
    /// receiving bias b ↦ b − w·κ/ρ. The scale step is c > 0 (ρ = c), the flip step c = −1.
    private mutating func transform(_ l: Int, _ i: Int, by relation: ScalingRelation) {
        let c = relation.c
        for k in layers[l - 1].connections.indices {
            for j in layers[l - 1].connections[k].rows[i].indices where !layers[l - 1].connections[k].rows[i][j].isZero {
                layers[l - 1].connections[k].rows[i][j] *= c
            }
        }
        if layers[l - 1].bias != nil, !layers[l - 1].bias![i].isZero { layers[l - 1].bias![i].multiply(by: c) }
        let inverse = Rational.one / relation.rho
        let shift = -relation.kappa * inverse
        for (kl, k) in consumers[l] {
            for u in layers[kl - 1].connections[k].rows.indices {
                let w = layers[kl - 1].connections[k].rows[u][i]
                if w.isZero { continue }
                if !shift.isZero { layers[kl - 1].bias![u].addProduct(shift, w) }
                layers[kl - 1].connections[k].rows[u][i] = w * inverse
            }
        }
    }

    /// The ``OutgoingTransfer`` `action` on unit i of layer ℓ (its offset, exact, is `offset`):
    /// every outgoing weight w = v_ki becomes 0, v_kt gains share·w and b_k gains offset·w; the
    /// outgoing edges of i become edges of t. Throws (through `fail`) when offset ≠ 0 and a
    /// receiving layer has no biases.
    private mutating func transfer(
        _ l: Int, _ i: Int, _ action: OutgoingTransfer, offset: SymbolicConstant, into t: Int?,
        _ fail: (String) -> CanonicalizationError
    ) throws(CanonicalizationError) {
        guard !action.needsReceivingBiases || consumersHaveBiases(l) else { throw fail("a receiving layer has no biases") }
        if let t {
            for c in layers[l - 1].connections.indices {
                if let mask = layers[l - 1].connections[c].present {
                    layers[l - 1].connections[c].present![t] = zip(mask[t], mask[i]).map { $0 || $1 }
                }
            }
        }
        for (kl, c) in consumers[l] {
            for u in layers[kl - 1].connections[c].rows.indices {
                let w = layers[kl - 1].connections[c].rows[u][i]
                if let t, let mask = layers[kl - 1].connections[c].present?[u], mask[i] {
                    layers[kl - 1].connections[c].present![u][t] = true
                }
                if w.isZero { continue }
                if let t, let share = action.share { layers[kl - 1].connections[c].rows[u][t].addProduct(share, w) }
                if !offset.isZero { layers[kl - 1].bias![u].add(offset, times: w) }
                layers[kl - 1].connections[c].rows[u][i] = .zero
            }
        }
    }

    private mutating func clear(_ l: Int, _ i: Int) {
        for c in layers[l - 1].connections.indices {
            layers[l - 1].connections[c].rows[i] = Array(repeating: .zero, count: layers[l - 1].connections[c].rows[i].count)
        }
        if layers[l - 1].bias != nil { layers[l - 1].bias![i] = SymbolicConstant() }
        layers[l - 1].origin[i] = nil
    }

    private mutating func removeUnit(_ l: Int, _ i: Int) {
        for c in layers[l - 1].connections.indices {
            layers[l - 1].connections[c].rows.remove(at: i)
            layers[l - 1].connections[c].present?.remove(at: i)
        }
        layers[l - 1].bias?.remove(at: i)
        layers[l - 1].origin.remove(at: i)
        for (kl, c) in consumers[l] {
            for u in layers[kl - 1].connections[c].rows.indices {
                layers[kl - 1].connections[c].rows[u].remove(at: i)
                layers[kl - 1].connections[c].present?[u].remove(at: i)
            }
        }
    }
}
