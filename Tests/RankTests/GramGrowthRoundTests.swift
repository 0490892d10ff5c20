import LinearAlgebra
import Testing

@testable import Rank

/// Growth rounds read through C = J_new·N without refactoring (proofs/growth-without-refactoring.md)
/// inside the Gram engine: a round that settles gives the rank and null space of the dense SVD of
/// the whole batch and of a full refactorisation, the sharp configuration of the proof is not
/// separated and is refactored, and rounds chain.
@Suite struct GramGrowthRoundTests {
    /// A P × P orthogonal matrix (a product of two Householder reflections), seeded.
    static func orthogonal(_ p: Int, seed: UInt64) -> Matrix<Double> {
        GramFactorizationTests.withSpectrum(p, p, [Double](repeating: 1, count: p), seed: seed)
    }

    /// m × n entries in [−½, ½), seeded.
    static func random(_ m: Int, _ n: Int, seed: UInt64) -> Matrix<Double> {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let entries = (0..<(m * n)).map { _ -> Double in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        return Matrix(rows: m, columns: n, elements: entries)!
    }

    /// Rows `range` of `q`.
    static func rows(_ q: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        Matrix(rows: range.count, columns: q.columns, elements: Array(q.elements[(range.lowerBound * q.columns)..<(range.upperBound * q.columns)]))!
    }

    static func stacked(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
        Matrix(rows: a.rows + b.rows, columns: a.columns, elements: a.elements + b.elements)!
    }

    /// m rows in the span of q's first `span` rows: (I-ish mixing) · q[0..<span], with the mixing
    /// 1 on the diagonal plus entries in [−¼, ¼) (well conditioned).
    static func rowsIn(_ q: Matrix<Double>, span: Int, count m: Int, seed: UInt64) -> Matrix<Double> {
        let noise = random(m, span, seed: seed)
        let mix = Matrix(rows: m, columns: span, elements: (0..<(m * span)).map { i in (i / span == i % span ? 1 : 0) + noise.elements[i] / 2 })!
        return mix.multiplied(by: rows(q, 0..<span))!
    }

    /// The Gram engine on `old`, its rank established (the factor stage's call), then `rounds`
    /// appended one after another in blocks of 3 rows and read by growth bounds where they settle
    /// (refactored where they do not, as the factor stage does): the rank after each round.
    static func run(_ old: Matrix<Double>, rounds: [Matrix<Double>], tolerance: Double? = nil) throws -> (ranks: [NumericRank], engine: GramFactorization) {
        var engine = try GramFactorization(columns: old.columns)
        try engine.append(rows: old)
        var count = old.rows
        var ranks = [try engine.numericRank(rows: count, tolerance: tolerance, ambiguityRatio: 1e3)]
        engine.beginGrowthChain(rank: ranks[0].rank)
        for round in rounds {
            for start in stride(from: 0, to: round.rows, by: 3) {
                try engine.append(rows: Self.rows(round, start..<min(round.rows, start + 3)))
            }
            count += round.rows
            // The second pass for the coupling of the new directions, as the factor stage reads it.
            if try engine.growthCrossPass(rows: count, tolerance: tolerance) != nil {
                for start in stride(from: 0, to: round.rows, by: 3) {
                    try engine.readGrowthCross(rows: Self.rows(round, start..<min(round.rows, start + 3)))
                }
            }
            let rank = try engine.settleGrowthRound(rows: count, tolerance: tolerance, ambiguityRatio: 1e3)
                ?? engine.numericRank(rows: count, tolerance: tolerance, ambiguityRatio: 1e3)
            ranks.append(rank)
            engine.beginGrowthChain(rank: rank.rank)
        }
        return (ranks, engine)
    }

    /// The engine's null rows at `rank` are an orthonormal basis of the dense SVD's null space
    /// of `batch`: orthonormal, and orthogonal to the batch's leading `rank` right singular vectors.
    static func expectSVDNullSpace(_ engine: GramFactorization, rank: Int, of batch: Matrix<Double>) throws {
        let p = batch.columns
        let null = try Matrix(rowArrays: engine.nullBasis(rank: rank), columns: p)!
        #expect(null.rows == p - rank)
        let gram = null.multiplied(by: null.transposed)!
        for i in 0..<null.rows { for j in 0..<null.rows { #expect(Swift.abs(gram[i, j] - (i == j ? 1 : 0)) <= 1e-10) } }
        let vt = try batch.singularValueDecomposition().vt
        let overlap = rows(vt, 0..<rank).multiplied(by: null.transposed)!
        #expect(overlap.elements.allSatisfy { Swift.abs($0) <= 1e-8 })
    }

    /// P = 36: J_old spans q's first 30 rows (rank 30, σ in ≈ [0.5, 2]); the round's 8 rows
    /// span the first 32 (two new directions). The growth bounds settle at rank 20 — the rank of
    /// the dense SVD of the whole batch and of a fresh Gram engine on it — with lower > τ ≥ upper,
    /// the coupling L_× of the second pass below ‖J_new‖_F, the bounds bracketing the SVD's σ₃₂ and σ₃₃, a gap of at least the ambiguity ratio, no
    /// pivoted Cholesky of the grown G, the null space the
    /// SVD's, and the report saying the rank came from growth bounds.
    @Test(arguments: [UInt64(1), 7, 19])
    func settledRoundIsTheWholeBatchRank(seed: UInt64) throws {
        let q = Self.orthogonal(36, seed: seed)
        let old = Self.rowsIn(q, span: 30, count: 40, seed: seed + 1)
        let fresh = Self.rowsIn(q, span: 32, count: 8, seed: seed + 2)
        let batch = Self.stacked(old, fresh)
        let svd = try batch.numericRank()
        #expect(svd.rank == 32 && !svd.isAmbiguous)
        let (ranks, engine) = try Self.run(old, rounds: [fresh])
        #expect(ranks[0].rank == 30)
        let round = try #require(engine.growthRounds.last)
        #expect(round.settled && round.previousRank == 30 && round.newDirections == 2 && round.rank == 32)
        #expect(ranks[1].rank == svd.rank && !ranks[1].isAmbiguous)
        let coupling = try #require(round.coupling)
        let truth = try batch.singularValues()
        let slack = 1e-10 * truth[0]
        let freshNorm = try fresh.singularValues()[0]
        #expect(coupling > 0 && coupling < round.newRowsNorm && coupling <= freshNorm + slack)
        let upper = try #require(round.upper)
        #expect(round.lower > round.cut && round.cut >= upper && round.lower / upper >= 1e3)
        #expect(round.lower <= truth[31] + slack && truth[32] <= upper + slack)
        // The grown G was not factored (a factorisation would have left its pivoted Cholesky factor).
        #expect(engine.gram != nil && engine.gram?.cholesky == nil)
        let evidence = try #require(engine.gramEvidence)
        #expect(evidence.readByGrowth && !evidence.wantsDeflation && evidence.unsettledReason == nil)
        #expect(evidence.text(short: { "\($0)" }).contains("from growth bounds on σ(J_new·N), without refactoring"))
        // A full refactorisation of the whole batch agrees.
        var fullEngine = try GramFactorization(columns: 36)
        try fullEngine.append(rows: batch)
        #expect(try fullEngine.numericRank(rows: batch.rows, tolerance: nil, ambiguityRatio: 1e3).rank == 32)
        try Self.expectSVDNullSpace(engine, rank: 32, of: batch)
        // ‖A·N'‖ within the upper bound.
        let null = try Matrix(rowArrays: engine.nullBasis(rank: 32), columns: 36)!
        #expect(try batch.multiplied(by: null.transposed)!.singularValues()[0] <= upper + slack)
    }

    /// The sharp configuration of the proof, embedded at P = 8: J_old = the rows e₁ … e₇ (rank 7,
    /// N = e₈), one new row L·e₁ + c·e₈ with L = 10, c = 10⁻⁷. σ₈ of the grown batch is
    /// σ_min([[1, 0], [L, c]]) ≈ 10⁻⁸ — the bound itself before β — and β (the Gram floor,
    /// ≈ 4·10⁻⁸) swallows it: the bounds are not separated, the round is recorded as refactored,
    /// and the engine's refactorisation gives what a fresh engine on the whole batch gives.
    @Test func sharpConfigurationIsRefactored() throws {
        var old = Matrix(rows: 8, columns: 8, repeating: 0.0)
        for i in 0..<7 { old[i, i] = 1 }
        var fresh = Matrix(rows: 1, columns: 8, repeating: 0.0)
        fresh[0, 0] = 10
        fresh[0, 7] = 1e-7
        let (ranks, engine) = try Self.run(old, rounds: [fresh])
        #expect(ranks[0].rank == 7)
        let round = try #require(engine.growthRounds.last)
        #expect(!round.settled && round.refusal != nil && round.newDirections == 1)
        let sharp = GrowthRoundBound.triangularSmallest(lambda: 1, cross: 10, new: 1e-7)
        let batch = Self.stacked(old, fresh)
        let truth = try batch.singularValues()
        #expect(Swift.abs(truth[7] - sharp) <= 1e-6 * sharp)
        #expect(round.lower <= round.cut && sharp - round.beta <= round.cut)
        // Refactored: the evidence is a new factorisation's, with the round in its history.
        let evidence = try #require(engine.gramEvidence)
        #expect(!evidence.readByGrowth && evidence.rows == 9 && evidence.growthRounds == [round])
        var fullEngine = try GramFactorization(columns: 8)
        try fullEngine.append(rows: batch)
        let full = try fullEngine.numericRank(rows: 9, tolerance: nil, ambiguityRatio: 1e3)
        #expect(ranks[1].rank == full.rank && engine.gramEvidence?.pivotRank == fullEngine.gramEvidence?.pivotRank)
    }

    /// Four rounds at P = 36 from rank 30: +2 directions, +0 (rows in the row space already),
    /// +2, and +0 again. Every round settles by growth bounds, chaining N ← N·Y_⊥, β ← upper,
    /// λ ← lower after new directions; each rank is the dense SVD's of the batch so far, and so
    /// is the null space at the end. The report lists the four rounds.
    @Test(arguments: [UInt64(2), 11])
    func roundsChain(seed: UInt64) throws {
        let q = Self.orthogonal(36, seed: seed)
        let old = Self.rowsIn(q, span: 30, count: 40, seed: seed + 1)
        let rounds = [
            Self.rowsIn(q, span: 32, count: 6, seed: seed + 2), Self.rowsIn(q, span: 30, count: 5, seed: seed + 3),
            Self.rowsIn(q, span: 34, count: 7, seed: seed + 4), Self.rowsIn(q, span: 34, count: 4, seed: seed + 5),
        ]
        let (ranks, engine) = try Self.run(old, rounds: rounds)
        #expect(ranks.map(\.rank) == [30, 32, 32, 34, 34])
        var batch = old
        for (i, round) in rounds.enumerated() {
            batch = Self.stacked(batch, round)
            #expect(try batch.numericRank().rank == ranks[i + 1].rank)
        }
        #expect(engine.growthRounds.count == 4 && engine.growthRounds.allSatisfy(\.settled))
        #expect(engine.growthRounds.map(\.newDirections) == [2, 0, 2, 0])
        // The chain: each round starts from the last one's rank and upper bound.
        for (a, b) in zip(engine.growthRounds, engine.growthRounds.dropFirst()) {
            #expect(b.previousRank == a.rank && b.beta == a.upper && b.cut >= a.cut)
        }
        #expect(engine.growthRounds[2].lambda == engine.growthRounds[0].lower)
        #expect(engine.gram != nil && engine.gram?.cholesky == nil)
        #expect(engine.growthRounds.map { $0.coupling != nil } == [true, false, true, false])
        try Self.expectSVDNullSpace(engine, rank: 34, of: batch)
        let text = try #require(engine.gramEvidence).text(short: { "\($0)" })
        #expect(text.components(separatedBy: "no refactoring").count == 5)
    }

    /// The memory plan of a growth round: 8·(3·P·k + 5·k²) bytes, within the Gram plan's
    /// null-space share of 8·P² up to k ≈ 0.24·P (or within 64 MiB); beyond it the engine refactors instead.
    @Test func growthMemoryPlan() {
        #expect(MemoryPlan.growthBytes(parameters: 25_720, nullDirections: 775) == 8 * (3 * 25_720 * 775 + 5 * 775 * 775))
        #expect(MemoryPlan.growthFits(parameters: 25_720, nullDirections: 25_720 / 5))
        #expect(!MemoryPlan.growthFits(parameters: 25_720, nullDirections: 25_720 / 4))
        // At small P, half a chunk of rows (64 MiB) suffices whatever k.
        #expect(MemoryPlan.growthFits(parameters: 623, nullDirections: 623))
        #expect(MemoryPlan.growthBytes(parameters: Int.max, nullDirections: 2) == nil)
    }
}
