import Exact
import Networks
import Symmetries

/// A unit of the input network that the canonical network does without.
public struct RemovedUnit: Sendable, Equatable, CustomStringConvertible {
    /// The unit's id in the **input** network (`nil` for a unit created by a linear normal form).
    public let unit: UnitID?
    public let reason: RemovalReason
    public init(unit: UnitID?, reason: RemovalReason) {
        self.unit = unit
        self.reason = reason
    }
    public var description: String { "\(unit.map(\.description) ?? "a normal-form unit"): \(reason)" }
}
