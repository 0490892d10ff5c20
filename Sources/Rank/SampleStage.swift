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
    /// Adds `count` random points after a round whose rank fell short of the bound.
    mutating func grow(by count: Int) throws(RankError)
}
