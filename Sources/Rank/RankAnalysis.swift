import Exact
import LinearAlgebra
import Networks
import Symmetries

/// The batch functional dimension of a network and the attribution of its degenerate directions.
///
/// J is the Jacobian of θ ↦ (f_θ(x₁), …, f_θ(x_N)) on the sampled batch (N·outputs × P). Its
/// rank r is the batch **functional dimension**; the P − r null directions are split into those
/// explained by known symmetries — dim(null J ∩ span T) for the tangent vectors T of
/// ``SymmetryTangent`` — and **hidden** ones, the rest. Every tangent is checked to lie in the
/// kernel (exactly for exact ranks), so dim(null J ∩ span T) = rank T.
///
/// ``run(_:options:progress:)`` composes four stages, each a type of its own that can be
/// replaced and tested alone: **sample** (``SampleStage``, the batch and its kink coverage),
/// **factor** (``FactorStage`` over a ``Factorization``, and ``ExactRankStage``), **attribute**
/// (``Attribution``: tangents in the kernel, explained and hidden directions) and **report**
/// (this value, rendered by the `Identifiability` module).
public struct RankAnalysis: Sendable {
    public let parameterCount: Int
    public let parameterNames: [String]
    public let outputCount: Int
    public let domain: InputDomain
    public let seed: UInt64
    public let batch: SampleBatch
    /// How the batch sees each unit with a kink (empty without kinks).
    public let coverage: [KinkCoverage]
    /// (points, numeric rank) after each round of batch growth.
    public let growth: [(points: Int, rank: Int)]
    public let numeric: NumericRank
    /// The exact rank when computed (piecewise-linear networks, see ``RankOptions/exact``).
    public let exact: ExactRankResult?
    /// Why no exact rank was computed, when it was not.
    public let exactSkippedReason: String?
    /// Tangents found in the kernel of J.
    public let tangents: [SymmetryTangent]
    /// Tangents a rule produced that are *not* in the kernel (an inconsistency: reported).
    public let tangentsNotInKernel: [SymmetryTangent.Kind]
    /// Null directions explained, credited to each category in ``SymmetryTangent/Category`` order.
    public let explainedByCategory: [(category: SymmetryTangent.Category, count: Int)]
    /// dim span of the tangents that are symmetries of the function itself (scope `.function`).
    public let continuousSymmetryDimension: Int
    /// Null directions no known symmetry explains, sparsified.
    public let hiddenDirections: [DegenerateDirection]
    /// Kinked units proven to stay on one linear piece on the whole domain (not just the batch):
    /// their parameters are degenerate there (``UnitBehaviourOnDomain``).
    public internal(set) var onWholeDomain: [UnitBehaviourOnDomain] = []
    /// seen rank ≤ functional dimension ≤ bound, and why the batch stopped growing.
    public let bracket: RankBracket
    /// Whose singular values ``numeric`` holds (the whole batch's, or the selected rows').
    public internal(set) var spectrumSource: SpectrumSource = .wholeBatch
    /// With streaming row selection: rows read and kept, and the components behind the cut.
    public internal(set) var selectionEvidence: StreamingRankEvidence? = nil
    /// With the Gram engine (or after it, when a stronger one refactored an ambiguous gap): its
    /// method, floor and gap.
    public internal(set) var gramEvidence: GramRankEvidence? = nil

    /// The rank the analysis stands on: exact when computed, else numeric.
    public var rank: Int { exact?.rank ?? numeric.rank }
    /// P − rank.
    public var degeneracy: Int { parameterCount - rank }
    public var explained: Int { explainedByCategory.reduce(0) { $0 + $1.count } }
    public var hidden: Int { max(0, degeneracy - explained) }
    /// The exact and numeric ranks differ.
    public var exactNumericDisagreement: Bool { exact.map { $0.rank != numeric.rank } ?? false }
    public var deadUnits: [UnitID] { coverage.filter { $0.behaviour == .dead }.map(\.unit) }
    public var linearUnits: [(unit: UnitID, slope: Rational)] {
        coverage.compactMap { if case .linear(let s) = $0.behaviour { return ($0.unit, s) } else { return nil } }
    }

    /// Runs the analysis. `progress` receives one-line notes on long steps (the library never prints).
    public static func run(
        _ network: Network, options: RankOptions = RankOptions(), progress: ProgressSink? = nil
    ) throws(RankError) -> RankAnalysis {
        let plan = try RankPlan(network: network, options: options)
        let graph = ParameterGraph(network)
        let P = plan.parameterCount
        let bound = P - SymmetryTangent.all(graph: graph, coverage: []).numericSpanDimension(columns: P)
        var sampler = Sampler(
            network: network, domain: plan.domain, budget: SamplingBudget(
                options: options, symmetryBound: bound, outputs: plan.outputCount, dataPoints: plan.domain.dataCount),
            exactSigns: plan.useExact, seed: options.seed)
        progress?(.step("sampling \(sampler.budget.firstPoints) points"))
        try sampler.sampleFirstBatch()
        var factor = try FactorStage(network: network, options: options)
        let deadline = options.maximumSeconds.map { ContinuousClock.now + .milliseconds(Int64($0 * 1000)) }
        let grown = try grow(
            &sampler, &factor, graph: graph, deadline: deadline, interruption: options.interruption,
            minimumGain: options.minimumRankGain, progress: progress)
        progress?(.step("checking \(grown.tangents.count) symmetry tangents against the kernel"))
        var exact: ExactRankStage? = nil
        if plan.useExact {
            progress?(.step("exact rank: exact rows of the selection, J·v = 0 checked at every point"))
            exact = try ExactRankStage(network: network, batch: sampler.batch, selectedRows: factor.factorization.selectedRows)
        }
        let evidence = KernelEvidence(numeric: grown.numeric, exact: exact, factorization: factor.factorization)
        let attribution = try Attribution(tangents: grown.tangents, evidence: evidence, names: graph.names, progress: progress)
        var analysis = RankAnalysis(
            parameterCount: P, parameterNames: graph.names, outputCount: plan.outputCount, domain: plan.domain.domain,
            seed: options.seed, batch: sampler.batch, coverage: grown.coverage, growth: grown.growth, numeric: grown.numeric,
            exact: exact?.result, exactSkippedReason: plan.exactSkippedReason, tangents: attribution.tangents,
            tangentsNotInKernel: attribution.tangentsNotInKernel, explainedByCategory: attribution.explainedByCategory,
            continuousSymmetryDimension: attribution.continuousSymmetryDimension, hiddenDirections: attribution.hiddenDirections,
            bracket: RankBracket(
                seen: exact?.result.rank ?? grown.numeric.rank, bound: P - attribution.continuousSymmetryDimension,
                stop: grown.stop, points: sampler.batch.count, rows: sampler.batch.count * plan.outputCount,
                unsettled: sampler.batch.coversDataSet ? nil : factor.gramEvidence?.unsettledReason ?? RankBracket.unsettledReason(
                    stop: grown.stop, piecewiseLinear: network.isPiecewiseLinear, kinks: !sampler.kinkedUnits.isEmpty,
                    exact: exact != nil, searched: grown.searched, ambiguous: grown.numeric.isAmbiguous,
                    selected: factor.factorization.engineRank, spectral: grown.numeric.rank)),
            spectrumSource: factor.factorization.spectrumSource, selectionEvidence: factor.factorization.selectionEvidence,
            gramEvidence: factor.gramEvidence)
        analysis.onWholeDomain = UnitBehaviourOnDomain.proven(
            network: network, domain: plan.domain.domain, batch: sampler.batch, coverage: grown.coverage, exactSigns: plan.useExact)
        return analysis
    }

    /// Alternates the factor and sample stages: grows the batch until the rank stops changing,
    /// reaches P or the bound the tangents allow, or a budget (points, `deadline`) is spent or
    /// `interruption` is requested — checked between Jacobian chunks, so a round ends early and
    /// the batch keeps only the points whose rows were read. Each round factors the rows of the
    /// new points only; the spectrum is computed once at the end for a row-selecting engine.
    /// Returns the last round's coverage, tangents and numeric rank, why growth stopped, and
    /// whether the last growth round searched for points where the null directions move.
    static func grow(
        _ sampler: inout some SampleStage, _ factor: inout FactorStage, graph: ParameterGraph,
        deadline: ContinuousClock.Instant? = nil, interruption: RankInterruption? = nil, minimumGain: Double = 0,
        progress: ProgressSink?
    ) throws(RankError) -> (
        coverage: [KinkCoverage], tangents: [SymmetryTangent], numeric: NumericRank, growth: [(points: Int, rank: Int)],
        stop: GrowthStop, searched: Bool
    ) {
        let P = factor.columns
        var growth: [(points: Int, rank: Int)] = []
        var searched = false
        let timeUp = { deadline.map { ContinuousClock.now >= $0 } ?? false }
        let asked = { interruption?.isRequested == true }
        while true {
            let rank = try factor.absorb(sampler.batch, progress: progress, shouldStop: { timeUp() || asked() })
            let cut = factor.factoredPoints < sampler.batch.count
            if cut { sampler.keepFirst(factor.factoredPoints) }
            let coverage = sampler.coverage()
            let tangents = SymmetryTangent.all(graph: graph, coverage: coverage)
            let previous = growth.last?.rank
            let count = sampler.batch.count
            growth.append((count, rank))
            var stop: GrowthStop? = nil
            if rank == P { stop = .fullRank }
            else if cut { stop = asked() ? .interrupted : .timeBudget }
            else if sampler.budget.isFixed { stop = .fixedBatch }
            else if previous == rank { stop = .rankStable }
            else if asked() { stop = .interrupted }
            else if count >= sampler.budget.maximumPoints { stop = .pointBudget }
            else if timeUp() { stop = .timeBudget }
            // A cheap bound: the rank cannot exceed P minus the number of independent tangents
            // (tangents are in the kernel); count them only when that could stop the growth.
            let bound = stop != nil ? P : P - tangents.numericSpanDimension(columns: P)
            if stop == nil && rank >= bound { stop = .reachedBound }
            if stop == nil, let previous, let before = growth.dropLast().last?.points,
                Double(rank - previous) < minimumGain * Double(count - before) { stop = .slowGrowth }
            if let stop {
                progress?(.step("singular values of the factor"))
                return (coverage, tangents, try factor.numericRank(), growth, stop, searched && stop == .rankStable)
            }
            let more = sampler.budget.growthStep(from: count)
            progress?(.step("rank \(rank) < bound \(bound): adding \(more) points"))
            searched = try sampler.grow(by: more, nullBasis: { () throws(RankError) in try factor.nullBasis(rank: rank) })
        }
    }
}
