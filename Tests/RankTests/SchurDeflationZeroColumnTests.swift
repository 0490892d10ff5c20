import Exact
import LinearAlgebra
import Testing

@testable import Networks
@testable import Rank

/// The Schur deflation keeps J's zero columns out of S (proofs/schur-deflation-zero-columns.md):
/// the rank and null space are those of the deflation of J without its zero columns, with the
/// e_j added, and of J's dense SVD; a column set apart whose rows are not zero voids the split.
@Suite struct SchurDeflationZeroColumnTests {
    /// J (m × (n + zero.count)) with the columns of `compact` in order and zero columns at `zero`.
    static func inserting(zero: [Int], into compact: Matrix<Double>) -> Matrix<Double> {
        let p = compact.columns + zero.count
        let live = (0..<p).filter { !zero.contains($0) }
        var j = Matrix<Double>(rows: compact.rows, columns: p, repeating: 0)
        for i in 0..<compact.rows { for (t, c) in live.enumerated() { j[i, c] = compact[i, t] } }
        return j
    }

    /// max over rows a of A of ‖a − a·BᵀB‖ for orthonormal rows B: 0 when A's rows lie in B's span.
    static func distance(_ a: Matrix<Double>, from b: Matrix<Double>) -> Double {
        var worst = 0.0
        for i in 0..<a.rows {
            var rest = Array(a.row(i))
            for t in 0..<b.rows {
                let c = zip(a.row(i), b.row(t)).reduce(0) { $0 + $1.0 * $1.1 }
                for q in rest.indices { rest[q] -= c * b[t, q] }
            }
            worst = Swift.max(worst, rest.reduce(0) { $0 + $1 * $1 }.squareRoot())
        }
        return worst
    }

    /// Whether `rows` holds the coordinate vector e_j exactly (1 at j, 0 elsewhere).
    static func holdsUnitRow(_ rows: Matrix<Double>, _ j: Int) -> Bool {
        (0..<rows.rows).contains { t in (0..<rows.columns).allSatisfy { rows[t, $0] == ($0 == j ? 1 : 0) } }
    }

    /// σ = 1, ½, 10⁻¹, 3·10⁻², 10⁻⁴, 10⁻⁹, 10⁻¹⁰ on 10 columns (m = 40), with 4 zero columns put
    /// in among them (P = 14): the deflation sets the 4 apart (S has 10 − r₁ columns), finds
    /// rank 7 — that of the dense SVD and of the deflation of the 10 columns alone — with the same
    /// σ(J·N) (and four zeros) and bounds, and a null space of 7 rows that holds each e_j, that J
    /// annihilates at round-off, and that is the compact deflation's null space padded with zeros
    /// plus the e_j.
    @Test func zeroColumnsAreSetApartWithTheSameRankAndNullSpace() throws {
        let sigma = [1, 0.5, 0.1, 0.03, 1e-4, 1e-9, 1e-10]
        let compact = GramFactorizationTests.withSpectrum(40, 10, sigma, seed: 5)
        let zero = [2, 5, 11, 13]
        let j = Self.inserting(zero: zero, into: compact)
        let svd = try j.numericRank()
        #expect(svd.rank == 7 && !svd.isAmbiguous)
        let (_, split, engine) = try GramFactorizationTests.deflated(j)
        let (_, alone, compactEngine) = try GramFactorizationTests.deflated(compact)
        let result = try #require(split), reference = try #require(alone)
        let d = try #require(engine.gramEvidence?.deflation), c = try #require(compactEngine.gramEvidence?.deflation)
        #expect(result.rank == svd.rank && reference.rank == svd.rank && !result.isAmbiguous)
        #expect(d.zeroColumns == 4 && c.zeroColumns == 0)
        #expect(d.leadingRank == c.leadingRank && d.trailingColumns == c.trailingColumns && d.trailingRank == c.trailingRank)
        #expect(d.leadingRank + d.trailingColumns + d.zeroColumns == 14)
        // The same σ(J·N) near the cut (S has the same columns; its round-off is ≈ ε·‖J‖·‖W‖ ≈ 10⁻¹⁵).
        #expect(d.nearCut.count == c.nearCut.count && zip(d.nearCut, c.nearCut).allSatisfy { Swift.abs($0 - $1) <= 1e-13 })
        #expect(Swift.abs(d.lowerBound - c.lowerBound) <= 1e-13 && d.lowerBound > d.cut)
        #expect(d.text(short: { "\($0)" }).contains("(4 more are zero in J, σ = 0)"))
        // The null space: 7 rows, the e_j among them, annihilated by J, orthogonal to J's leading 7
        // right singular vectors, and spanned by the compact one (padded) and the e_j.
        let null = try Matrix(rowArrays: engine.nullBasis(rank: 7), columns: 14)!
        #expect(null.rows == 7)
        for z in zero { #expect(Self.holdsUnitRow(null, z)) }
        #expect(j.multiplied(by: null.transposed)!.elements.allSatisfy { Swift.abs($0) <= 1e-12 })
        let leading = try j.singularValueDecomposition().vt
        for t in 0..<7 { for i in 0..<7 { #expect(Swift.abs(zip(null.row(t), leading.row(i)).reduce(0) { $0 + $1.0 * $1.1 }) <= 1e-6) } }
        let compactNull = try Matrix(rowArrays: compactEngine.nullBasis(rank: 7), columns: 10)!
        var expected = Self.inserting(zero: zero, into: compactNull).rowArrays
        for z in zero { expected.append((0..<14).map { $0 == z ? 1 : 0 }) }
        let span = Matrix(rowArrays: expected, columns: 14)!
        #expect(Self.distance(null, from: span) <= 1e-6 && Self.distance(span, from: null) <= 1e-6)
    }

    /// A column with G_jj = 0 set apart, then read nonzero by the deflation's passes (rows that are
    /// not those G was formed from): the split is void and the deflation's result is refused,
    /// with the reason, rather than reported.
    @Test func aSetApartColumnThatIsNotZeroVoidsTheDeflation() throws {
        let compact = GramFactorizationTests.withSpectrum(40, 10, [1, 0.5, 0.1, 0.03, 1e-4, 1e-9, 1e-10], seed: 5)
        let j = Self.inserting(zero: [3], into: compact)
        var other = j
        other[17, 3] = 1e-3
        var engine = try GramFactorization(columns: 11)
        try engine.append(rows: j)
        _ = try engine.numericRank(rows: 40, tolerance: nil, ambiguityRatio: 1e3)
        #expect(try engine.beginDeflation(memory: nil, blockRows: 8))
        #expect(engine.gramEvidence?.deflation?.zeroColumns == 1)
        repeat {
            for start in stride(from: 0, to: 40, by: 8) {
                try engine.deflate(rows: Matrix(rows: 8, columns: 11, elements: Array(other.elements[(start * 11)..<((start + 8) * 11)]))!)
            }
        } while try engine.finishDeflationPass()
        #expect(try engine.finishDeflation(tolerance: nil, ambiguityRatio: 1e3) == nil)
        #expect(engine.gramEvidence?.deflation == nil && engine.gramEvidence?.deflationRefused?.contains("G_jj = 0") == true)
    }

    /// A ReLU network 3-6-5-2 whose first hidden unit is dead (weights 0, bias −1: never active),
    /// so its 4 parameters and the 5 weights leaving it are zero columns of J. The factors say so
    /// exactly (``FactoredJacobian/vanishes(onColumns:)``, and not of a live column), and the
    /// deflation fed factored blocks sets them apart, finds the dense SVD's rank, and its null
    /// rows hold each e_j and are annihilated by J.
    @Test func deadUnitsOfAReLUNetworkAreSetApartFromTheFactors() throws {
        var rng = SplitMix64(seed: 7)
        var w1 = Fixtures.weights(6, 3, &rng), b1 = (0..<6).map { _ in Fixtures.generic(&rng) }
        w1[0] = [0, 0, 0]
        b1[0] = -1
        let w2 = Fixtures.weights(5, 6, &rng), w3 = Fixtures.weights(2, 5, &rng)
        let network = try Network.mlp(
            widths: [3, 6, 5, 2], activations: [.relu, .relu, .identity], weights: [w1, w2, w3],
            biases: [b1, (0..<5).map { _ in Fixtures.generic(&rng) }, (0..<2).map { _ in Fixtures.generic(&rng) }])
        let numeric = NumericNetwork(network)
        let points: [[Double]] = (0..<40).map { i -> [Double] in (0..<3).map { t -> Double in Double((i * 7 + t * 3) % 11) / 5 - 1 } }
        let factors = try numeric.jacobianFactors(at: points)
        let j = factors.dense, p = j.columns
        let zero = (0..<p).filter { c in (0..<j.rows).allSatisfy { j[$0, c] == 0 } }
        #expect(zero.count >= 9)
        var mask = [Bool](repeating: false, count: p)
        for c in zero { mask[c] = true }
        #expect(factors.vanishes(onColumns: mask))
        let live = try #require((0..<p).first { !mask[$0] })
        mask[live] = true
        #expect(!factors.vanishes(onColumns: mask))
        // The Gram engine from the factors, then the deflation fed factored blocks of 13 points.
        var engine = try GramFactorization(columns: p)
        try engine.append(factored: factors)
        _ = try engine.numericRank(rows: j.rows, tolerance: nil, ambiguityRatio: 1e3)
        #expect(try engine.beginDeflation(memory: nil, blockRows: 26))
        repeat {
            for start in stride(from: 0, to: 40, by: 13) {
                try engine.deflate(factored: numeric.jacobianFactors(at: Array(points[start..<Swift.min(40, start + 13)])))
            }
        } while try engine.finishDeflationPass()
        let result = try #require(try engine.finishDeflation(tolerance: nil, ambiguityRatio: 1e3))
        let d = try #require(engine.gramEvidence?.deflation)
        #expect(d.zeroColumns == zero.count)
        let svd = try j.numericRank()
        #expect(!svd.isAmbiguous && result.rank == svd.rank)
        let null = try Matrix(rowArrays: engine.nullBasis(rank: result.rank), columns: p)!
        #expect(null.rows == p - svd.rank)
        for z in zero { #expect(Self.holdsUnitRow(null, z)) }
        let scale = j.elements.reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(j.multiplied(by: null.transposed)!.elements.allSatisfy { Swift.abs($0) <= 1e-10 * scale })
    }

    /// The memory plan counts S's reduced k and the e_j rows: 8·(2·r₁·k + 4·k² + b·n + 2·n·k + n·z).
    @Test func memoryPlanUsesTheReducedTrailingColumns() {
        let n = 100, r = 40, z = 20, b = 8, k = n - r - z
        #expect(SchurDeflation.memoryNeeded(columns: n, leading: r, zero: z, blockRows: b) == 8 * (2 * r * k + 8 * k * k + b * n + 2 * n * k + n * z))
        #expect(SchurDeflation.memoryNeeded(columns: n, leading: r, zero: n - r + 1, blockRows: b) == nil)
        #expect(SchurDeflation.memoryNeeded(columns: n, leading: r, zero: z, blockRows: b)! < SchurDeflation.memoryNeeded(columns: n, leading: r, blockRows: b)!)
    }
}
