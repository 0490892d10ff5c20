import CLAPACKE

extension Matrix where Scalar == Double {
    /// The product `self · otherᵀ` (BLAS `dgemm` with the second factor transposed); `nil` when
    /// `columns ≠ other.columns`.
    public func multiplied(byTransposeOf other: Matrix<Double>) -> Matrix<Double>? {
        guard columns == other.columns else { return nil }
        let limit = Int(Int32.max)
        guard rows < limit, columns < limit, other.rows < limit else { return nil }
        var c = [Double](repeating: 0, count: rows * other.rows)
        _ = BLASThreads.pinnedToOne
        if rows > 0 && other.rows > 0 && columns > 0 {
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(other.rows), Int32(columns),
                        1, elements, Int32(columns), other.elements, Int32(columns), 0, &c, Int32(other.rows))
        }
        return Matrix(rows: rows, columns: other.rows, uncheckedElements: c)
    }

    /// `self += other` entrywise; `false` (and no change) when the shapes differ.
    @discardableResult
    public mutating func add(_ other: Matrix<Double>) -> Bool {
        guard rows == other.rows, columns == other.columns else { return false }
        elements.withUnsafeMutableBufferPointer { a in
            other.elements.withUnsafeBufferPointer { b in
                for k in 0..<a.count { a[k] += b[k] }
            }
        }
        return true
    }
}
