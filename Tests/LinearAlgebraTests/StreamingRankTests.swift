import Exact
import PropertyBased
import Testing

@testable import LinearAlgebra

/// An m × n matrix of rank exactly k in floating point: U·V with U = [I; random], V = [I | random]
/// (full column and row rank by construction), entries in [−1, 1).
func lowRankDouble(_ m: Int, _ n: Int, _ k: Int, _ g: inout SplitMix) -> Matrix<Double> {
    var u = Matrix<Double>(rows: m, columns: k, repeating: 0), v = Matrix<Double>(rows: k, columns: n, repeating: 0)
    for i in 0..<m { for j in 0..<k { u[i, j] = i < k ? (i == j ? 1 : 0) : g.nextSignedUnitDouble() } }
    for i in 0..<k { for j in 0..<n { v[i, j] = j < k ? (i == j ? 1 : 0) : g.nextSignedUnitDouble() } }
    return matrixProduct(u, v)
}

func matrixProduct(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
    a.multiplied(byTransposeOf: b.transposed)!
}

extension SplitMix64 {
    mutating func nextSignedUnitDouble() -> Double { Double(next() >> 11) * 0x1p-52 - 1 }
}

func rows(_ a: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
    Matrix(rows: range.count, columns: a.columns, elements: Array(a.elements[(range.lowerBound * a.columns)..<(range.upperBound * a.columns)]))!
}

/// Read in blocks of any size, a rank-k matrix has streaming rank k; the selected rows have rank
/// k themselves; the null-space basis is orthonormal, has n − k columns and is annihilated by
/// every row (‖A·N‖ at round-off level relative to ‖A‖).
@Test func streamingRankOfLowRankProducts() async {
    await propertyCheck(input: Gen.int(in: 0...10_000)) { seed in
        var g = SplitMix(state: UInt64(seed))
        let m = g.int(1...40), n = g.int(1...30), k = g.int(0...min(m, n))
        let a = lowRankDouble(m, n, k, &g)
        var engine = try! StreamingRank(columns: n)
        var start = 0
        while start < m {
            let b = g.int(1...12), end = min(m, start + b)
            _ = try! engine.absorb(rows(a, start..<end))
            start = end
        }
        #expect(engine.rank == k)
        #expect(engine.selectedRows.count == k && Set(engine.selectedRows).count == k)
        let selected = Matrix(rowArrays: engine.selectedRows.map { Array(a.row($0)) }, columns: n)!
        if k > 0 {
            let sigma = try! selected.singularValues()
            #expect(sigma.filter { $0 > 1e-9 * sigma[0] }.count == k)
        }
        let basis = engine.nullSpaceBasis
        #expect(basis.columns == n - k)
        if basis.columns > 0 {
            let gram = matrixProduct(basis.transposed, basis)
            for i in 0..<gram.rows { for j in 0..<gram.columns { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-10) } }
            let scale = a.elements.map(abs).max() ?? 1
            #expect(matrixProduct(a, basis).elements.allSatisfy { abs($0) < 1e-9 * max(1, scale) * Double(n) })
        }
        #expect(engine.evidence.rowsRead == m)
    }
}

/// The evidence brackets the spectrum of the whole matrix: σ_r(A) ≥ σ_r(selected rows) (Cauchy
/// interlacing), σ_{r+1}(A) ≤ ‖E‖_F (rejected residuals) — here on a matrix whose rank-k part is
/// perturbed by 10⁻¹² noise, so that σ_{r+1} is tiny but not zero.
@Test func evidenceBracketsTheSpectrum() throws {
    var g = SplitMix(state: 3)
    for _ in 0..<10 {
        let m = g.int(20...50), n = g.int(5...20), k = g.int(1...(n - 1))
        var a = lowRankDouble(m, n, k, &g)
        for i in 0..<a.elements.count { a.elements[i] += 1e-12 * g.nextSignedUnitDouble() }
        var engine = try StreamingRank(columns: n)
        _ = try engine.absorb(rows(a, 0..<(m / 2)))
        _ = try engine.absorb(rows(a, (m / 2)..<m))
        #expect(engine.rank == k)
        let sigma = try a.singularValues()
        let selected = Matrix(rowArrays: engine.selectedRows.map { Array(a.row($0)) }, columns: n)!
        let sigmaS = try selected.singularValues()
        #expect(sigma[k - 1] >= sigmaS[k - 1] * (1 - 1e-9))
        #expect(sigma[k] <= engine.evidence.rejectedResidualNorm * (1 + 1e-6) + 1e-15)
        #expect(engine.evidence.largestRejectedComponent < engine.evidence.threshold)
        #expect(engine.evidence.smallestSelectedComponent > engine.evidence.threshold)
        #expect(!engine.evidence.isAmbiguous(ambiguityRatio: 100))
    }
}

/// ``StreamingRank/nullSpaceComponent(of:)`` is the test "does this row add rank": ≈ 0 for a
/// combination of the rows read, ≈ 1 for a vector in the null space, and absorbing a row with a
/// large component raises the rank by one.
@Test func nullSpaceComponentDecidesWhetherARowAddsRank() throws {
    var g = SplitMix(state: 9)
    let a = lowRankDouble(12, 10, 6, &g)
    var engine = try StreamingRank(columns: 10)
    _ = try engine.absorb(a)
    let inSpan = (0..<10).map { j in a[0, j] - 2 * a[3, j] + 0.5 * a[7, j] }
    #expect(engine.nullSpaceComponent(of: inSpan) < 1e-12)
    let direction = Array(engine.nullSpaceBasis.transposed.row(0))
    #expect(abs(engine.nullSpaceComponent(of: direction) - 1) < 1e-12)
    #expect(engine.nullSpaceComponent(of: [Double](repeating: 0, count: 10)) == 0)
    let added = try engine.absorb(Matrix(rowArrays: [inSpan, direction])!)
    #expect(added == [1] && engine.rank == 7 && engine.selectedRows.last == 13)
}

@Test func memoryPlanCountsTheBasisAndOneBlock() {
    #expect(StreamingRank.memoryNeeded(columns: 1000, blockRows: 100) == 8 * (2 * 1_000_000 + 2 * 100_000))
    #expect(StreamingRank.memoryNeeded(columns: Int.max / 2, blockRows: 1) == nil)
}
