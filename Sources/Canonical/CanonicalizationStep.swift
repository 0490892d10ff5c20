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

extension CanonicalizationStep {
    /// The `op` of the step's JSON form.
    public var operation: String {
        switch self {
        case .permute: return "permute"
        case .scale: return "scale"
        case .flip: return "flip"
        case .remove: return "remove"
        case .fold: return "fold"
        case .merge: return "merge"
        case .clear: return "clear"
        case .linearNormalForm: return "linear_normal_form"
        }
    }

    /// The fields after `op` of the step's one JSON form (its `Codable` form, and the steps of
    /// `nnid canon --format json`).
    public var operands: [StepOperand] {
        func unit(_ id: UnitID) -> StepOperand { StepOperand(key: "unit", value: .text(id.description)) }
        func layer(_ l: Int) -> StepOperand { StepOperand(key: "layer", value: .integer(l)) }
        switch self {
        case .permute(let l, let order): return [layer(l), StepOperand(key: "order", value: .integers(order))]
        case .scale(let u, let factor): return [unit(u), StepOperand(key: "factor", value: .text(factor.description))]
        case .flip(let u), .remove(let u), .clear(let u): return [unit(u)]
        case .fold(let u, let value): return [unit(u), StepOperand(key: "value", value: .constant(value))]
        case .merge(let u, let into): return [unit(u), StepOperand(key: "into", value: .text(into.description))]
        case .linearNormalForm(let l, let rank): return [layer(l), StepOperand(key: "rank", value: .integer(rank))]
        }
    }
}

extension CanonicalizationStep: Codable {
    private struct Key: CodingKey {
        let stringValue: String
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
    private enum TermKey: String, CodingKey { case coefficient, argument }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode(operation, forKey: Key("op"))
        for operand in operands {
            let key = Key(operand.key)
            switch operand.value {
            case .integer(let n): try c.encode(n, forKey: key)
            case .integers(let ns): try c.encode(ns, forKey: key)
            case .text(let text): try c.encode(text, forKey: key)
            case .constant(let value) where value.isRational: try c.encode(value.rational.description, forKey: key)
            case .constant(let value):
                var nested = c.nestedContainer(keyedBy: Key.self, forKey: key)
                try nested.encode(value.rational.description, forKey: Key("rational"))
                var terms = nested.nestedUnkeyedContainer(forKey: Key("tanh"))
                for term in value.terms {
                    var t = terms.nestedContainer(keyedBy: TermKey.self)
                    try t.encode(term.coefficient.description, forKey: .coefficient)
                    try t.encode(term.argument.description, forKey: .argument)
                }
            }
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        func text(_ key: String) throws -> String { try c.decode(String.self, forKey: Key(key)) }
        func integer(_ key: String) throws -> Int { try c.decode(Int.self, forKey: Key(key)) }
        func exact(_ text: String, _ key: String) throws -> Rational { try Rational(codingText: text, key: Key(key), in: c) }
        func unit(_ key: String = "unit") throws -> UnitID {
            guard let id = UnitID(parsing: try text(key)) else {
                throw DecodingError.dataCorruptedError(forKey: Key(key), in: c, debugDescription: "expected a unit such as layer1.unit0")
            }
            return id
        }
        func constant() throws -> SymbolicConstant {
            if let q = try? text("value") { return SymbolicConstant(try exact(q, "value")) }
            let nested = try c.nestedContainer(keyedBy: Key.self, forKey: Key("value"))
            let q = try Rational(codingText: nested.decode(String.self, forKey: Key("rational")), key: Key("rational"), in: nested)
            var terms = try nested.nestedUnkeyedContainer(forKey: Key("tanh"))
            var pairs: [(coefficient: Rational, argument: Rational)] = []
            while !terms.isAtEnd {
                let t = try terms.nestedContainer(keyedBy: TermKey.self)
                pairs.append((try Rational(codingText: t.decode(String.self, forKey: .coefficient), key: .coefficient, in: t),
                              try Rational(codingText: t.decode(String.self, forKey: .argument), key: .argument, in: t)))
            }
            return SymbolicConstant(rational: q, tanhTerms: pairs)
        }
        switch try text("op") {
        case "permute": self = .permute(layer: try integer("layer"), order: try c.decode([Int].self, forKey: Key("order")))
        case "scale": self = .scale(unit: try unit(), factor: try exact(text("factor"), "factor"))
        case "flip": self = .flip(unit: try unit())
        case "remove": self = .remove(unit: try unit())
        case "fold": self = .fold(unit: try unit(), value: try constant())
        case "merge": self = .merge(unit: try unit(), into: try unit("into"))
        case "clear": self = .clear(unit: try unit())
        case "linear_normal_form": self = .linearNormalForm(layer: try integer("layer"), rank: try integer("rank"))
        case let op: throw DecodingError.dataCorruptedError(forKey: Key("op"), in: c, debugDescription: "unknown step \"\(op)\"")
        }
    }
}
