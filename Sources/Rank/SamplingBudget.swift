/// How many points the sample stage draws: the first batch, the growth step, and the ceiling.
///
/// The first batch aims at the rank bound B = P − rank(symmetry tangents) that the known
/// symmetries allow for a batch crossing every kink: ⌈B / outputs⌉ points plus slack
/// (``RankOptions/extraPoints``, default max(4, ⌈B / (4·outputs)⌉)), so that the common case
/// needs one round (see docs/rank-performance.md). A fixed ``RankOptions/points`` overrides it
/// and switches growth off.
struct SamplingBudget: Sendable, Equatable {
    /// Random points in the first batch.
    let firstPoints: Int
    /// The user fixed the point count: no growth, kink clusters only to repair one-sided units.
    let isFixed: Bool
    /// The batch never grows beyond this many points.
    let maximumPoints: Int
    /// Lines walked exactly per search (``RankOptions/lineWalks``; 0: no walks, no directed search).
    let lineWalks: Int

    init(firstPoints: Int, isFixed: Bool, maximumPoints: Int, lineWalks: Int = RankOptions().lineWalks) {
        self.firstPoints = firstPoints
        self.isFixed = isFixed
        self.maximumPoints = maximumPoints
        self.lineWalks = lineWalks
    }

    /// Points the first batch's line walks may add in regions whose pattern is merely new
    /// (rare sides of units are served up to ``placementPoints``): a tenth of the first batch,
    /// at least n + 1.
    func regionPoints(inputs: Int) -> Int { max(inputs + 1, firstPoints / 10) }

    /// Points the first batch may place beyond its random ones — kink clusters (at most three
    /// quarters of it, spread evenly over the units), then line-walk regions, then hit-and-run
    /// chains — in all: max(``firstPoints``, 4,096), within ``maximumPoints``. Without a cap a
    /// cluster of n + 1 points on each side of every kink makes the first batch 2·(n + 1)·units
    /// points (141,300 for a 784-30-30-30-10 network, 44 times its random points); with it the
    /// first batch stays within twice its random points once those exceed 4,096, and small
    /// networks (2·(n + 1)·units ≤ 3,072) are never capped.
    var placementPoints: Int { max(0, min(maximumPoints - firstPoints, max(firstPoints, Self.minimumPlacementPoints))) }

    /// The floor of ``placementPoints``.
    static let minimumPlacementPoints = 4096

    /// The budget of `options` for a network with `outputs` outputs whose symmetries allow rank at
    /// most `symmetryBound`. On a data set of `dataPoints` points the batch is the data — all of
    /// it, or a seeded subset of ``RankOptions/maximumPoints`` — and does not grow.
    init(options: RankOptions, symmetryBound: Int, outputs: Int, dataPoints: Int? = nil) {
        if let dataPoints {
            self.init(firstPoints: min(dataPoints, options.maximumPoints), isFixed: true, maximumPoints: options.maximumPoints, lineWalks: 0)
            return
        }
        let minimum = (symmetryBound + outputs - 1) / max(1, outputs)
        let first = options.points ?? min(options.maximumPoints, minimum + (options.extraPoints ?? max(4, (minimum + 3) / 4)))
        self.init(firstPoints: first, isFixed: options.points != nil, maximumPoints: options.maximumPoints, lineWalks: options.lineWalks)
    }

    /// Points to add after a round that left a batch of `count` points short of the bound:
    /// half as many again (at least 4), within the ceiling.
    func growthStep(from count: Int) -> Int { min(maximumPoints - count, max(4, count / 2)) }
}
