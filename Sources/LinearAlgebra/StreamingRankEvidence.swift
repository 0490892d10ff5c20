/// What a streaming rank has established, with the numbers that support the cut.
public struct StreamingRankEvidence: Sendable, Equatable {
    /// Rows read and rank found.
    public let rowsRead: Int
    public let rank: Int
    /// The relative threshold τ: a row adds rank when ‖Nᵀa‖ > τ·‖a‖.
    public let threshold: Double
    /// The smallest relative null-space component of a row that was selected (∞ when none was).
    public let smallestSelectedComponent: Double
    /// The largest relative null-space component of a row that was rejected (0 when none was).
    public let largestRejectedComponent: Double
    /// ‖E‖_F, the rejected rows' absolute components off the selected rows' span: an upper bound
    /// on σ_{r+1}(J) (J = rows read).
    public let rejectedResidualNorm: Double
    /// Cut is ambiguous: a selected or rejected row has a component within `ambiguityRatio` of τ.
    public func isAmbiguous(ambiguityRatio: Double) -> Bool {
        smallestSelectedComponent < threshold * ambiguityRatio || largestRejectedComponent * ambiguityRatio > threshold
    }
}
