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
        }
        #expect(numericRowRank([e(0), e(3), e(3), a, b, c, d, f], columns: P) == 5)
        #expect(numericRowRank([], columns: P) == 0)
    }
}
