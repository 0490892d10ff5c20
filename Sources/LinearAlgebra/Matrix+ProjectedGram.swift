import CLAPACKE

extension Matrix where Scalar == Double {
    /// C + (B·Nᵀ)ᵀ(B·Nᵀ) for `self` = N (k × n, orthonormal rows) and a block B (b × n) of rows:
    /// the Gram matrix of J·Nᵀ accumulated block by block (C k × k column-major, upper triangle;
    /// `dgemm` then `dsyrk`, 2·b·n·k + b·k² flops). B·Nᵀ is formed from B's entries, so its
    /// round-off is ≈ ε·‖B‖·‖N‖ rather than the ε·‖B‖² of BᵀB.
    public func accumulateProjectedGram(into c: [Double], rows block: Matrix<Double>) throws(LinearAlgebraError) -> [Double] {
        let k = rows, n = columns, b = block.rows
        guard k > 0, b > 0 else { return c }
        guard block.columns == n, c.count == k * k else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        var y = [Double](repeating: 0, count: b * k)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(b), Int32(k), Int32(n), 1, block.elements, Int32(n), elements, Int32(n), 0, &y, Int32(k))
        var out = c
        // Y row-major b × k is Yᵀ column-major k × b: C += Yᵀ·Y.
        cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, Int32(k), Int32(b), 1, y, Int32(k), 1, &out, Int32(k))
        return out
    }

    /// The eigenvalues, largest first, of the symmetric k × k matrix whose upper triangle
    /// (column-major) is `upper` (`dsyev`).
    public static func symmetricEigenvalues(upper: [Double], order k: Int) throws(LinearAlgebraError) -> [Double] {
        _ = BLASThreads.pinnedToOne
        guard k > 0 else { return [] }
        guard upper.count == k * k, upper.allSatisfy(\.isFinite) else { throw .nonFiniteEntry(row: 0, column: 0) }
        var a = upper, w = [Double](repeating: 0, count: k)
        let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")), Int32(k), &a, Int32(k), &w)
        guard info == 0 else { throw .lapackFailure(routine: "dsyev", info: Int(info)) }
        return w.reversed()
    }
}
