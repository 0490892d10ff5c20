import Exact
import Networks

/// One function-preserving operation of a canonicalisation, as recorded and replayed.
///
/// Units are named by their position **at the moment the step is applied** (removals shift the
/// later units of a layer down by one). Every step maps a network N to a network N′ with
/// f_N′(x) = f_N(x) for every input x (proofs/function-preservation.md).
public enum CanonicalizationStep: Sendable, Equatable {
    /// Reorder layer ℓ's units: new unit i is old unit `order[i]` (incoming rows, biases and
    /// outgoing columns move together).
    case permute(layer: Int, order: [Int])
    /// Multiply the unit's incoming weights and bias by `factor` > 0 and divide its outgoing
    /// weights by it. Exact for positively homogeneous activations: act(c·z)/c = act(z).
    case scale(unit: UnitID, factor: Rational)
    /// Negate the unit's incoming weights and bias; for an odd activation also its outgoing
    /// weights; for act(−z) = k − act(z) also add k·w_out to the receiving units' biases.
    case flip(unit: UnitID)
    /// Remove a unit whose outgoing weights are all zero (it contributes nothing).
    case remove(unit: UnitID)
    /// Remove a unit whose incoming weights are all zero: it outputs the constant
    /// `value` = act(b), which is added (times each outgoing weight) to the receiving biases —
    /// exactly, as a symbolic constant q + Σ c·tanh(r) when act(b) is irrational.
    /// The last unit of a layer is cleared instead of removed (a layer cannot be empty).
    case fold(unit: UnitID, value: SymbolicConstant)
    /// Add the unit's outgoing weights to those of `into`, a unit of the same layer with the
    /// same incoming weights and bias, and remove the unit.
    case merge(unit: UnitID, into: UnitID)
    /// Set a unit with zero outgoing weights to zero incoming weights and bias: the form kept
    /// when it is the last unit of its layer (a layer cannot be empty).
    case clear(unit: UnitID)
    /// Replace linear layer ℓ by the reduced row echelon normal form of the affine map it
    /// carries (see ``WorkingNetwork/linearNormalForm(_:)``); `rank` is its new width.
    case linearNormalForm(layer: Int, rank: Int)
}

/// Why a canonicalisation or a replay failed. `place` names the step or unit.
public enum CanonicalizationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A recorded step does not apply to the network it is replayed on.
    case invalidStep(index: Int, step: String, reason: String)
    /// The result is not a well-formed network (should not happen; reported, never trapped).
    case network(NetworkError)
    /// Two networks cannot be compared (different input or output counts).
    case incomparable(String)

    public var description: String {
        switch self {
        case .invalidStep(let index, let step, let reason): return "step \(index) (\(step)): \(reason)"
        case .network(let error): return "canonical network: \(error)"
        case .incomparable(let reason): return reason
        }
    }
}

extension CanonicalizationStep: CustomStringConvertible {
    /// One line, e.g. `scale layer1.unit2 by 1/4`.
    public var description: String {
        switch self {
        case .permute(let layer, let order): return "permute layer\(layer) to order [\(order.map(String.init).joined(separator: ", "))]"
        case .scale(let unit, let factor): return "scale \(unit) by \(factor)"
        case .flip(let unit): return "flip \(unit)"
        case .remove(let unit): return "remove \(unit) (zero outgoing weights)"
        case .fold(let unit, let value): return "fold \(unit) (constant \(value)) into the downstream biases"
        case .merge(let unit, let into): return "merge \(unit) into \(into)"
        case .clear(let unit): return "clear \(unit) (zero outgoing weights; last unit of its layer)"
        case .linearNormalForm(let layer, let rank): return "linear normal form of layer\(layer) (rank \(rank))"
        }
    }
}

extension CanonicalizationStep: Codable {
    private enum CodingKeys: String, CodingKey { case op, layer, unit, order, factor, value, into, rank }
    private enum Operation: String, Codable { case permute, scale, flip, remove, fold, merge, clear, linearNormalForm = "linear_normal_form" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        func put(_ unit: UnitID) throws {
            try c.encode(unit.layer, forKey: .layer)
            try c.encode(unit.unit, forKey: .unit)
        }
        switch self {
        case .permute(let layer, let order):
            try c.encode(Operation.permute, forKey: .op)
            try c.encode(layer, forKey: .layer)
            try c.encode(order, forKey: .order)
        case .scale(let unit, let factor):
            try c.encode(Operation.scale, forKey: .op)
            try put(unit)
            try c.encode(factor.description, forKey: .factor)
        case .flip(let unit):
            try c.encode(Operation.flip, forKey: .op)
            try put(unit)
        case .remove(let unit):
            try c.encode(Operation.remove, forKey: .op)
            try put(unit)
        case .fold(let unit, let value):
            try c.encode(Operation.fold, forKey: .op)
            try put(unit)
            // A rational constant as its exact text; an irrational one as {rational, terms}.
            if value.isRational { try c.encode(value.rational.description, forKey: .value) } else { try c.encode(value, forKey: .value) }
        case .merge(let unit, let into):
            try c.encode(Operation.merge, forKey: .op)
            try put(unit)
            try c.encode(into.unit, forKey: .into)
        case .clear(let unit):
            try c.encode(Operation.clear, forKey: .op)
            try put(unit)
        case .linearNormalForm(let layer, let rank):
            try c.encode(Operation.linearNormalForm, forKey: .op)
            try c.encode(layer, forKey: .layer)
            try c.encode(rank, forKey: .rank)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let op = try c.decode(Operation.self, forKey: .op)
        let layer = try c.decode(Int.self, forKey: .layer)
        func unit() throws -> UnitID { UnitID(layer: layer, unit: try c.decode(Int.self, forKey: .unit)) }
        switch op {
        case .permute: self = .permute(layer: layer, order: try c.decode([Int].self, forKey: .order))
        case .scale:
            self = .scale(unit: try unit(), factor: try Rational(codingText: c.decode(String.self, forKey: .factor), key: .factor, in: c))
        case .flip: self = .flip(unit: try unit())
        case .remove: self = .remove(unit: try unit())
        case .fold:
            if let text = try? c.decode(String.self, forKey: .value) {
                self = .fold(unit: try unit(), value: SymbolicConstant(try Rational(codingText: text, key: .value, in: c)))
            } else {
                self = .fold(unit: try unit(), value: try c.decode(SymbolicConstant.self, forKey: .value))
            }
        case .merge: self = .merge(unit: try unit(), into: UnitID(layer: layer, unit: try c.decode(Int.self, forKey: .into)))
        case .clear: self = .clear(unit: try unit())
        case .linearNormalForm: self = .linearNormalForm(layer: layer, rank: try c.decode(Int.self, forKey: .rank))
        }
    }
}
