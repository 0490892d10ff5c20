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
