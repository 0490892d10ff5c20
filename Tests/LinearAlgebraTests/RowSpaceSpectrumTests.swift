import Foundation
import LinearAlgebra
import Testing

/// The ends of the spectrum from one QR of Mᵀ (``RowSpaceSpectrum``) against `dgesdd` of M, on
/// matrices built with known singular values: M = U·diag(σ)·V[:, 0..<r]ᵀ with U, V orthogonal.
@Suite struct RowSpaceSpectrumTests {
    /// A random orthogonal n × n matrix: the U of a random matrix's SVD.
    static func orthogonal(_ n: Int, seed: UInt64) throws -> Matrix<Double> {
        try SingularValueTests.random(n, n, seed: seed).singularValueDecomposition().u
    }

    /// r × n with singular values `sigma` (r of them) and the right singular vectors V's first r columns.
    static func built(_ sigma: [Double], columns n: Int, seed: UInt64) throws -> (M: Matrix<Double>, V: Matrix<Double>) {
        let r = sigma.count
        let U = try orthogonal(r, seed: seed), V = try orthogonal(n, seed: seed + 100)
        var scaled = Matrix(rows: r, columns: n, repeating: 0.0)
        for i in 0..<r { for j in 0..<r { scaled[i, j] = U[i, j] * sigma[j] } }
        return (scaled.multiplied(by: V.transposed)!, V)
    }

    /// σ = 100 … 1 spread geometrically over `r − tiny` values, then `tiny` values at 10⁻¹⁴ (below the cut).
    static func spectrum(rows r: Int, tiny: Int) -> [Double] {
        let spread = r - tiny
        let step = Foundation.pow(0.01, 1 / Double(spread - 1))
        var values: [Double] = [100]
        while values.count < spread { values.append(values[values.count - 1] * step) }
        let small: [Double] = (0..<tiny).map { 1e-14 * Double(tiny - $0) }
        return values + small
    }

    @Test(arguments: [UInt64(1), 2])
    func bothEndsAgreeWithTheFullSVD(seed: UInt64) throws {
        let r = 150, n = 180
        let (M, _) = try Self.built(Self.spectrum(rows: r, tiny: 5), columns: n, seed: seed)
        let reference = try M.singularValuesOfTranspose()
        var spectrum = try RowSpaceSpectrum(M)
        #expect(spectrum.all == nil)
        #expect(abs(spectrum.largest - reference[0]) <= 1e-6 * reference[0])
        let cut = SingularValueTests.cut(reference, r, n)
        try spectrum.computeSmallest(untilAbove: cut, count: 3)
        #expect(spectrum.all == nil)  // the iteration converged: no full SVD
        // The five values below the cut and at least the three above it, each as the SVD has it
        // (within 10⁻⁶ relative, or the round-off level where the SVD's own digits are noise).
        #expect(spectrum.smallest.count >= 8 && spectrum.smallest.count < r)
        #expect(spectrum.smallest.filter { $0 <= cut }.count == 5)
        #expect(spectrum.smallest.filter { $0 > cut }.count >= 3)
        let noise = SingularValueTests.roundOffBound(r, n, norm: reference[0])
        for (k, value) in spectrum.smallest.enumerated() {
            #expect(abs(value - reference[r - 1 - k]) <= max(1e-6 * reference[r - 1 - k], noise))
        }
    }

    /// A row of tiny norm (a direction the rows hold only at round-off) and an exactly zero row:
    /// the triangular factor has zero-sized diagonal entries, which the solves must get past.
    @Test func rowsAtRoundOffAndZeroRowsStayBelowTheCut() throws {
        let r = 90, n = 100
        var (M, _) = try Self.built(Self.spectrum(rows: r, tiny: 0), columns: n, seed: 7)
        for j in 0..<n {
            M[r - 1, j] = 0
            M[r - 2, j] *= 1e-18
        }
        let reference = try M.singularValuesOfTranspose()
        let cut = SingularValueTests.cut(reference, r, n)
        var spectrum = try RowSpaceSpectrum(M)
        try spectrum.computeSmallest(untilAbove: cut, count: 3)
        #expect(spectrum.all == nil)
        #expect(spectrum.smallest.filter { $0 <= cut }.count == reference.filter { $0 <= cut }.count)
        #expect(spectrum.smallest.filter { $0 <= cut }.count == 2)
        let above = spectrum.smallest.filter { $0 > cut }
        #expect(above.count >= 3)
        for (k, value) in spectrum.smallest.enumerated() where value > cut {
            #expect(abs(value - reference[r - 1 - k]) <= 1e-6 * reference[r - 1 - k])
        }
    }

    @Test func smallestVectorsSpanTheConstructedOnes() throws {
        let r = 100, n = 120, count = 4
        let sigma = Self.spectrum(rows: r - count, tiny: 0) + [1e-6, 1e-7, 1e-8, 1e-9]
        let (M, V) = try Self.built(sigma, columns: n, seed: 11)
        var spectrum = try RowSpaceSpectrum(M)
        try spectrum.computeSmallest(count: count)
        let vectors = try spectrum.smallestRightSingularVectors(count: count)
        #expect(vectors.rows == count && vectors.columns == n)
        // Smallest first: vector k lies along V[:, r − 1 − k].
        for k in 0..<count {
            let v = Array(vectors.row(k))
            let along = (0..<n).reduce(0.0) { $0 + v[$1] * V[$1, r - 1 - k] }
            #expect(abs(abs(along) - 1) < 1e-8)
        }
    }

    @Test func fewRowsGiveEverySingularValue() throws {
        let M = SingularValueTests.random(10, 30, seed: 5)
        let spectrum = try RowSpaceSpectrum(M)
        let reference = try M.singularValuesOfTranspose()
        let all = try #require(spectrum.all)
        #expect(SingularValueTests.close(all, reference, tolerance: SingularValueTests.roundOffBound(10, 30, norm: reference[0])))
        #expect(try RowSpaceSpectrum(Matrix(rows: 0, columns: 4, repeating: 0)).all == [])
        #expect(throws: LinearAlgebraError.self) { try RowSpaceSpectrum(SingularValueTests.random(5, 3, seed: 1)) }
    }
}

/// A spectrum known near the cut only reads the same rank, gap and window as the full one.
@Suite struct NumericRankNearTheCutTests {
    @Test func skippedValuesCountAboveTheCut() {
        // σ = 10, 9, …, 1 then 10⁻²⁰, 0: rank 10 of 12.
        let full = (1...10).reversed().map(Double.init) + [1e-20, 0]
        let whole = NumericRank(singularValues: full, rows: 12, columns: 12, tolerance: nil, ambiguityRatio: 1e3)
        let near = NumericRank(largest: 10, smallest: Array(full.suffix(5)), count: 12, rows: 12, columns: 12, tolerance: nil, ambiguityRatio: 1e3)
        #expect(near.skipped == 6 && near.count == 12)
        #expect(near.rank == 10 && whole.rank == 10)
        #expect(near.gapRatio == whole.gapRatio && near.tolerance == whole.tolerance && near.isAmbiguous == whole.isAmbiguous)
        #expect(near.spectrumAroundCut().map(\.index) == whole.spectrumAroundCut().map(\.index))
        #expect(near.spectrumAroundCut().map(\.value) == whole.spectrumAroundCut().map(\.value))
        #expect(near.singularValue(1) == 10 && near.singularValue(2) == nil && near.singularValue(7) == nil)
        #expect(near.singularValue(8) == 3 && near.singularValue(12) == 0 && near.singularValue(13) == nil)
    }
}
