import LinearAlgebra
import PropertyBased
import Testing

/// The two-lane streaming QR: the factor of [R₀; R₁] is one of S (SᵀS = RᵀR), so its singular
/// values are S's to QR's accuracy — far below the Gram matrix's √ε floor — whatever the blocks.
@Suite struct LanedTriangularFactorTests {
    typealias S = SingularValueTests

    /// S split into blocks of `size` rows (the last takes the rest), fed to a laned factor.
    static func factor(_ s: Matrix<Double>, block size: Int) throws -> LanedTriangularFactor {
        var f = try LanedTriangularFactor(columns: s.columns)
        var start = 0
        while start < s.rows {
            let end = min(s.rows, start + size)
            try f.append(rows: TriangularFactorTests.rows(s, start..<end))
            start = end
        }
        return f
    }

    /// R (k × k column-major upper) as a row-major matrix.
    static func matrix(columnMajor r: [Double], order k: Int) -> Matrix<Double> {
        Matrix(rows: k, columns: k, elements: (0..<(k * k)).map { r[($0 / k) + ($0 % k) * k] })!
    }

    /// Random shapes and block sizes (1-row blocks give lane 1 nothing; blocks shorter than k
    /// leave R rank deficient for a while): R is upper triangular, RᵀR = SᵀS to ≤ 10·m·k·ε·‖S‖_F²
    /// entrywise, and σ(R) = σ(S) to ≤ 10·m·k·ε·σ₁ (Householder QR is backward stable with
    /// ‖ΔS‖ ≤ c·m·k·ε·‖S‖, Higham, *Accuracy and Stability of Numerical Algorithms*, Thm 19.4;
    /// then Weyl's inequality).
    @Test func factorIsOneOfS() async {
        await propertyCheck(input: Gen.int(in: 1...50), Gen.int(in: 1...20), Gen.int(in: 1...13)) { m, k, b in
            let s = S.random(m, k, seed: UInt64(m * 1000 + k * 10 + b))
            var f = try Self.factor(s, block: b)
            #expect(f.rowsRead == m)
            let r = Self.matrix(columnMajor: try f.combined(), order: k)
            #expect((0..<k).allSatisfy { i in (0..<i).allSatisfy { r[i, $0] == 0 } })
            let g = s.transposed.multiplied(by: s)!, h = r.transposed.multiplied(by: r)!
            let frobenius2 = s.elements.reduce(0) { $0 + $1 * $1 }
            let bound = 10 * Double(m * k) * Double.ulpOfOne
            #expect(zip(g.elements, h.elements).allSatisfy { Swift.abs($0 - $1) <= bound * frobenius2 })
            let direct = try s.singularValues(), viaR = Array(try r.singularValues().prefix(min(m, k)))
            #expect(direct.count == viaR.count)
            #expect(zip(direct, viaR).allSatisfy { Swift.abs($0 - $1) <= bound * (direct.first ?? 0) })
        }
    }

    /// A graded spectrum 1, 10⁻⁴, 10⁻⁹, 10⁻¹² (m = 60, k = 4): R carries each σ to ≤ m·k·ε·σ₁
    /// ≈ 5.3·10⁻¹⁴, so 10⁻⁹ and 10⁻¹² are resolved — the Gram matrix SᵀS resolves nothing below
    /// σ₁·√(m·ε) ≈ 1.2·10⁻⁷, and its two smallest eigenvalues are lost in round-off.
    @Test func gradedSpectrumBelowTheGramFloor() throws {
        let d = [1, 1e-4, 1e-9, 1e-12], m = 60, k = 4
        let s = S.orthogonal(m, seed: 17).multiplied(by: S.diagonal(m, k, d))!.multiplied(by: S.orthogonal(k, seed: 19).transposed)!
        var f = try Self.factor(s, block: 7)
        let sigma = try Self.matrix(columnMajor: try f.combined(), order: k).singularValues()
        let bound = Double(m * k) * Double.ulpOfOne * d[0]
        #expect(zip(sigma, d).allSatisfy { Swift.abs($0 - $1) <= bound })
        #expect(sigma[3] > 0.5e-12 && sigma[3] < 1.5e-12)
    }

    /// The bits do not depend on the cores or the run: two factorisations of the same blocks agree
    /// exactly (each lane's rows are fixed by the block's length).
    @Test func factorIsDeterministic() throws {
        let s = S.random(97, 23, seed: 5)
        var a = try Self.factor(s, block: 10), b = try Self.factor(s, block: 10)
        #expect(a.largestSingularValue() == b.largestSingularValue())
        #expect(try a.combined() == b.combined())
    }

    /// ‖S‖₂ by power iteration from below: within 10⁻⁶ of σ₁ = 2 when σ₂ = 1 (the error falls
    /// as (σ₂/σ₁)⁶⁰), never above it beyond round-off; 0 before any rows.
    @Test func largestSingularValueFromBothLanes() throws {
        let d = [2.0, 1, 0.5, 0.25], m = 40
        let s = S.orthogonal(m, seed: 3).multiplied(by: S.diagonal(m, 4, d))!.multiplied(by: S.orthogonal(4, seed: 4).transposed)!
        let f = try Self.factor(s, block: 9)
        let norm = f.largestSingularValue()
        #expect(norm <= 2 * (1 + 1e-12) && norm >= 2 * (1 - 1e-6))
        #expect(try LanedTriangularFactor(columns: 4).largestSingularValue() == 0)
    }

    /// A bad entry is named by its row in the block (not in a lane's half), before LAPACK runs.
    @Test func invalidBlocksThrowBeforeLAPACK() throws {
        var f = try LanedTriangularFactor(columns: 3)
        #expect(throws: LinearAlgebraError.self) { try f.append(rows: Matrix(rows: 2, columns: 4, repeating: 1.0)) }
        #expect(throws: LinearAlgebraError.nonFiniteEntry(row: 3, column: 1)) {
            try f.append(rows: Matrix(rowArrays: [[1.0, 2, 3], [4, 5, 6], [7, 8, 9], [1, .infinity, 0]])!)
        }
        #expect(f.rowsRead == 0)
        #expect(throws: LinearAlgebraError.emptyMatrix) { try LanedTriangularFactor(columns: 0) }
    }
}
