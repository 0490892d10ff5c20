/// The sample stage of a rank analysis: the batch of inputs the Jacobian is evaluated at, and
/// how that batch sees each unit with a kink.
///
/// ``Sampler`` is the implementation in use. A replacement conforms to this protocol; the other
/// stages only read ``batch`` and ``coverage()``.
protocol SampleStage {
    /// The points drawn so far, in the order they were drawn.
    var batch: SampleBatch { get }
    var budget: SamplingBudget { get }
    /// How the batch sees each unit whose activation has a kink (empty without kinks).
    func coverage() -> [KinkCoverage]
    /// Draws the first batch (``SamplingBudget/firstPoints`` random points, and the points that
    /// make the batch see kinked units on both sides).
    mutating func sampleFirstBatch() throws(RankError)
    /// Adds points after a round whose rank fell short of the bound: `count` random points and,
    /// for a stage that searches for them, points where the batch's null directions move the
    /// outputs. `nullBasis` gives an orthonormal basis (rows) of the batch Jacobian's kernel; it
    /// costs an SVD, so a stage calls it only when it uses it.
    /// Returns whether it searched for points where the null directions move (a directed search
    /// that found none is evidence that the remaining directions are degenerate on the domain).
    @discardableResult
    mutating func grow(by count: Int, nullBasis: () throws(RankError) -> [[Double]]) throws(RankError) -> Bool
    /// Keeps the first `count` points only (a round ended before the rest were factored).
    mutating func keepFirst(_ count: Int)
}

extension SampleStage {
    /// Grows by `count` points without a null basis (no directed search).
    mutating func grow(by count: Int) throws(RankError) { try grow(by: count, nullBasis: { () throws(RankError) in [] }) }
}
