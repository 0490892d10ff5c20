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

/// Gauss–Jordan elimination over ℚ one row at a time: the reduced row echelon form of the
/// rows inserted so far, kept exact. Inserting a row costs O(rank · columns) rational
/// operations, so spans can be grown and tested incrementally (the rank analysis's tangent spans).
public struct IncrementalRowEchelon: Sendable {
    /// Nonzero rows of the RREF, by increasing pivot: each pivot entry is 1 and is the only
    /// nonzero in its column.
    public private(set) var rows: [[Rational]] = []
    /// The pivot column of each row, increasing.
    public private(set) var pivots: [Int] = []

    public init(_ input: [[Rational]] = []) {
        for row in input { _ = insert(row) }
    }

    /// The dimension of the span of the rows inserted so far.
    public var rank: Int { rows.count }

    /// `v` with its entries at the pivot columns eliminated by the rows: zero exactly when `v`
    /// lies in their span.
    public func reduce(_ v: [Rational]) -> [Rational] {
        var v = v
        for (row, p) in zip(rows, pivots) where !v[p].isZero {
            let f = v[p]
            for j in 0..<v.count where !row[j].isZero { v[j] -= f * row[j] }
        }
        return v
    }

    /// Adds `v` to the span; returns whether it was independent of the rows so far.
    @discardableResult
    public mutating func insert(_ v: [Rational]) -> Bool {
        var v = reduce(v)
        guard let p = v.firstIndex(where: { !$0.isZero }) else { return false }
        // The leading entry is nonzero, so the division is safe.
        let inverse = Rational.one / v[p]
        for j in p..<v.count where !v[j].isZero { v[j] *= inverse }
        for k in 0..<rows.count where !rows[k][p].isZero {
            let f = rows[k][p]
            for j in 0..<v.count where !v[j].isZero { rows[k][j] -= f * v[j] }
        }
        let position = pivots.firstIndex { $0 > p } ?? pivots.count
        rows.insert(v, at: position)
        pivots.insert(p, at: position)
        return true
    }
}

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
