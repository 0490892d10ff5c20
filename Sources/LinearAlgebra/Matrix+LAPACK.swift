import CLAPACKE

extension Matrix where Scalar == Double {
    /// The identity matrix of size `n`.
    public static func identity(_ n: Int) -> Matrix<Double> {
        var m = Matrix(rows: n, columns: n, repeating: 0)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Throws unless the matrix is nonempty, fits LAPACK's 32-bit indices and has finite entries.
    /// Every LAPACK call of this module passes here first, so OpenBLAS is pinned to one thread
    /// before it (``BLASThreads``).
    func validateForLAPACK() throws(LinearAlgebraError) {
        _ = BLASThreads.pinnedToOne
        guard rows > 0, columns > 0 else { throw .emptyMatrix }
        // LAPACK indexes with 32-bit integers, including offsets into the whole array.
        guard rows < Int(Int32.max), columns < Int(Int32.max), rows * columns < Int(Int32.max)
        else { throw .dimensionTooLarge(rows: rows, columns: columns) }
        if let bad = elements.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteEntry(row: bad / columns, column: bad % columns)
        }
    }

    /// The singular values, largest first (LAPACK `dgesdd`, no vectors).
    public func singularValues() throws(LinearAlgebraError) -> [Double] {
        try validateForLAPACK()
        let m = Int32(rows), n = Int32(columns), k = Int(min(m, n))
        var a = elements
        var s = [Double](repeating: 0, count: k)
        // Row-major dgesdd wants ldu ≥ 1 and ldvt ≥ n even when no vectors are computed.
        var u = [Double](repeating: 0, count: 1)
        var vt = [Double](repeating: 0, count: 1)
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "N")), m, n, &a, n, &s, &u, 1, &vt, n)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        return s
    }

    /// The thin SVD (LAPACK `dgesdd`, jobz = "S").
    public func singularValueDecomposition() throws(LinearAlgebraError) -> SingularValueDecomposition {
        try validateForLAPACK()
        let m = Int32(rows), n = Int32(columns), k = Int32(min(rows, columns))
        var a = elements
        var s = [Double](repeating: 0, count: Int(k))
        var u = [Double](repeating: 0, count: rows * Int(k))
        var vt = [Double](repeating: 0, count: Int(k) * columns)
        let info = LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), m, n, &a, n, &s, &u, k, &vt, n)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        return SingularValueDecomposition(
            u: Matrix(rows: rows, columns: Int(k), uncheckedElements: u),
            singularValues: s,
            vt: Matrix(rows: Int(k), columns: columns, uncheckedElements: vt))
    }

    /// The product `self · other` (BLAS `dgemm`), (AB)ᵢⱼ = Σₖ AᵢₖBₖⱼ, in floating point; `nil` when
    /// the shapes do not match (`columns ≠ other.rows`) or a dimension exceeds BLAS's 32-bit
    /// indices. An inner dimension of 0 gives the zero matrix.
    public func multiplied(by other: Matrix<Double>) -> Matrix<Double>? {
        guard columns == other.rows else { return nil }
        let limit = Int(Int32.max)
        guard rows < limit, columns < limit, other.columns < limit,
            rows.multipliedReportingOverflow(by: other.columns).partialValue < limit,
            !rows.multipliedReportingOverflow(by: other.columns).overflow
        else { return nil }
        var c = [Double](repeating: 0, count: rows * other.columns)
        _ = BLASThreads.pinnedToOne
        if rows > 0 && other.columns > 0 && columns > 0 {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(other.columns), Int32(columns),
                        1, elements, Int32(columns), other.elements, Int32(other.columns), 0, &c, Int32(other.columns))
        }
        return Matrix(rows: rows, columns: other.columns, uncheckedElements: c)
    }
}
