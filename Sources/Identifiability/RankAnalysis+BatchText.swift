extension RankAnalysis {
    /// "12 in regions found by line walks, 30 on rare sides of deep units, " — the batch's placed
    /// points by where they came from (kink clusters are named separately), the nonzero counts only.
    var placedPointsText: String {
        [
            (batch.lineWalkPointCount, "in regions found by line walks"),
            (batch.rareSidePointCount, "on rare sides of deep units (hit-and-run)"),
            (batch.unsaturatedPointCount, "where tanh units are unsaturated (hit-and-run)"),
            (batch.directedSearchPointCount, "from the directed search"),
        ].filter { $0.0 > 0 }.map { "\($0.0) \($0.1), " }.joined()
    }

    /// What the cap on the first batch's placed points left out, e.g. "first-batch placements
    /// capped at 4096 points: kink clusters of 90 units (layer1.unit0 … layer3.unit29) got 17
    /// points per side instead of n + 1 = 785; line walks stopped at the cap".
    static func describe(_ cap: PlacementCap) -> String {
        var parts: [String] = []
        if let first = cap.kinkUnits.first, let last = cap.kinkUnits.last {
            let units = cap.kinkUnits.count == 1 ? "\(first)" : "\(cap.kinkUnits.count) units (\(first) … \(last))"
            parts.append("kink clusters of \(units) got \(cap.kinkPointsPerSide) points per side instead of n + 1")
        }
        if !cap.stopped.isEmpty { parts.append(cap.stopped.joined(separator: ", ") + " stopped at the cap") }
        return "first-batch placements capped at \(cap.budget) points (max(random points, 4096), within the point budget): " + parts.joined(separator: "; ")
    }
}
