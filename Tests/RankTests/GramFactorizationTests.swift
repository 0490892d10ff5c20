import Exact
import LinearAlgebra
import Networks
import Testing

@testable import Rank

/// The Gram engine gives the analysis the rank, explained and hidden counts of the block QR of
/// the whole batch when QR's cut is clear of the Gram floor, says that its spectrum is the Gram
/// matrix's and what its floor is, falls back to a stronger engine when its gap is ambiguous —
/// or, when none fits in memory, leaves the bracket open and says why — and plans 16·P² bytes.
@Suite struct GramFactorizationTests {
    /// J = H_u·diag(σ)·H_v (m × n) for the Householder reflections H = I − 2vvᵀ/‖v‖² of two
    /// seeded vectors: orthogonal factors, so J's singular values are σ (zeros beyond them).
    static func withSpectrum(_ m: Int, _ n: Int, _ sigma: [Double], seed: UInt64) -> Matrix<Double> {
        func reflection(_ size: Int, _ salt: UInt64) -> [[Double]] {
            let v = (0..<size).map { Double((UInt64($0) &* 2_654_435_761 &+ seed &* 97 &+ salt) % 1009) / 1009 - 0.5 }
            let norm2 = v.reduce(0) { $0 + $1 * $1 }
            return (0..<size).map { i in (0..<size).map { j in (i == j ? 1 : 0) - 2 * v[i] * v[j] / norm2 } }
        }
        let hu = reflection(m, 1), hv = reflection(n, 2)
        var rows = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        for i in 0..<m { for j in 0..<n { for (k, s) in sigma.enumerated() { rows[i][j] += hu[i][k] * s * hv[k][j] } } }
        return Matrix(rowArrays: rows, columns: n)!
    }

    @Test(arguments: [Activation.relu, .tanh, .leakyReLU(slope: Rational(1, 4))])
    func gramAgreesWithQR(activation: Activation) throws {
        for seed in UInt64(1)...3 {
            let net = try Fixtures.mlp([3, 6, 4, 2], [activation, activation, .identity], seed: seed)
            var options = RankOptions()
            options.exact = .never
            let qr = try RankAnalysis.run(net, options: options)
            options.factorization = .gram
            let gram = try RankAnalysis.run(net, options: options)
            let evidence = try #require(gram.gramEvidence)
            #expect(evidence.floor > 0 && evidence.cut >= evidence.floor)
            let qrSmallest = qr.numeric.rank > 0 ? qr.numeric.singularValues[qr.numeric.rank - 1] : 0
            // The Gram side of the gap is √λ_min(G₁₁) ≤ σ_r: an ambiguous Gram gap is refactored
            // (this machine's memory fits the small network's streaming plan).
            // The deflation reads the spectrum below the floor at QR's accuracy: the same rank
            // as QR's whenever QR's cut is clear.
            // After growth rounds read without refactoring, the deflation is the last factorisation's
            // and the rank the last growth round's.
            if let d = evidence.deflation {
                let rank = evidence.readByGrowth ? try #require(evidence.growthRounds.last).rank : d.leadingRank + d.trailingRank
                #expect(gram.spectrumSource == .gram && rank == gram.numeric.rank)
                if !qr.numeric.isAmbiguous && !gram.numeric.isAmbiguous && gram.numeric.rows == qr.numeric.rows {
                    #expect(gram.numeric.rank == qr.numeric.rank)
                }
                continue
            }
            if evidence.ambiguous {
                #expect(evidence.replaced && gram.spectrumSource == .selectedRows)
                continue
            }
            // QR's cut far clear of the Gram floor: the Gram engine must find the same rank.
            guard !qr.numeric.isAmbiguous, qrSmallest > 1e4 * evidence.floor else { continue }
            #expect(gram.spectrumSource == .gram)
            #expect(gram.rank == qr.rank && gram.explained == qr.explained && gram.hidden == qr.hidden)
            #expect(evidence.pivotRank == qr.numeric.rank)
            guard evidence.rows == qr.numeric.rows else { continue }
            // The Ritz bound is an upper bound on σ_{r+1}, σ₁ by power iteration is σ₁ from below.
            if let bound = evidence.nullBound, qr.numeric.rank < qr.numeric.singularValues.count {
                #expect(bound >= qr.numeric.singularValues[qr.numeric.rank] * (1 - 1e-6) - 1e-3 * evidence.floor)
            }
            if let lead = evidence.leadingSmallest { #expect(lead <= qrSmallest * (1 + 1e-6)) }
            #expect(evidence.sigma1 <= qr.numeric.singularValues[0] * (1 + 1e-9))
            #expect(evidence.sigma1 >= qr.numeric.singularValues[0] * 0.9)
        }
    }

    /// J with singular values 1, ½, 10⁻¹, 10⁻⁶ and zeros (m = 20, P = 9): QR cuts cleanly at rank 4,
    /// but 10⁻⁶ lies within 10³ of the Gram floor σ₁·√(20·ε) ≈ 6.7·10⁻⁸, so the Gram gap is ambiguous.
    @Test func gapAtTheGramFloorIsAmbiguous() throws {
        let j = Self.withSpectrum(20, 9, [1, 0.5, 0.1, 1e-6], seed: 11)
        var gram = try GramFactorization(columns: 9), qr = try QRFactorization(columns: 9)
        try gram.append(rows: j)
        try qr.append(rows: j)
        let g = try gram.numericRank(rows: 20, tolerance: nil, ambiguityRatio: 1e3)
        let q = try qr.numericRank(rows: 20, tolerance: nil, ambiguityRatio: 1e3)
        #expect(q.rank == 4 && !q.isAmbiguous)
        let evidence = try #require(gram.gramEvidence)
        #expect(g.isAmbiguous && evidence.ambiguous && evidence.unsettledReason != nil)
        #expect(Swift.abs(evidence.floor - (20 * Double.ulpOfOne).squareRoot()) <= 1e-3 * evidence.floor)
        // A clear gap (10⁻³ ≫ 10³ × floor) is not ambiguous, and its null space is QR's.
        let clear = Self.withSpectrum(20, 9, [1, 0.5, 0.1, 1e-3], seed: 11)
        var gram2 = try GramFactorization(columns: 9)
        try gram2.append(rows: clear)
        let c = try gram2.numericRank(rows: 20, tolerance: nil, ambiguityRatio: 1e3)
        #expect(c.rank == 4 && !c.isAmbiguous)
        let null = try Matrix(rowArrays: gram2.nullBasis(rank: 4), columns: 9)!
        #expect(clear.multiplied(by: null.transposed)!.elements.allSatisfy { Swift.abs($0) <= 1e-6 })
    }

    /// The Gram engine on J, then the Schur deflation with J's rows in blocks of 7 (as the factor
    /// stage runs it): the deflated rank, or `nil` when the deflation did not run.
    static func deflated(_ j: Matrix<Double>, ratio: Double = 1e3) throws -> (gram: NumericRank, deflated: NumericRank?, engine: GramFactorization) {
        var engine = try GramFactorization(columns: j.columns)
        try engine.append(rows: j)
        let gram = try engine.numericRank(rows: j.rows, tolerance: nil, ambiguityRatio: ratio)
        guard try engine.beginDeflation(memory: nil, blockRows: 7) else { return (gram, nil, engine) }
        repeat {
            for start in stride(from: 0, to: j.rows, by: 7) {
                let end = Swift.min(j.rows, start + 7)
                try engine.deflate(rows: Matrix(rows: end - start, columns: j.columns, elements: Array(j.elements[(start * j.columns)..<(end * j.columns)]))!)
            }
        } while try engine.finishDeflationPass()
        return (gram, try engine.finishDeflation(tolerance: nil, ambiguityRatio: ratio), engine)
    }

    /// σ = 1, ½, 10⁻¹, 3·10⁻², 10⁻⁴, 10⁻⁹, 10⁻¹⁰ (m = 40, P = 12): the Gram floor σ₁·√(40·ε) ≈ 9.4·10⁻⁸
    /// hides the last two, so G alone sees rank 5 — the rank at its floor, not at QR's cut
    /// 40·ε ≈ 8.9·10⁻¹⁵. The deflation reads them from J's rows: rank 7, the rank of J's own
    /// SVD, with a clear gap, σ₇ ≥ its lower bound, σ₈ ≤ its upper bound below the cut, the
    /// residual ‖Q₁ᵀS‖ shrunk by the correction, and a null basis J annihilates at round-off.
    @Test func deflationResolvesSingularValuesBelowTheGramFloor() throws {
        let sigma = [1, 0.5, 0.1, 0.03, 1e-4, 1e-9, 1e-10]
        let j = Self.withSpectrum(40, 12, sigma, seed: 5)
        let svd = try j.numericRank()
        #expect(svd.rank == 7 && !svd.isAmbiguous)
        let (gram, deflated, engine) = try Self.deflated(j)
        #expect(gram.rank == 5)
        let result = try #require(deflated)
        let evidence = try #require(engine.gramEvidence)
        let d = try #require(evidence.deflation)
        #expect(result.rank == svd.rank && !result.isAmbiguous && !evidence.ambiguous && evidence.unsettledReason == nil)
        #expect(d.leadingRank == 5 && d.trailingRank == 2 && d.leadingRank + d.trailingRank == result.rank)
        // J₁ is well-conditioned relative to the floor: its σ_min (≈ 10⁻⁴ · a pivoting factor) ≥ 3× the floor.
        #expect(d.leadingSmallest >= GramFactorization.leadingMargin * evidence.floor && d.leadingSmallest <= 1e-4 * (1 + 1e-6))
        // The bounds bracket J's true σ₇ = 10⁻¹⁰ and sit on the two sides of the cut.
        #expect(d.lowerBound > d.cut && d.lowerBound <= 1e-10 * (1 + 1e-4))
        #expect(try #require(d.upperBound) < d.cut && d.cut < 1e-12)
        #expect(d.residuals.count >= 1 && d.residuals.count <= GramFactorization.maximumPasses)
        #expect(d.residuals.last! <= d.residuals.first!)
        let null = try Matrix(rowArrays: engine.nullBasis(rank: 7), columns: 12)!
        #expect(null.rows == 5)
        #expect(j.multiplied(by: null.transposed)!.elements.allSatisfy { Swift.abs($0) <= 1e-12 })
        // Its null space is the SVD's: every null row is orthogonal to J's 7 leading right singular vectors.
        let leading = try j.singularValueDecomposition().vt
        for t in 0..<5 { for i in 0..<7 { #expect(Swift.abs(zip(null.row(t), leading.row(i)).reduce(0) { $0 + $1.0 * $1.1 }) <= 1e-6) } }
    }

    /// σ = 10⁰, 10⁻¹, …, 10⁻¹⁵ (m = 40, P = 16): no gap anywhere, QR's cut 8.9·10⁻¹⁵ falls between
    /// 10⁻¹⁴ and 10⁻¹⁵. The deflation reads the spectrum at QR's accuracy and must leave it
    /// ambiguous — the bracket then stays open by the ordinary rule for an ambiguous cut, as
    /// after QR — with the bounds on both sides within 10³ of each other.
    @Test func deflationOfAContinuousSpectrumStaysAmbiguous() throws {
        let sigma = (0..<16).reduce(into: [Double]()) { s, _ in s.append((s.last ?? 10) / 10) }
        let j = Self.withSpectrum(40, 16, sigma, seed: 9)
        #expect(try j.numericRank().isAmbiguous)
        let (_, deflated, engine) = try Self.deflated(j)
        let result = try #require(deflated)
        let evidence = try #require(engine.gramEvidence)
        let d = try #require(evidence.deflation)
        #expect(result.isAmbiguous && evidence.ambiguous)
        // Judged as QR's cut is: not a Gram reason, the ordinary ambiguous-cut reason instead.
        #expect(evidence.unsettledReason == nil)
        #expect(RankBracket.unsettledReason(
            stop: .rankStable, piecewiseLinear: false, kinks: false, exact: false, searched: false, ambiguous: result.isAmbiguous) != nil)
        #expect(d.lowerBound < 1e3 * (d.upperBound ?? d.cut))
    }

    /// An ambiguous Gram gap (forced by the largest ambiguity ratio, 10¹⁵, which no Gram gap
    /// meets: it is at most σ_r/floor ≤ 1/√(max(m, P)·ε) < 10⁸) is refactored by the
    /// streaming engine when its plan fits — the rank is then that engine's — and, when nothing
    /// fits in the machine's memory, left ambiguous with the memory figures as the reason.
    @Test func ambiguousGapFallsBackOrSaysWhyNot() throws {
        let net = try Fixtures.mlp([3, 6, 4, 2], [.relu, .relu, .identity], seed: 2)
        var options = RankOptions(points: 30)
        options.exact = .never
        options.factorization = .gram
        options.ambiguityRatio = 1e15
        let plan = try RankPlan(network: net, options: options)
        var sampler = Sampler(
            network: net, domain: plan.domain, budget: SamplingBudget(options: options, symmetryBound: 40, outputs: 2),
            exactSigns: false, seed: 3)
        try sampler.sampleFirstBatch()
        // Memory for the deflation: it runs, its gap is judged as QR's (no stronger engine could do better).
        var deflates = try FactorStage(network: net, options: options, memory: 1 << 34)
        _ = try deflates.absorb(sampler.batch, progress: nil)
        #expect(deflates.factorization.spectrumSource == .gram && deflates.gramEvidence?.deflation != nil)
        #expect(deflates.gramEvidence?.unsettledReason == nil && deflates.gramEvidence?.replaced == false)
        // Memory for the streaming plan (32·P² + a chunk) but not for the deflation beside G and a chunk.
        let P = net.parameterCount
        var fits = try FactorStage(network: net, options: options, memory: (32 * P * P + (128 << 20)) / 3 * 4 + 4)
        _ = try fits.absorb(sampler.batch, progress: nil)
        #expect(fits.factorization.spectrumSource == .selectedRows)
        #expect(fits.gramEvidence?.replaced == true && fits.gramEvidence?.unsettledReason == nil)
        #expect(fits.gramEvidence?.deflationRefused?.contains("beside G") == true)
        #expect(fits.factoredPoints == sampler.batch.count)
        var tight = try FactorStage(network: net, options: options, memory: 1 << 10)
        _ = try tight.absorb(sampler.batch, progress: nil)
        #expect(tight.factorization.spectrumSource == .gram)
        let reason = try #require(tight.gramEvidence?.unsettledReason)
        #expect(reason.contains("streaming would need") && reason.contains("this machine has"))
        // Through the whole analysis (this machine's memory suffices for the deflation):
        let analysis = try RankAnalysis.run(net, options: options)
        #expect(analysis.gramEvidence?.deflation != nil && analysis.spectrumSource == .gram)
    }

    /// Auto picks Gram above 8,000 parameters and whenever nothing else fits; the Gram plan is
    /// G plus one P² of null-space work plus one chunk, and sets the default limit at large P.
    @Test func autoAndMemoryPlan() {
        #expect(FactorizationMethod.auto.resolved(parameters: 13_305, kinks: true, memory: 24 << 30) == .gram)
        #expect(FactorizationMethod.auto.resolved(parameters: 25_720, kinks: false, memory: 24 << 30) == .gram)
        #expect(FactorizationMethod.auto.resolved(parameters: 4000, kinks: true, memory: 24 << 30) == .streaming)
        #expect(FactorizationMethod.auto.resolved(parameters: 4000, kinks: true, memory: 1 << 29) == .gram)
        #expect(FactorizationMethod.auto.resolved(parameters: 1000, kinks: false, memory: 24 << 30) == .qr)
        #expect(FactorizationMethod.gram.resolved(parameters: 10, kinks: false) == .gram)
        #expect(MemoryPlan.bytes(parameters: 25_720, method: .gram) == 16 * 25_720 * 25_720 + 128 << 20)
        #expect(MemoryPlan.bytes(parameters: 13_305, method: .gram)! < 3_000_000_000)
        #expect(MemoryPlan.bytes(parameters: 25_720, method: .gram)! < 11_000_000_000)
        #expect(MemoryPlan.analysisBytes(parameters: 13_305) == MemoryPlan.bytes(parameters: 13_305, method: .gram))
    }
}
