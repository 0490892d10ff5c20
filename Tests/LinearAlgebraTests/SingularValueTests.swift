import LinearAlgebra
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif
import PropertyBased
import Testing

/// Singular values and the SVD through LAPACK `dgesdd`, checked against matrices whose singular
/// values are known by construction, and the BLAS product against the definition.
@Suite struct SingularValueTests {
    /// A deterministic pseudo-random matrix with entries in [−1, 1].
    static func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix<Double> {
        var state = seed &* 6364136223846793005 &+ 1442695040888963407
        var elements: [Double] = []
        for _ in 0..<(rows * columns) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            elements.append(Double(state >> 11) / Double(1 << 53) * 2 - 1)
        }
        return Matrix(rows: rows, columns: columns, elements: elements)!
    }

    /// An orthogonal n × n matrix: a product of Givens rotations with pseudo-random angles.
    static func orthogonal(_ n: Int, seed: UInt64) -> Matrix<Double> {
        var q = Matrix<Double>.identity(n)
        let angles = random(n, n, seed: seed)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let t = angles[i, j] * .pi
                var g = Matrix<Double>.identity(n)
                g[i, i] = cos(t); g[j, j] = cos(t); g[i, j] = -sin(t); g[j, i] = sin(t)
                q = q.multiplied(by: g)!
            }
        }
        return q
    }

    static func diagonal(_ rows: Int, _ columns: Int, _ d: [Double]) -> Matrix<Double> {
        var m = Matrix(rows: rows, columns: columns, repeating: 0.0)
        for (i, v) in d.enumerated() { m[i, i] = v }
        return m
    }

    static func close(_ a: [Double], _ b: [Double], tolerance: Double) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= tolerance }
    }

    /// The numeric-rank cut τ = σ₁·max(m, n)·ε of an m × n matrix with largest singular value σ₁
    /// (numpy's default, and `NumericRank`'s): a zero singular value computes to at most about
    /// this (the SVD is backward stable); the last digits below it depend on the BLAS kernel.
    static func cut(_ s: [Double], _ m: Int, _ n: Int) -> Double { (s.first ?? 0) * Double(max(m, n)) * Double.ulpOfOne }

    /// A backward-error bound for quantities computed from an SVD of an m × n matrix of norm
    /// `norm`: 100·max(m, n)·ε·norm (LAPACK's bound is a modest polynomial in the size times
    /// ε·‖A‖₂; the factor 100 keeps every kernel's rounding well inside, a wrong result is O(norm)).
    static func roundOffBound(_ m: Int, _ n: Int, norm: Double) -> Double { 100 * Double(max(m, n)) * Double.ulpOfOne * norm }

    @Test func diagonalMatrixHasTheSortedAbsoluteDiagonal() throws {
        let d = [3.0, -7.0, 0.5, 0.0, 2.0]
        let s = try Self.diagonal(5, 5, d).singularValues()
        #expect(s == [7, 3, 2, 0.5, 0])  // a diagonal matrix needs no rounding at all
        #expect(try Self.diagonal(3, 5, [1, -4, 2]).singularValues() == [4, 2, 1])
        #expect(try Self.diagonal(5, 2, [-1, 9]).singularValues() == [9, 1])
    }

    /// σ(Q₁·D·Q₂ᵀ) = |diag D| sorted, for orthogonal Q₁, Q₂ (backward stability: error ≲ n·ε·σ₁).
    @Test(arguments: [(4, 4), (6, 3), (3, 7), (10, 10)])
    func orthogonalTimesDiagonalTimesOrthogonal(rows: Int, columns: Int) throws {
        let k = min(rows, columns)
        let d = (0..<k).map { Double(k - $0) * 1.5 }
        let a = Self.orthogonal(rows, seed: UInt64(rows)).multiplied(by: Self.diagonal(rows, columns, d))!
            .multiplied(by: Self.orthogonal(columns, seed: UInt64(100 + columns)).transposed)!
        let s = try a.singularValues()
        #expect(Self.close(s, d, tolerance: 1e-12 * d[0] * Double(rows + columns)))
    }

    @Test func rankDeficientMatricesHaveZeroSingularValues() throws {
        // u·vᵀ has rank 1 and σ₁ = ‖u‖·‖v‖.
        let u = [1.0, 2, 2], v = [3.0, 0, 4, 0]
        let outer = Matrix(rows: 3, columns: 4, elements: u.flatMap { ui in v.map { ui * $0 } })!
        let s = try outer.singularValues()
        #expect(Swift.abs(s[0] - 15) <= Self.roundOffBound(3, 4, norm: 15) && s.dropFirst().allSatisfy { $0 <= Self.cut(s, 3, 4) })
        // Two equal rows and a zero column: rank 2 of 3.
        let b = Matrix(rowArrays: [[1.0, 2, 0], [1, 2, 0], [0, 1, 0]])!
        let t = try b.singularValues()
        #expect(t[1] > 0.1 && t[2] <= Self.cut(t, 3, 3))
    }

    @Test func decompositionReconstructsTheMatrix() async {
        await propertyCheck(count: 30, input: Gen<Int>.int(in: 1...9), Gen<Int>.int(in: 1...9), Gen<UInt64>.uint64()) { m, n, seed in
            let a = Self.random(m, n, seed: seed)
            let svd = try a.singularValueDecomposition()
            let k = min(m, n)
            #expect(svd.u.rows == m && svd.u.columns == k && svd.vt.rows == k && svd.vt.columns == n)
            #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 } && svd.singularValues.last! >= 0)
            let values = try a.singularValues()
            let bound = Self.roundOffBound(m, n, norm: values[0])
            #expect(Self.close(svd.singularValues, values, tolerance: bound))
            let us = Matrix(rows: m, columns: k, elements: (0..<(m * k)).map { svd.u.elements[$0] * svd.singularValues[$0 % k] })!
            let product = us.multiplied(by: svd.vt)!
            #expect(Self.close(product.elements, a.elements, tolerance: bound))
            // Orthonormal columns of U and rows of Vᵀ (norm 1).
            let unit = Self.roundOffBound(m, n, norm: 1)
            #expect(Self.close(svd.u.transposed.multiplied(by: svd.u)!.elements, Matrix<Double>.identity(k).elements, tolerance: unit))
            #expect(Self.close(svd.vt.multiplied(by: svd.vt.transposed)!.elements, Matrix<Double>.identity(k).elements, tolerance: unit))
        }
    }

    @Test func productAgreesWithTheDefinition() async {
        await propertyCheck(count: 30, input: Gen<Int>.int(in: 0...6), Gen<Int>.int(in: 0...6), Gen<Int>.int(in: 0...6), Gen<UInt64>.uint64()) { m, k, n, seed in
            let a = Self.random(m, k, seed: seed), b = Self.random(k, n, seed: seed &+ 1)
            guard let c = a.multiplied(by: b) else {
                Issue.record("shapes \(m)×\(k) · \(k)×\(n) were refused")
                return
            }
            #expect(c.rows == m && c.columns == n)
            for i in 0..<m {
                for j in 0..<n {
                    let sum = (0..<k).reduce(0.0) { $0 + a[i, $1] * b[$1, j] }
                    #expect(Swift.abs(c[i, j] - sum) <= 1e-14)  // k ≤ 6 terms of size ≤ 1
                }
            }
        }
        #expect(Self.random(2, 3, seed: 1).multiplied(by: Self.random(2, 3, seed: 2)) == nil)
        #expect(Matrix(rows: 2, columns: 0, repeating: 1.0).multiplied(by: Matrix(rows: 0, columns: 3, repeating: 1.0)) == Matrix(rows: 2, columns: 3, repeating: 0.0))
    }

    @Test func emptyAndNonFiniteMatricesThrowBeforeLAPACKSeesThem() {
        for empty in [Matrix(rows: 0, columns: 3, repeating: 1.0), Matrix(rows: 3, columns: 0, repeating: 1.0), Matrix(rows: 0, columns: 0, repeating: 1.0)] {
            #expect(throws: LinearAlgebraError.emptyMatrix) { try empty.singularValues() }
            #expect(throws: LinearAlgebraError.emptyMatrix) { try empty.singularValueDecomposition() }
        }
        for bad in [Double.nan, .infinity, -.infinity] {
            var a = Self.random(3, 4, seed: 7)
            a[2, 1] = bad
            #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 2, column: 1)) { try a.singularValues() }
            #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 2, column: 1)) { try a.singularValueDecomposition() }
        }
        #expect(LinearAlgebraError.nonFiniteEntry(row: 2, column: 1).description.contains("(2, 1)"))
    }
}

@Suite struct MatrixTests {
    @Test func constructionAndShape() {
        #expect(Matrix(rows: 2, columns: 2, elements: [1, 2, 3]) == nil)
        #expect(Matrix(rows: -1, columns: 0, elements: [Int]()) == nil)
        #expect(Matrix(rowArrays: [[1, 2], [3]]) == nil)
        #expect(Matrix<Int>(rowArrays: [], columns: -2) == nil)
        let m = Matrix(rowArrays: [[1, 2, 3], [4, 5, 6]])!
        #expect(m.rows == 2 && m.columns == 3 && m[1, 0] == 4 && Array(m.row(1)) == [4, 5, 6])
        #expect(m.transposed.rowArrays == [[1, 4], [2, 5], [3, 6]] && m.transposed.transposed == m)
        #expect(m.map { $0 * 2 }.elements == [2, 4, 6, 8, 10, 12])
        #expect(Matrix<Int>(rowArrays: [], columns: 4)?.columns == 4)
        var copy = m
        copy[0, 0] = 9
        #expect(m[0, 0] == 1)
    }
}
