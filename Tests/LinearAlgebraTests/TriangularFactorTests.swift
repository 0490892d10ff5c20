import LinearAlgebra
import PropertyBased
import Testing

/// The QR path to singular values: R from `dgeqrf` and the block-updated ``TriangularFactor``
/// satisfy RᵀR = JᵀJ, so their singular values and null spaces are J's.
@Suite struct TriangularFactorTests {
    typealias S = SingularValueTests

    /// Rows `range` of `a` as a matrix.
    static func rows(_ a: Matrix<Double>, _ range: Range<Int>) -> Matrix<Double> {
        Matrix(rows: range.count, columns: a.columns, elements: Array(a.elements[(range.lowerBound * a.columns)..<(range.upperBound * a.columns)]))!
    }

    /// J split into blocks of the given sizes (the last takes the rest), fed to a factor.
    static func factor(_ j: Matrix<Double>, blocks: [Int]) throws -> TriangularFactor {
        var f = try TriangularFactor(columns: j.columns)
        var start = 0
        for size in blocks + [j.rows] {
            let end = min(j.rows, start + size)
            if end > start { try f.append(rows: rows(j, start..<end)) }
            start = end
        }
        return f
    }

    /// Relative agreement of two spectra: |σᵢ − σᵢ'| ≤ 10⁻¹²·σ₁ (both are backward stable).
    static func agree(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { Swift.abs($0 - $1) <= 1e-12 * max(a.first ?? 0, 1e-300) }
    }

    @Test func gramMatrixIsPreserved() throws {
        let j = S.random(9, 5, seed: 3)
        let r = try j.qrTriangularFactor()
        #expect(r.rows == 5 && (0..<5).allSatisfy { i in (0..<i).allSatisfy { r[i, $0] == 0 } })
        let g = j.transposed.multiplied(by: j)!, h = r.transposed.multiplied(by: r)!
        #expect(zip(g.elements, h.elements).allSatisfy { Swift.abs($0 - $1) <= 1e-13 * 9 })
        let f = try Self.factor(j, blocks: [2, 4])
        let h2 = f.r.transposed.multiplied(by: f.r)!
        #expect(zip(g.elements, h2.elements).allSatisfy { Swift.abs($0 - $1) <= 1e-13 * 9 })
        #expect(f.rowsAdded == 9)
    }

    /// Singular values via R equal those of J, for random shapes and random block splits
    /// (including blocks shorter than n, so R is rank deficient at first).
    @Test func singularValuesMatchThoseOfJ() async {
        await propertyCheck(input: Gen.int(in: 1...40), Gen.int(in: 1...25), Gen.int(in: 1...12)) { m, n, b in
            let j = S.random(m, n, seed: UInt64(m * 1000 + n * 10 + b))
            let direct = try j.singularValues()
            let viaR = try Self.factor(j, blocks: Array(repeating: b, count: m / b + 1)).singularValues()
            let viaQR = try j.qrTriangularFactor().singularValues()
            #expect(Self.agree(direct, viaR))
            #expect(Self.agree(direct, viaQR))
        }
    }

    /// Known spectrum: J = Q₁·D·Q₂ᵀ fed in three blocks.
    @Test func knownSpectrumThroughBlocks() throws {
        let d = (0..<8).map { Double(8 - $0) * 1.25 }
        let j = S.orthogonal(20, seed: 5).multiplied(by: S.diagonal(20, 8, d))!.multiplied(by: S.orthogonal(8, seed: 9).transposed)!
        let s = try Self.factor(j, blocks: [3, 11]).singularValues()
        #expect(S.close(s, d, tolerance: 1e-12 * d[0] * 28))
    }

    /// The rank seen through R grows as rows are added: J = A·B with A random m × r, B random
    /// r × n has rank min(rows so far, r); appending rows from outside the row space raises it.
    @Test(arguments: [(3, 10), (6, 10), (10, 10)])
    func rankUpdatesAfterAddingRows(r: Int, n: Int) throws {
        let a = S.random(30, r, seed: 11), b = S.random(r, n, seed: 12)
        let j = a.multiplied(by: b)!
        var f = try TriangularFactor(columns: n)
        func rank(_ f: TriangularFactor) throws -> Int {
            try NumericCut.rank(f.singularValues(), rows: f.rowsAdded, columns: n)
        }
        var seen = 0
        for size in [1, 2, 4, 8, 15] {
            try f.append(rows: Self.rows(j, seen..<(seen + size)))
            seen += size
            #expect(try rank(f) == min(seen, r))
        }
        // Rows of a generic matrix leave the row space of B: full rank n once enough are added.
        try f.append(rows: S.random(n - r + 1, n, seed: 13))
        #expect(try rank(f) == n)
    }

    /// The null space of R is that of J: vectors in null(B) are annihilated by R to round-off.
    @Test func nullSpaceIsPreserved() throws {
        let b = Matrix(rowArrays: [[1.0, 2, 0, -1, 3], [0, 1, 1, 2, -2], [2, 0, -1, 1, 1]])!
        let j = S.random(12, 3, seed: 21).multiplied(by: b)!
        let f = try Self.factor(j, blocks: [5])
        // v₁, v₂ span null(B) (checked exactly against B's rows).
        let nulls: [[Double]] = [[-7, 5, -11, 3, 0], [5, -7, 13, 0, 3]]
        for v in nulls {
            #expect((0..<3).allSatisfy { i in (0..<5).reduce(0.0) { $0 + b[i, $1] * v[$1] } == 0 })
            let rv = (0..<5).map { i in (0..<5).reduce(0.0) { $0 + f.r[i, $1] * v[$1] } }
            #expect(rv.allSatisfy { Swift.abs($0) <= 1e-12 * 100 })
        }
    }

    @Test func invalidInputThrowsBeforeLAPACK() throws {
        #expect(throws: LinearAlgebraError.emptyMatrix) { try TriangularFactor(columns: 0) }
        var f = try TriangularFactor(columns: 3)
        #expect(throws: LinearAlgebraError.self) { try f.append(rows: Matrix(rows: 2, columns: 4, repeating: 1.0)) }
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 1, column: 2)) {
            try f.append(rows: Matrix(rowArrays: [[1.0, 2, 3], [4, 5, .nan]])!)
        }
        #expect(f.rowsAdded == 0)
        #expect(try f.singularValues() == [])
        #expect(throws: LinearAlgebraError.emptyMatrix) { try Matrix(rows: 0, columns: 3, repeating: 0.0).qrTriangularFactor() }
    }
}

/// The numeric-rank cut used in these tests: σᵢ > σ₁·max(m, n)·ε (numpy's default).
enum NumericCut {
    static func rank(_ s: [Double], rows: Int, columns: Int) -> Int {
        let tau = (s.first ?? 0) * Double(max(rows, columns)) * Double.ulpOfOne
        return s.filter { $0 > tau }.count
    }
}
