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

    /// An ambiguous Gram gap is first checked from J's own rows: ‖J·N‖₂ resolves σ_{r+1} at QR's
    /// level, so a σ_r = 10⁻⁶ that the Gram floor (≈ 6.7·10⁻⁸) left ambiguous becomes a clear cut
    /// at rank 4 — while σ_r = 3·10⁻⁷, within 10× of the floor, stays ambiguous (its Gram estimate
    /// is not to be trusted there) and goes to the fallback.
    @Test func refinementFromJResolvesTheSubCutSide() throws {
        for (smallest, settled) in [(1e-6, true), (3e-7, false)] {
            let j = Self.withSpectrum(20, 9, [1, 0.5, 0.1, smallest], seed: 11)
            var gram = try GramFactorization(columns: 9)
            try gram.append(rows: j)
            let before = try gram.numericRank(rows: 20, tolerance: nil, ambiguityRatio: 1e3)
            #expect(before.isAmbiguous && before.rank == 4)
            gram.beginRefinement()
            try gram.refine(rows: Matrix(rows: 7, columns: 9, elements: Array(j.elements[0..<63]))!)
            try gram.refine(rows: Matrix(rows: 13, columns: 9, elements: Array(j.elements[63...]))!)
            let after = try #require(try gram.finishRefinement(tolerance: nil, ambiguityRatio: 1e3))
            let evidence = try #require(gram.gramEvidence)
            #expect(after.rank == 4 && after.isAmbiguous == !settled && evidence.ambiguous == !settled)
            // ‖J·N‖₂ is below anything the Gram matrix could resolve (N itself carries G's
            // round-off: its angle to null J is ≈ ε·max(m, P)·λ₁ / σ_r²).
            #expect(try #require(evidence.refinedNullBound) < evidence.floor)
        }
    }

    /// An ambiguous Gram gap (forced by an ambiguity ratio no gap meets) is refactored by the
    /// streaming engine when its plan fits — the rank is then that engine's — and, when nothing
    /// fits in the machine's memory, left ambiguous with the memory figures as the reason.
    @Test func ambiguousGapFallsBackOrSaysWhyNot() throws {
        let net = try Fixtures.mlp([3, 6, 4, 2], [.relu, .relu, .identity], seed: 2)
        var options = RankOptions(points: 30)
        options.exact = .never
        options.factorization = .gram
        options.ambiguityRatio = 1e300
        let plan = try RankPlan(network: net, options: options)
        var sampler = Sampler(
            network: net, domain: plan.domain, budget: SamplingBudget(options: options, symmetryBound: 40, outputs: 2),
            exactSigns: false, seed: 3)
        try sampler.sampleFirstBatch()
        var fits = try FactorStage(network: net, options: options, memory: 1 << 34)
        _ = try fits.absorb(sampler.batch, progress: nil)
        #expect(fits.factorization.spectrumSource == .selectedRows)
        #expect(fits.gramEvidence?.replaced == true && fits.gramEvidence?.unsettledReason == nil)
        #expect(fits.factoredPoints == sampler.batch.count)
        var tight = try FactorStage(network: net, options: options, memory: 1 << 10)
        _ = try tight.absorb(sampler.batch, progress: nil)
        #expect(tight.factorization.spectrumSource == .gram)
        let reason = try #require(tight.gramEvidence?.unsettledReason)
        #expect(reason.contains("streaming would need") && reason.contains("this machine has"))
        // Through the whole analysis (this machine's memory suffices for the small network):
        let analysis = try RankAnalysis.run(net, options: options)
        #expect(analysis.gramEvidence?.replaced == true && analysis.spectrumSource == .selectedRows)
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
