import CLAPACKE

extension Matrix where Scalar == Double {
    /// The triangular factor R of a QR factorisation A = Q·R (LAPACK `dgeqrf`): a
    /// min(m, n) × n upper-trapezoidal matrix with AᵀA = RᵀR, so A and R have the same singular
    /// values and the same null space. Q is not formed. The signs of R's rows are LAPACK's.
    public func qrTriangularFactor() throws(LinearAlgebraError) -> Matrix<Double> {
        try validateForLAPACK()
        let m = Int32(rows), n = Int32(columns), k = min(rows, columns)
        var a = elements
        var tau = [Double](repeating: 0, count: k)
        let info = LAPACKE_dgeqrf(LAPACK_ROW_MAJOR, m, n, &a, n, &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        var r = [Double](repeating: 0, count: k * columns)
        for i in 0..<k { for j in i..<columns { r[i * columns + j] = a[i * columns + j] } }
        return Matrix(rows: k, columns: columns, uncheckedElements: r)
    }
}

/// The triangular factor R of a QR factorisation J = Q·R of a tall matrix J that arrives in
/// blocks of rows, updated block by block without keeping J or Q.
///
/// Mathematics. If [J; B] = Q'·R' and J = Q·R, then [R; B] = diag(Qᵀ, I)·[J; B] has the same
/// Gram matrix: [J; B]ᵀ[J; B] = JᵀJ + BᵀB = RᵀR + BᵀB. So the factor of the grown matrix is the
/// factor of [R; B], an (n + k) × n problem whatever the number of rows seen so far: LAPACK's
/// triangular-pentagonal factorisation (`dtplqt`, on the transposes, which are the row-major
/// buffers read column-major; the first block by `dgelqf`) costs ≈ 2kn² flops for k new rows, exploiting that R is
/// triangular, so the rows of J are factored once in total (≈ 2mn² flops for m rows).
/// Since JᵀJ = RᵀR, J and R have the same singular values (R has n of them; the min(m, n)
/// largest are J's, the rest are 0) and the same null space — which is how LAPACK's own
/// `dgesdd` treats a matrix with m ≥ 11n/6 rows: QR first, then the SVD of R.
/// Householder QR is backward stable, so the singular values of the computed R differ from
/// J's by at most a small multiple of ε‖J‖₂, the accuracy `dgesdd` itself attains.
public struct TriangularFactor: Sendable {
    /// n, the number of columns of J.
    public let columns: Int
    /// m, the number of rows of J added so far.
    public private(set) var rowsAdded = 0
    /// R (n × n, upper triangular, row-major; rows past m are 0). Read column-major it is Rᵀ,
    /// the lower-triangular L of the LQ factorisation Jᵀ = L·Q that `dtplqt` works on.
    private var storage: [Double]

    /// An empty factor (m = 0, R = 0) for matrices with `columns` columns.
    public init(columns: Int) throws(LinearAlgebraError) {
        guard columns > 0 else { throw .emptyMatrix }
        guard columns.multipliedReportingOverflow(by: columns).partialValue < Int(Int32.max),
            !columns.multipliedReportingOverflow(by: columns).overflow
        else { throw .dimensionTooLarge(rows: columns, columns: columns) }
        self.columns = columns
        storage = [Double](repeating: 0, count: columns * columns)
    }

    /// R as an n × n upper-triangular matrix.
    public var r: Matrix<Double> { Matrix(rows: columns, columns: columns, uncheckedElements: storage) }

    /// Appends the rows of `block` to J and updates R. The block's storage is used as LAPACK's
    /// workspace (it is consumed: pass it without keeping another reference, and it is not copied).
    /// - Throws: ``LinearAlgebraError/dimensionTooLarge(rows:columns:)`` when the block's width is
    ///   not n or it exceeds LAPACK's 32-bit indices; ``LinearAlgebraError/nonFiniteEntry(row:column:)``.
    public mutating func append(rows block: consuming Matrix<Double>) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == columns else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        let n = Int32(columns), k = Int32(block.rows)
        var b = consume block
        if rowsAdded == 0 {
            // R = 0 so far: a plain LQ factorisation of blockᵀ (n × k, lda = n; `dgelqf` is
            // faster than `dtplqt` with a zero triangle). Its L (n × min(n, k), lower
            // trapezoidal) is Rᵀ; the columns past k stay 0.
            var tau = [Double](repeating: 0, count: min(columns, Int(k)))
            let info = LAPACKE_dgelqf(LAPACK_COL_MAJOR, n, k, &b.elements, n, &tau)
            guard info == 0 else { throw .lapackFailure(routine: "dgelqf", info: Int(info)) }
            for j in 0..<min(columns, Int(k)) {
                for i in j..<columns { storage[j * columns + i] = b.elements[j * columns + i] }
            }
        } else {
            let mb = Int32(min(columns, 64))
            var t = [Double](repeating: 0, count: Int(mb) * columns)
            var work = [Double](repeating: 0, count: Int(mb) * columns)
            // Column-major: A = Rᵀ (n × n lower triangular, lda = n), B = blockᵀ (n × k, ldb = n),
            // L = 0 (B is rectangular), 1 ≤ mb ≤ n, ldt = mb — all validated above.
            let info = storage.withUnsafeMutableBufferPointer { a in
                b.elements.withUnsafeMutableBufferPointer { bp in
                    nnid_dtplqt(n, k, 0, mb, a.baseAddress, n, bp.baseAddress, n, &t, mb, &work)
                }
            }
            guard info == 0 else { throw .lapackFailure(routine: "dtplqt", info: Int(info)) }
        }
        rowsAdded += Int(k)
    }

    /// The min(m, n) singular values of J, largest first: those of R (LAPACK `dgesdd` on the
    /// n × n factor, no vectors).
    public func singularValues() throws(LinearAlgebraError) -> [Double] {
        guard rowsAdded > 0 else { return [] }
        return Array(try r.singularValues().prefix(min(rowsAdded, columns)))
    }
}
