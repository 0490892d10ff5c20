import Exact
import LinearAlgebra

/// One parameter of a network: an edge weight or a bias.
public struct Parameter: Hashable, Sendable, CustomStringConvertible {
    public enum Role: Hashable, Sendable {
        /// The weight of the edge from `source` into the unit.
        case weight(from: UnitID)
        case bias
    }
    /// The unit the parameter belongs to (the receiving unit of a weight).
    public let unit: UnitID
    public let role: Role
    /// Whether the weight comes from the layer just before the unit's (the primary connection).
    let fromPreviousLayer: Bool

    public init(unit: UnitID, role: Role) {
        self.unit = unit
        self.role = role
        if case .weight(let from) = role { fromPreviousLayer = from.layer == unit.layer - 1 } else { fromPreviousLayer = false }
    }

    /// The stable readable name: `layer2.unit3.weight[1]` (from unit 1 of the previous layer),
    /// `layer3.unit0.weight[layer1.unit2]` (a skip connection), `layer2.unit3.bias`.
    public var description: String {
        switch role {
        case .bias: return "\(unit).bias"
        case .weight(let from):
            return fromPreviousLayer ? "\(unit).weight[\(from.unit)]" : "\(unit).weight[\(from)]"
        }
    }
}
