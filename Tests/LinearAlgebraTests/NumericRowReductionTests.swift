import Foundation
import LinearAlgebra
import Testing

/// The sparse display of numeric null directions: the reduced rows span the input rows, carry a
/// pivot 1 where the other rows are 0, recover a sparse basis hidden by a rotation, and keep
/// their coefficients of order one when a column holds only round-off.
@Suite struct NumericRowReductionTests {
    /// Rows of Q·B for an orthogonal 2 × 2 rotation Q by `angle`.
    static func rotated(_ b: [[Double]], angle: Double) -> [[Double]] {
        let c = cos(angle), s = sin(angle)
        return [zip(b[0], b[1]).map { c * $0 + s * $1 }, zip(b[0], b[1]).map { -s * $0 + c * $1 }]
    }

    /// Every reduced row y_r has a pivot column p_r (y_r[p_r] = 1, every other row 0 there), and
    /// each input row x is Σ_r x[p_r]·y_r: the reduced rows span the input's rows.
    static func spans(_ reduced: [[Double]], _ input: [[Double]]) -> Bool {
        let found = reduced.indices.map { r in
            reduced[r].indices.first { j in reduced[r][j] == 1 && reduced.indices.allSatisfy { $0 == r || reduced[$0][j] == 0 } }
        }
        guard found.allSatisfy({ $0 != nil }) else { return false }
        let pivots = found.map { $0! }
        return input.allSatisfy { x in
            let scale = x.map(abs).max() ?? 0
            return x.indices.allSatisfy { j in
                abs(x[j] - zip(pivots, reduced).reduce(0) { $0 + x[$1.0] * $1.1[j] }) <= 1e-12 * scale
            }
        }
    }

    @Test(arguments: [0.3, 1.1, 2.0, 2.9])
    func recoversASparseBasisHiddenByARotation(_ angle: Double) {
        let basis: [[Double]] = [[1, -1, 0, 0, 0, 0], [0, 0, 1, 2, 0, 0]]
        let input = Self.rotated(basis, angle: angle)
        let reduced = numericReducedRows(input)
        #expect(reduced.count == 2)
        #expect(Self.spans(reduced, input))
        let supports = reduced.map { row in Set(row.indices.filter { row[$0] != 0 }) }
        #expect(Set(supports) == [[0, 1], [2, 3]])
        #expect(reduced.allSatisfy { $0.allSatisfy { abs($0) <= 2 } })
    }

    /// A column holding only round-off (10⁻⁹ of the rows' scale, above the default cutoff) is not
    /// taken as a pivot: pivoting column by column would divide by it and show coefficients ≈ 10⁹.
    @Test func aColumnOfRoundOffIsNoPivot() {
        let input: [[Double]] = [[1e-9, 1, -1, 0, 0.5], [3e-10, 0, 1, 1, -0.25]]
        let reduced = numericReducedRows(input)
        #expect(reduced.count == 2)
        #expect(Self.spans(reduced, input))
        #expect(reduced.allSatisfy { $0.allSatisfy { abs($0) <= 4 } })
        #expect(reduced.allSatisfy { $0[0] != 1 })
    }

    @Test func dependentAndZeroRowsDrop() {
        let input: [[Double]] = [[1, 2, 3], [2, 4, 6], [0, 0, 0], [0, 1, 1]]
        let reduced = numericReducedRows(input)
        #expect(reduced.count == 2)
        #expect(Self.spans(reduced, input))
        #expect(numericReducedRows([[0, 0], [0, 0]]).isEmpty)
        #expect(numericReducedRows([]).isEmpty)
    }
}

extension NumericRowReductionTests {
    /// Rows Q·B for a random orthogonal d × d matrix Q (Gram–Schmidt of Gaussian-like rows).
    static func mixed(_ b: [[Double]], seed: UInt64) -> [[Double]] {
        var state = seed
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) - 0.5
        }
        let d = b.count
        var q: [[Double]] = []
        while q.count < d {
            var v = (0..<d).map { _ in next() }
            for u in q {
                let t = zip(u, v).reduce(0) { $0 + $1.0 * $1.1 }
                v = zip(v, u).map { $0 - t * $1 }
            }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            if norm > 0.1 { q.append(v.map { $0 / norm }) }
        }
        return q.map { row in b[0].indices.map { j in zip(row, b).reduce(0) { $0 + $1.0 * $1.1[j] } } }
    }

    /// The display depends on the span only: two bases of one 3-dimensional subspace of ℝ⁸,
    /// mixed by different orthogonal matrices, give the same reduced rows to round-off.
    @Test(arguments: [UInt64(3), 17, 99])
    func theReducedRowsDependOnTheSpanOnly(_ seed: UInt64) {
        let span: [[Double]] = [
            [0.3, -1.2, 0.7, 0, 2.1, -0.4, 0.05, 1], [1.5, 0.2, -0.3, 0.9, 0, 0.6, -1.1, 0.2], [-0.7, 0.4, 1.3, -0.2, 0.8, 0, 0.3, -0.9],
        ]
        let a = numericReducedRows(Self.mixed(span, seed: seed)), b = numericReducedRows(Self.mixed(span, seed: seed &+ 1000))
        #expect(a.count == 3 && b.count == 3)
        #expect(Self.spans(a, span))
        #expect(zip(a, b).allSatisfy { zip($0, $1).allSatisfy { abs($0 - $1) <= 1e-12 } })
        #expect(a.allSatisfy { $0.allSatisfy { abs($0) <= 8 } })
    }

    /// A sparse basis of 24 rows with disjoint supports of 1–4 columns in ℝ³⁰⁰ (most columns 0),
    /// hidden by a random orthogonal mixing: the reduction recovers exactly those supports, each
    /// row a multiple of one original row, and spans the input — through 24 Householder steps,
    /// the norms downdated as the subspace shrinks, and the columns no row touches left out.
    @Test(arguments: [UInt64(5), 41])
    func recoversManyDisjointSupports(_ seed: UInt64) {
        let d = 24, n = 300
        var basis = [[Double]](repeating: [Double](repeating: 0, count: n), count: d)
        var supports: [Set<Int>] = []
        for i in 0..<d {
            let width = 1 + i % 4, start = 7 + i * 12
            for t in 0..<width { basis[i][start + t] = Double(t + 1) * (i % 2 == 0 ? 1 : -0.5) }
            supports.append(Set(start..<(start + width)))
        }
        let input = Self.mixed(basis, seed: seed)
        let reduced = numericReducedRows(input)
        #expect(reduced.count == d)
        #expect(Self.spans(reduced, input))
        #expect(Set(reduced.map { row in Set(row.indices.filter { row[$0] != 0 }) }) == Set(supports))
        #expect(reduced.allSatisfy { $0.allSatisfy { abs($0) <= 4 } })
    }
}
