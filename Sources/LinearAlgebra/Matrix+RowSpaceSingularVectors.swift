import CLAPACKE

extension Matrix where Scalar == Double {
    /// The right singular vectors of the `count` smallest singular values σ_{r−count+1} … σ_r of
    /// this r × n matrix M (r ≤ n, linearly independent rows), as the rows of a count × n matrix
    /// (smallest first): directions of M's row space only, not the n − r directions of its null
    /// space. From ``RowSpaceSpectrum``: Mᵀ = Q·R, R's left singular vectors w by inverse subspace
    /// iteration with R on count + max(8, count) vectors from a fixed pseudo-random start (the
    /// result depends on M alone) and a Rayleigh–Ritz step, then Q·w. The vectors are as good as
    /// the gap between σ_{r−count} and σ_{r−count+1} allows, like any computed singular vectors.
    ///
    /// Cost: ≈ 2·n·r² flops for the QR and ≈ 4·r²·ℓ per step, with 8·n·r bytes beside M —
    /// against ≈ 22·n³ flops and five n × n matrices for the SVD with vectors of M padded to
    /// n × n.
    public func smallestRowSpaceSingularVectors(count: Int) throws(LinearAlgebraError) -> Matrix<Double> {
        guard count > 0 else { return Matrix(rows: 0, columns: columns, repeating: 0) }
        guard rows <= columns, count <= rows else { throw .dimensionTooLarge(rows: rows, columns: columns) }
        return try RowSpaceSpectrum(self).smallestRightSingularVectors(count: count)
    }

    /// The singular values, largest first, as those of the transpose: the row-major elements are
    /// Mᵀ column-major, which LAPACK's `dgesdd` (no vectors) reads after one copy, without the
    /// transposed copy ``singularValues()`` makes through LAPACKE's row-major interface.
    public func singularValuesOfTranspose() throws(LinearAlgebraError) -> [Double] {
        try validateForLAPACK()
        var a = elements
        var s = [Double](repeating: 0, count: Swift.min(rows, columns))
        var u = [Double](repeating: 0, count: 1), vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(columns), Int32(rows), &a, Int32(columns), &s, &u, 1, &vt, 1)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        return s
    }
}
