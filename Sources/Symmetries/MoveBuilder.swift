import Exact
import Networks

/// Collects the updates of one move; a move needing a parameter the architecture does not have
/// (an absent edge or bias) for a nonzero velocity is not a move of this network.
struct MoveBuilder {
    private(set) var updates: [SymmetryMove.Update] = []
    private(set) var invalid = false

    mutating func translate(_ index: Int?, _ c: Coefficient) {
        if c.isZero { return }
        guard let index else { invalid = true; return }
        updates.append(.translate(index: index, by: c))
    }

    /// The curve of an ``OutgoingTransfer`` of one outgoing weight w = θ_from: θ_from − t,
    /// θ_into + share·t, θ_bias + offset·t (at t = w the transfer itself).
    mutating func transfer(_ action: OutgoingTransfer, from: Int, into: Int?, bias: Int?) {
        translate(from, Coefficient(-1))
        if let share = action.share { translate(into, Coefficient(share)) }
        translate(bias, action.offset)
    }

    mutating func scale(_ index: Int, _ value: Rational, power: Int) {
        if !value.isZero { updates.append(.scale(index: index, value: value, power: power)) }
    }

    mutating func shift(_ index: Int?, weight: Rational, activation: Activation, at b: Rational, slope: Coefficient) {
        guard let index else { if !(slope * Coefficient(weight)).isZero { invalid = true }; return }
        updates.append(.activationShift(index: index, weight: weight, activation: activation, at: b, slope: slope))
    }

    func move(_ kind: SymmetryTangent.Kind, _ category: SymmetryTangent.Category, _ scope: SymmetryTangent.Scope) -> SymmetryMove? {
        guard !invalid else { return nil }
        let move = SymmetryMove(kind: kind, category: category, scope: scope, updates: updates)
        return move.tangent == nil ? nil : move
    }
}
