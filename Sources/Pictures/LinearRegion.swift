import Exact
import Networks

/// One linear region: a convex polygon on which every unit's activation pattern is constant,
/// so the network is one affine map there.
public struct LinearRegion: Hashable, Sendable {
    /// The region, exactly.
    public let polygon: ConvexPolygon
    /// The state of each unit with a kink, in the order of ``LinearRegions/kinkUnits``.
    public let pattern: [UnitState]
    /// `preActivations[ℓ][i]`: unit i of layer ℓ's pre-activation on this region as an affine
    /// function of the inputs (index 0 holds the inputs x and y themselves).
    public let preActivations: [[AffineFunction2]]
    /// The outputs on this region, each an affine function of the inputs.
    public let outputs: [AffineFunction2]

    /// The pattern as text, one symbol per kinked unit, layers separated by `|` (`+-+|-`).
    public func patternText(kinkUnits: [UnitID]) -> String {
        var text = ""
        for (k, state) in pattern.enumerated() {
            if k > 0, kinkUnits[k].layer != kinkUnits[k - 1].layer { text.append("|") }
            text.append(state.symbol)
        }
        return text
    }
}
