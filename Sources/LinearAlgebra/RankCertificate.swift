import Exact

/// A proof that a rational matrix A (m × n) has rank exactly r, checkable far more cheaply than
/// the rank was found.
///
/// - **rank ≥ r**: the r × r submatrix on rows ``minorRows`` and columns ``minorColumns`` is
///   nonsingular modulo the prime ``prime``. Its determinant (of the matrix with each row cleared
///   of denominators) is then an integer not divisible by p, hence nonzero over ℚ.
/// - **rank ≤ r**: the n − r vectors ``nullVectors`` satisfy A·v = 0 exactly, and they are
///   linearly independent by construction: the vector for the t-th column f_t outside
///   ``minorColumns`` (in increasing order) has entry 1 at f_t and 0 at every other column
///   outside ``minorColumns`` (a unit-vector pattern). n − r independent null vectors give
///   nullity ≥ n − r, so rank ≤ r.
///
/// ``verify(against:)`` re-checks both halves; ``failure(against:)`` says which check fails.
public struct RankCertificate: Sendable, Equatable, CustomStringConvertible {
    /// Dimensions of the certified matrix.
    public let rows: Int
    public let columns: Int
    /// A prime p < 2³¹ modulo which the minor is nonsingular.
    public let prime: UInt64
    /// Row indices R of the nonsingular minor (distinct, in `0..<rows`).
    public let minorRows: [Int]
    /// Column indices C of the nonsingular minor (distinct, in `0..<columns`).
    public let minorColumns: [Int]
    /// n − r exact null vectors, one per column outside C, in increasing column order.
    public let nullVectors: [[Rational]]

    /// The certified rank r = |R|.
    public var rank: Int { minorRows.count }

    public init(rows: Int, columns: Int, prime: UInt64, minorRows: [Int], minorColumns: [Int], nullVectors: [[Rational]]) {
        (self.rows, self.columns, self.prime) = (rows, columns, prime)
        (self.minorRows, self.minorColumns, self.nullVectors) = (minorRows, minorColumns, nullVectors)
    }

    /// The columns outside the minor, increasing (each carries the 1 of its null vector).
    public var freeColumns: [Int] {
        let inMinor = Set(minorColumns)
        return (0..<columns).filter { !inMinor.contains($0) }
    }

    /// Whether the certificate proves that `matrix` has rank ``rank``.
    public func verify(against matrix: Matrix<Rational>) -> Bool { failure(against: matrix) == nil }

    /// Why the certificate does not prove the rank of `matrix`, or `nil` when it does.
    ///
    /// Checks, in order: dimensions; the index lists (same length, in range, distinct); the
    /// prime (p < 2³¹ and prime, by deterministic Miller–Rabin); the minor's nonsingularity mod p
    /// (Gaussian elimination over 𝔽_p on the rows with denominators cleared); the number, length
    /// and unit-vector pattern of the null vectors; and A·v = 0 exactly for each of them.
    public func failure(against matrix: Matrix<Rational>) -> String? {
        guard matrix.rows == rows, matrix.columns == columns else {
            return "the certificate is for a \(rows)×\(columns) matrix, not \(matrix.rows)×\(matrix.columns)"
        }
        return failure(against: IntegerMatrix(clearingDenominatorsOf: matrix))
    }

    /// ``failure(against:)`` on a matrix known by its integer-scaled rows and exact products:
    /// the matrix with denominators cleared row by row (same rank and null space), or rows and
    /// products computed without storing the matrix (`PiecewiseLinearJacobianRows`). The minor is
    /// checked on the rows `source` scales to integers; A·v = 0 on every row of `source`.
    func failure(against source: some ExactRowSource) -> String? {
        guard source.rows == rows, source.columns == columns else {
            return "the certificate is for a \(rows)×\(columns) matrix, not \(source.rows)×\(source.columns)"
        }
        guard minorRows.count == minorColumns.count else {
            return "the minor has \(minorRows.count) rows but \(minorColumns.count) columns"
        }
        guard minorRows.allSatisfy({ (0..<rows).contains($0) }), Set(minorRows).count == minorRows.count else {
            return "minor row indices must be distinct and in 0..<\(rows)"
        }
        guard minorColumns.allSatisfy({ (0..<columns).contains($0) }), Set(minorColumns).count == minorColumns.count else {
            return "minor column indices must be distinct and in 0..<\(columns)"
        }
        guard prime < (1 << 31), PrimeField.isPrime(prime) else { return "\(prime) is not a prime below 2^31" }
        let free = freeColumns
        guard nullVectors.count == free.count else {
            return "rank \(rank) of \(columns) columns needs \(free.count) null vectors; \(nullVectors.count) given"
        }
        for (t, v) in nullVectors.enumerated() {
            guard v.count == columns else { return "null vector \(t) has \(v.count) entries, not \(columns)" }
            for (s, f) in free.enumerated() where v[f] != (s == t ? Rational.one : Rational.zero) {
                return "null vector \(t) breaks the unit pattern at column \(f)"
            }
        }
        let minor = source.integerRows(minorRows)
        guard minor.minorIsNonsingular(rows: Array(0..<rank), columns: minorColumns, modulo: UInt32(prime)) else {
            return "the minor on rows \(minorRows) and columns \(minorColumns) is singular mod \(prime)"
        }
        if let t = source.firstNonAnnihilated(nullVectors) {
            return "null vector \(t) (for column \(free[t])) is not in the null space"
        }
        return nil
    }

    /// Whether v lies in the span of ``nullVectors``: v = Σ_t v[f_t]·nullVectors[t] over the
    /// free columns f_t (the unit pattern makes those the only possible coefficients). For a
    /// certificate that verifies against A, the null vectors are a basis of null A, so this is
    /// exactly whether A·v = 0, at O((n − r)·n) cost instead of a pass over A's rows.
    public func nullSpaceContains(_ v: [Rational]) -> Bool {
        guard v.count == columns else { return false }
        var combination = [Rational](repeating: .zero, count: columns)
        for (t, f) in freeColumns.enumerated() where !v[f].isZero {
            for (j, x) in nullVectors[t].enumerated() where !x.isZero { combination[j].addProduct(v[f], x) }
        }
        return combination == v
    }

    public var description: String {
        "rank \(rank) of a \(rows)×\(columns) matrix: minor rows \(minorRows), columns \(minorColumns) nonsingular mod \(prime); \(nullVectors.count) null vectors"
    }
}
