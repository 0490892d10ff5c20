import Networks
import Testing
@testable import Rank

/// The first batch's placed points are bounded: kink clusters, line-walk regions and chains
/// together stay within ``SamplingBudget/placementPoints`` = max(random points, 4,096) and the
/// point budget, the clusters spread evenly over the units, and the batch says what the cap cut.
@Suite struct PlacementCapTests {
    /// A 120-16-1 ReLU network: full clusters would be 2·121·16 = 3,872 points, above the kink
    /// share ¾·4,096 = 3,072, so every unit gets ⌊3,072 / 32⌋ = 96 points per side.
    @Test func kinkClustersAreSpreadWithinTheCapAndTheCapIsSaid() throws {
        let net = try Fixtures.mlp([120, 16, 1], [.relu, .identity], seed: 7)
        let plan = try RankPlan(network: net, options: RankOptions())
        let budget = SamplingBudget(firstPoints: 200, isFixed: false, maximumPoints: 100_000)
        #expect(budget.placementPoints == 4096)
        var sampler = Sampler(network: net, domain: plan.domain, budget: budget, exactSigns: false, seed: 3)
        try sampler.sampleFirstBatch()
        #expect(sampler.batch.count <= 200 + 4096)
        let cap = try #require(sampler.batch.placementCap)
        #expect(cap.kinkUnits == sampler.kinkedUnits)
        #expect(cap.kinkPointsPerSide == 96)
        #expect(sampler.batch.kinkPointCount <= 2 * 96 * 16)
        for unit in sampler.kinkedUnits {
            let placed = sampler.batch.origins.filter { $0 == .kink(unit) }.count
            #expect(placed <= 2 * 96)
        }
        // The units are still seen on both sides.
        #expect(sampler.coverage().allSatisfy { $0.behaviour == .crossed })
    }

    /// The point budget bounds the placements too, and a small network is never capped.
    @Test func thePointBudgetBoundsThePlacementsAndSmallNetworksAreNotCapped() throws {
        let net = try Fixtures.mlp([120, 16, 1], [.relu, .identity], seed: 7)
        let plan = try RankPlan(network: net, options: RankOptions())
        let tight = SamplingBudget(firstPoints: 200, isFixed: false, maximumPoints: 600)
        #expect(tight.placementPoints == 400)
        var sampler = Sampler(network: net, domain: plan.domain, budget: tight, exactSigns: false, seed: 3)
        try sampler.sampleFirstBatch()
        #expect(sampler.batch.count <= 600)
        #expect(sampler.batch.placementCap?.kinkPointsPerSide == 300 / 32)

        let small = try Fixtures.mlp([3, 8, 8, 1], [.relu, .relu, .identity], seed: 2)
        let smallPlan = try RankPlan(network: small, options: RankOptions())
        var free = Sampler(
            network: small, domain: smallPlan.domain, budget: SamplingBudget(firstPoints: 30, isFixed: false, maximumPoints: 100_000),
            exactSigns: false, seed: 3)
        try free.sampleFirstBatch()
        #expect(free.batch.placementCap == nil)
        // Clusters of up to n + 1 = 4 points per side (fewer where a side is thin in the box).
        #expect(free.batch.kinkPointCount > free.kinkedUnits.count * 4 && free.batch.kinkPointCount <= free.kinkedUnits.count * 2 * 4)
    }
}
