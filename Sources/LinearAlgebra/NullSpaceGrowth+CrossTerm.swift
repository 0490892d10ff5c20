extension NullSpaceGrowth {
    /// The second pass's reader for the coupling of the s new directions (``GrowthCrossTerm``),
    /// from this round's N and the SVD of C (``spectrum()``).
    public func crossTerm(yt: Matrix<Double>, values: [Double], newDirections s: Int) -> GrowthCrossTerm {
        GrowthCrossTerm(basis: basis, yt: yt, values: values, newDirections: s)
    }
}
