import Exact

/// The reduced row echelon form R of a rational matrix A, with its pivot columns.
///
/// R is the unique matrix such that
/// - its first ``rank`` rows are nonzero and the remaining rows are zero,
/// - the leading (first nonzero) entry of nonzero row i is 1 and sits in column `pivotColumns[i]`,
///   with `pivotColumns` strictly increasing,
/// - every other entry of a pivot column is 0,
/// - R = E·A for an invertible E (same row space as A).
///
/// Uniqueness (a standard fact: two RREFs with the same row space are equal) makes R a normal
/// form for the row space of A: A and G·A have the same R for every invertible G. With
/// C = A[:, pivotColumns] (the pivot columns of A) one has A = C · R[0..<rank, :] exactly.
public struct ReducedRowEchelonForm: Sendable, Equatable {
    /// R, the same shape as A.
    public let matrix: Matrix<Rational>
    /// The column of each nonzero row's leading 1, increasing.
    public let pivotColumns: [Int]
    /// The rank of A (the number of nonzero rows of R).
    public var rank: Int { pivotColumns.count }

    /// The nonzero rows of R: a `rank × columns` matrix with full row rank.
    public var nonzeroRows: Matrix<Rational> {
        Matrix(rows: rank, columns: matrix.columns, uncheckedElements: Array(matrix.elements[0..<(rank * matrix.columns)]))
    }
}

extension Matrix where Scalar == Rational {
    /// The reduced row echelon form, by Gauss–Jordan elimination over ℚ (exact; GMP keeps every
    /// entry in lowest terms). Cost O(rows · columns · rank) rational operations.
    ///
    /// Pivoting takes the first nonzero entry of each column; since the RREF is unique, the
    /// choice affects only speed, never the result.
    public func reducedRowEchelonForm() -> ReducedRowEchelonForm {
        var a = rowArrays
        var pivots: [Int] = []
        var r = 0
        for c in 0..<columns where r < rows {
            guard let p = (r..<rows).first(where: { !a[$0][c].isZero }) else { continue }
            if p != r { a.swapAt(p, r) }
            // Scale the pivot row so the pivot is 1 (the pivot is nonzero, so the division is safe).
            let inverse = Rational.one / a[r][c]
            if !inverse.isOne {
                for j in c..<columns where !a[r][j].isZero { a[r][j] *= inverse }
            }
            let pivotRow = a[r]
            for i in 0..<rows where i != r {
                let factor = a[i][c]
                if factor.isZero { continue }
                for j in c..<columns where !pivotRow[j].isZero {
                    a[i][j] -= factor * pivotRow[j]
                }
            }
            pivots.append(c)
            r += 1
        }
        return ReducedRowEchelonForm(
            matrix: Matrix(rows: rows, columns: columns, uncheckedElements: a.flatMap { $0 }), pivotColumns: pivots)
    }
}
