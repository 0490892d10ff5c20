import Exact

extension Matrix where Scalar == Rational {
    /// The reduced row echelon form, by Gauss–Jordan elimination over ℚ (exact), inserting the
    /// rows one by one into an ``IncrementalRowEchelon``. Cost O(rows · columns · rank) rational
    /// operations. The RREF is unique, so the order of elimination affects only speed.
    public func reducedRowEchelonForm() -> ReducedRowEchelonForm {
        let echelon = IncrementalRowEchelon(rowArrays)
        var elements = echelon.rows.flatMap { $0 }
        elements += Array(repeating: Rational.zero, count: (rows - echelon.rank) * columns)
        return ReducedRowEchelonForm(
            matrix: Matrix(rows: rows, columns: columns, uncheckedElements: elements), pivotColumns: echelon.pivots)
    }
}
