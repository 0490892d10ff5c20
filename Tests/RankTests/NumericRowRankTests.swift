import LinearAlgebra
import Testing

@testable import Rank

/// The tangents' numeric rank counts coordinate rows exactly and sends only the rest to the SVD:
/// the same rank as the SVD of all the rows, on sets that mix coordinate vectors (repeated too)
/// with rows that touch their columns, rows that reduce to 0, and rows independent of them.
@Suite struct NumericRowRankTests {
    /// The rank of the plain SVD of all the rows, cut at 10⁻⁸·σ₁.
    static func plainRank(_ rows: [[Double]], columns: Int) throws -> Int {
        let s = try Matrix(rowArrays: rows, columns: columns)!.singularValues()
        return s.filter { $0 > 1e-8 * (s.first ?? 0) }.count
    }

    /// A dense row's nonzero entries.
    static func sparse(_ v: [Double]) -> CoordinateRowSplit.SparseRow { v.indices.compactMap { v[$0] != 0 ? ($0, v[$0]) : nil } }

    static func unit(_ v: [Double]) -> [Double] {
        let n = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return v.map { $0 / n }
    }

    @Test func coordinateRowsAreCountedExactly() throws {
        let P = 9
        func e(_ j: Int) -> [Double] { (0..<P).map { $0 == j ? 1 : 0 } }
        // e₀, e₃ (twice), a row on columns 0 and 3 only (in their span), two rescaling-like rows
        // sharing column 5, and their difference's multiple (dependent), a row on 7 and 8.
        let a = Self.unit([1, 0, 0, 2, 0, 0, 0, 0, 0]), b = Self.unit([0.5, 1, 0, 0, 0, -1, 0, 0, 0])
        let c = Self.unit([0, 0, 1, -3, 0, 2, 0, 0, 0])
        let d = Self.unit(zip(b, c).map { 2 * $0 - 3 * $1 })
        let f = Self.unit([0, 0, 0, 0, 0, 0, 0, 1, 1])
        let cases: [[[Double]]] = [
            [e(0), e(3), e(3), a, b, c, d, f],
            [e(0), e(3), a],
            [b, c, d, f],
            [e(4), e(4)],
            [e(1), e(2), b, Self.unit([0, 1, 1, 0, 0, 0, 0, 0, 0])],
        ]
        for rows in cases {
            #expect(numericRowRank(rows, columns: P) == (try Self.plainRank(rows, columns: P)))
            #expect(numericRowRank(sparse: rows.map(Self.sparse), columns: P) == numericRowRank(rows, columns: P))
        }
        #expect(numericRowRank([e(0), e(3), e(3), a, b, c, d, f], columns: P) == 5)
        #expect(numericRowRank([], columns: P) == 0)
    }
}

extension NumericRowRankTests {
    /// Null directions modulo a tangent span with coordinate tangents (e₀, e₃) and a tangent on
    /// several columns: the one hidden direction is h's part outside the span (here h itself
    /// touches e₃'s column and the other tangent), up to sign and scale — its reduced row, with
    /// 1 at the pivot (its largest entry), matches h⊥'s within 10⁻¹⁰, and nothing of the span is left in it.
    @Test func hiddenDirectionsLeaveTheCoordinateTangentsOut() throws {
        let P = 7
        func e(_ j: Int) -> [Double] { (0..<P).map { $0 == j ? 1 : 0 } }
        let t = Self.unit([0, 1, 0, 0, -1, 0, 0]), h = [0.0, 0.3, 1, 0.5, 0.2, 0, -0.7]
        // h⊥ = h without its columns 0 and 3 and without its component along t.
        var perp = h
        perp[0] = 0
        perp[3] = 0
        let along = zip(perp, t).reduce(0) { $0 + $1.0 * $1.1 }
        for j in 0..<P { perp[j] -= along * t[j] }
        // An orthonormal basis of span{e₀, e₃, t, h} (QR by Gram–Schmidt, twice).
        var null: [[Double]] = []
        for v in [e(0), e(3), t, h] {
            var w = v
            for _ in 0..<2 { for q in null { let c = zip(w, q).reduce(0) { $0 + $1.0 * $1.1 }; for j in 0..<P { w[j] -= c * q[j] } } }
            null.append(Self.unit(w))
        }
        let directions = Attribution.numericHiddenDirections(
            null: null, tangentRows: [e(0), e(3), t].map(Self.sparse), count: 1, names: (0..<P).map { "θ\($0)" })
        #expect(directions.count == 1)
        let got = try #require(directions.first)
        var dense = [Double](repeating: 0, count: P)
        for term in got.terms { dense[term.index] = term.numeric }
        // One row: its pivot is its largest entry (numericReducedRows), scaled to 1.
        let largest = perp.map { Swift.abs($0) }.max()!
        let pivot = try #require(perp.firstIndex { Swift.abs($0) == largest })
        #expect(Swift.abs(dense[pivot] - 1) <= 1e-10)
        for j in 0..<P { #expect(Swift.abs(dense[j] - perp[j] / perp[pivot]) <= 1e-10) }
        #expect(dense[0] == 0 && dense[3] == 0)
    }
}
