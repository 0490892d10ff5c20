import Exact
import LinearAlgebra
import Networks
import Symmetries
import Testing
@testable import Rank

/// The stages of a rank analysis, each on its own: the sampling budget's arithmetic, a factor
/// stage over a replacement ``Factorization`` (the whole Jacobian kept and decomposed by
/// `dgesdd`) agreeing with the QR factor, and the attribute stage splitting the kernel of an
/// exact Jacobian into explained and hidden directions.
@Suite struct RankStageTests {
    /// Keeps J itself: the reference a streaming factorisation must agree with.
    struct DenseFactorization: Factorization {
        let columns: Int
        var rows: [[Double]] = []
        mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
            for i in 0..<block.rows { rows.append(Array(block.row(i))) }
        }
        func singularValues() throws(RankError) -> [Double] {
            do { return try gramFactor.singularValues() } catch { throw .linearAlgebra(error.description) }
        }
        var gramFactor: Matrix<Double> { Matrix(rowArrays: rows, columns: columns) ?? Matrix(rows: 0, columns: columns, repeating: 0) }
    }

    @Test func budgetAimsAtTheSymmetryBoundAndGrowsByHalves() {
        // B = 20 with 2 outputs: ⌈20/2⌉ = 10 points plus max(4, ⌈10/4⌉) = 4 of slack.
        let automatic = SamplingBudget(options: RankOptions(), symmetryBound: 20, outputs: 2)
        #expect(automatic.firstPoints == 14 && !automatic.isFixed)
        #expect(automatic.growthStep(from: 14) == 7 && automatic.growthStep(from: 3) == 4)
        let fixed = SamplingBudget(options: RankOptions(points: 9, maximumPoints: 12), symmetryBound: 20, outputs: 2)
        #expect(fixed.firstPoints == 9 && fixed.isFixed && fixed.growthStep(from: 10) == 2)
    }

    /// The factor stage's rank does not depend on which factorisation backs it: QR of the
    /// growing batch and the dense SVD of all of J give the same rank, rows and spectrum
    /// (to 10⁻¹⁰·σ₁), over two rounds.
    @Test(arguments: [Activation.relu, .tanh]) func factorisationsAreInterchangeable(activation: Activation) throws {
        let net = try Fixtures.mlp([3, 5, 2], [activation, .identity], seed: 3)
        let plan = try RankPlan(network: net, options: RankOptions())
        var sampler = Sampler(
            network: net, domain: plan.domain, budget: SamplingBudget(firstPoints: 6, isFixed: false, maximumPoints: 100),
            exactSigns: false, seed: 5)
        try sampler.sampleFirstBatch()
        var qr = try FactorStage(network: net, options: RankOptions())
        var dense = try FactorStage(network: net, options: RankOptions(), factorization: DenseFactorization(columns: net.parameterCount))
        for round in 0..<2 {
            if round > 0 { try sampler.grow(by: 4) }
            _ = try qr.absorb(sampler.batch, progress: nil)
            _ = try dense.absorb(sampler.batch, progress: nil)
            let a = try qr.numericRank(), b = try dense.numericRank()
            #expect(a.rank == b.rank && a.rows == b.rows && a.rows == sampler.batch.count * 2)
            #expect(zip(a.singularValues, b.singularValues).allSatisfy { Swift.abs($0 - $1) <= 1e-10 * (b.singularValues.first ?? 1) })
        }
    }

    /// A ReLU unit with zero outgoing weight: its incoming weight and bias are null directions
    /// explained as a removable unit, the rescalings of the other units are explained too, and
    /// nothing is hidden; a tangent that is not in the kernel is reported, not credited.
    @Test func attributionSplitsTheExactKernel() throws {
        let net = try Network.mlp(
            widths: [1, 2, 1], activations: [.relu, .identity], weights: [[[1], [-1]], [[2, 0]]], biases: [[Rational(1, 3), Rational(1, 5)], [0]])
        let options = RankOptions(points: 8)
        let plan = try RankPlan(network: net, options: options)
        let graph = ParameterGraph(net)
        var sampler = Sampler(network: net, domain: plan.domain, budget: SamplingBudget(options: options, symmetryBound: 7, outputs: 1), exactSigns: true, seed: 1)
        try sampler.sampleFirstBatch()
        var factor = try FactorStage(network: net, options: options)
        _ = try factor.absorb(sampler.batch, progress: nil)
        let numeric = try factor.numericRank()
        let exact = try ExactRankStage(network: net, batch: sampler.batch)
        let evidence = KernelEvidence(numeric: numeric, exact: exact, gramFactor: factor.factorization.gramFactor)
        let bogus = SymmetryTangent(kind: .rescaling(UnitID(layer: 2, unit: 0)), category: .rescaling, scope: .function,
                                    entries: [.init(index: 0, exact: 1, numeric: 1)])
        let tangents = SymmetryTangent.all(graph: graph, coverage: sampler.coverage())
        let a = try Attribution(tangents: tangents + [bogus], evidence: evidence, names: graph.names, progress: nil)
        #expect(a.tangentsNotInKernel == [bogus.kind])
        #expect(a.explained == net.parameterCount - evidence.rank && a.hiddenDirections.isEmpty)
        #expect(a.explainedByCategory.contains { $0.category == .removableUnit })
    }
}
