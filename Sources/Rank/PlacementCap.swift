import Networks

/// What the cap on the first batch's placed points (kink clusters, line-walk regions, chains)
/// left out: ``SamplingBudget/placementPoints`` bounds them so that the first batch stays near its
/// random points, whatever the number of units and inputs.
public struct PlacementCap: Sendable, Equatable {
    /// The cap: max(random points of the first batch, 4,096), within the point budget.
    public let budget: Int
    /// Units whose kink clusters got ``kinkPointsPerSide`` points per side instead of n + 1.
    public internal(set) var kinkUnits: [UnitID] = []
    public internal(set) var kinkPointsPerSide = 0
    /// The line walks, the rare-side chains or the saturation chains stopped at the cap.
    public internal(set) var stopped: [String] = []
}
