import Exact
import Networks

/// The batch of a data-set domain (``InputDomain/data(points:)``): the data itself.
extension Sampler {
    /// Every point of the data set when it has at most ``SamplingBudget/firstPoints`` points,
    /// else a seeded uniform subset of that many (a partial Fisher–Yates shuffle), in data
    /// order. Points on a kink — exactly, or within round-off when signs are decided in `Double` —
    /// have no Jacobian row: they are left out and counted in ``SampleBatch/dataOnKink``.
    mutating func addData(_ points: [[Rational]]) throws(RankError) {
        batch.dataSetSize = points.count
        var chosen = Array(points.indices)
        let count = Swift.min(points.count, budget.firstPoints)
        if count < points.count {
            for i in 0..<count { chosen.swapAt(i, i + Int(rng.nextBits(32) % UInt64(points.count - i))) }
            chosen = chosen.prefix(count).sorted()
        }
        for k in chosen where try !add(points[k], origin: .data) { batch.dataOnKink += 1 }
    }
}
