import Exact
import Networks

/// How a batch of inputs sees the units with a kink, as far as the symmetry rules care: units
/// dead on the batch (every pre-activation on a slope-0 piece) and units acting linearly on it
/// (every pre-activation on one piece of nonzero slope).
public struct BatchBehaviour: Sendable, Equatable {
    public var deadUnits: Set<UnitID>
    /// The slope each linearly acting unit shows on the batch.
    public var linearUnits: [UnitID: Rational]

    public init(deadUnits: Set<UnitID> = [], linearUnits: [UnitID: Rational] = [:]) {
        self.deadUnits = deadUnits
        self.linearUnits = linearUnits
    }

    /// No batch: the rules of the function alone.
    public static let none = BatchBehaviour()
}
