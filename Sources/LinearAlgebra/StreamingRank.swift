import CLAPACKE

/// ``StreamingRankEngine`` on LAPACK and BLAS.
///
/// For each block B (b × n) of rows: C = B·N (b × k, k = n − r; `dgemm`, or C = B while N is
/// still the identity), each row of C divided by its row's norm, then a QR factorisation with
/// column pivoting of Cᵀ (`dgeqp3`): Cᵀ·Π = Q·R. Pivoting takes the row with the largest
/// remaining component first, and |R_jj| is the component of the j-th chosen row off the span of
/// the earlier ones, so the chosen rows with |R_jj| > τ are exactly those that add rank (up to
/// the column-norm downdating of `dgeqp3`). With s such rows, the null space shrinks to
/// N ← N·Q[:, s..<k] (Q's trailing columns by `dormqr` on the identity's, then `dgemm`):
/// orthonormal, and orthogonal to every selected row. Work per block: 2·b·n·k for C,
/// ≈ 4·b·k·min(b, k) for the pivoted QR, and only when the rank grows 4·k·(k − s)·s + 2·n·k·(k − s)
/// for the update. Memory: N (8·n·k bytes) and one block's C (8·b·k bytes).
public struct StreamingRank: StreamingRankEngine {
    public let columns: Int
    public let threshold: Double
    public private(set) var rank = 0
    public private(set) var selectedRows: [Int] = []
    public private(set) var rowsRead = 0
    /// N row-major n × k; `nil` while it is the identity (nothing selected yet).
    private var basis: [Double]?
    private var smallestSelected = Double.infinity
    private var largestRejected = 0.0
    private var rejectedSquares = 0.0

    /// The bytes an engine for n columns reading blocks of `blockRows` rows may hold at once:
    /// N, its update and one block's C and B (8 bytes per entry), `nil` on overflow.
    public static func memoryNeeded(columns n: Int, blockRows b: Int) -> Int? {
        guard n >= 0, b >= 0 else { return nil }
        var total = 0
        for (x, y) in [(n, n), (n, n), (b, n), (b, n)] {
            let (product, o1) = x.multipliedReportingOverflow(by: y)
            let (bytes, o2) = product.multipliedReportingOverflow(by: 8)
            let (sum, o3) = total.addingReportingOverflow(bytes)
            if o1 || o2 || o3 { return nil }
            total = sum
        }
        return total
    }

    /// An engine with nothing read: rank 0, N = I.
    /// - Parameter threshold: τ, the relative null-space component above which a row adds rank
    ///   (default 10⁻⁹: round-off in ‖Nᵀa‖/‖a‖ is ≈ ε·√n ≈ 10⁻¹⁴ at n = 10⁴).
    public init(columns: Int, threshold: Double = 1e-9) throws(LinearAlgebraError) {
        guard columns > 0 else { throw .emptyMatrix }
        guard columns <= Int(Int32.max) / max(1, columns) || columns < 46_341 else {
            throw .dimensionTooLarge(rows: columns, columns: columns)
        }
        self.columns = columns
        self.threshold = threshold
    }

    public var nullSpaceBasis: Matrix<Double> {
        let k = columns - rank
        if let basis { return Matrix(rows: columns, columns: k, uncheckedElements: basis) }
        var identity = [Double](repeating: 0, count: columns * columns)
        for p in 0..<columns { identity[p * columns + p] = 1 }
        return Matrix(rows: columns, columns: columns, uncheckedElements: identity)
    }

    public func nullSpaceComponent(of row: [Double]) -> Double {
        precondition(row.count == columns)
        let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 0, norm.isFinite else { return 0 }
        let k = columns - rank
        guard k > 0 else { return 0 }
        guard let basis else { return 1 }
        var c = [Double](repeating: 0, count: k)
        // c = Nᵀa: N is n × k row-major.
        cblas_dgemv(CblasRowMajor, CblasTrans, Int32(columns), Int32(k), 1, basis, Int32(k), row, 1, 0, &c, 1)
        return c.reduce(0) { $0 + $1 * $1 }.squareRoot() / norm
    }

    public var evidence: StreamingRankEvidence {
        StreamingRankEvidence(
            rowsRead: rowsRead, rank: rank, threshold: threshold, smallestSelectedComponent: smallestSelected,
            largestRejectedComponent: largestRejected, rejectedResidualNorm: rejectedSquares.squareRoot())
    }

    /// Rows of a block read at once: the pivoted QR of C costs ≈ 4·k·b per row, so blocks of at
    /// most ``maximumBlockRows`` rows keep it below the projection's 2·n·k per row once n ≥ 2b,
    /// and a large block is read in slices of this size (the result is the same selection rule).
    public static let maximumBlockRows = 512

    public mutating func absorb(_ block: Matrix<Double>) throws(LinearAlgebraError) -> [Int] {
        guard block.rows > 0 else { return [] }
        guard block.columns == columns else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        let slice = Self.maximumBlockRows
        guard block.rows > slice else { return try absorbSlice(block) }
        var chosen: [Int] = []
        var start = 0
        while start < block.rows {
            let end = min(block.rows, start + slice)
            let part = Matrix(
                rows: end - start, columns: columns,
                uncheckedElements: Array(block.elements[(start * columns)..<(end * columns)]))
            chosen += try absorbSlice(part).map { start + $0 }
            start = end
        }
        return chosen
    }

    /// ``absorb(_:)`` for a block of at most ``maximumBlockRows`` rows (validated by the caller).
    private mutating func absorbSlice(_ block: Matrix<Double>) throws(LinearAlgebraError) -> [Int] {
        let first = rowsRead
        rowsRead += block.rows
        let k = columns - rank
        guard k > 0 else { return [] }
        var c = projected(block, k: k)
        let norms = (0..<block.rows).map { i in
            block.elements[(i * columns)..<((i + 1) * columns)].reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        for i in 0..<block.rows {
            let scale = norms[i] > 0 ? 1 / norms[i] : 0
            for t in 0..<k { c[i * k + t] *= scale }
        }
        let (order, diagonal, tau) = try pivotedFactor(&c, rows: block.rows, k: k)
        let s = diagonal.prefix(while: { $0 > threshold }).count
        if s > 0 { smallestSelected = min(smallestSelected, diagonal[s - 1]) }
        for position in s..<block.rows {
            // The row's component off the s selected rows: R[s..<min(j + 1, k), j].
            var square = 0.0
            for i in s..<min(position + 1, k) { square += c[position * k + i] * c[position * k + i] }
            largestRejected = max(largestRejected, square.squareRoot())
            rejectedSquares += square * norms[order[position]] * norms[order[position]]
        }
        guard s > 0 else { return [] }
        try shrinkNullSpace(reflectors: c, tau: tau, k: k, s: s)
        let chosen = Array(order.prefix(s))
        selectedRows += chosen.map { first + $0 }
        rank += s
        return chosen
    }

    /// C = B·N (b × k row-major).
    private func projected(_ block: Matrix<Double>, k: Int) -> [Double] {
        guard let basis else { return block.elements }
        var c = [Double](repeating: 0, count: block.rows * k)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(block.rows), Int32(k), Int32(columns), 1,
            block.elements, Int32(columns), basis, Int32(k), 0, &c, Int32(k))
        return c
    }

    /// Pivoted QR of Cᵀ (C row-major b × k is Cᵀ column-major k × b), in place: the rows in
    /// pivot order, |R_jj| for j < min(b, k) (the j-th chosen row's component off the span of
    /// the rows chosen before it), and the reflectors' scalars.
    private func pivotedFactor(_ c: inout [Double], rows b: Int, k: Int) throws(LinearAlgebraError)
        -> (order: [Int], diagonal: [Double], tau: [Double])
    {
        var pivots = [Int32](repeating: 0, count: b)
        var tau = [Double](repeating: 0, count: min(b, k))
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(k), Int32(b), &c, Int32(k), &pivots, &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqp3", info: Int(info)) }
        let order = pivots.map { Int($0) - 1 }
        let d = min(b, k)
        return (order, (0..<d).map { abs(c[$0 * k + $0]) }, tau)
    }

    /// N ← N·Q[:, s..<k] with Q = H₁⋯H_s from the first s reflectors in `reflectors`.
    private mutating func shrinkNullSpace(reflectors: [Double], tau: [Double], k: Int, s: Int) throws(LinearAlgebraError) {
        let remaining = k - s
        // Few new directions: apply the s reflectors to N itself (≈ 4·n·k·s flops) rather than
        // form Q's trailing columns and multiply (≈ 2·n·k·(k − s)).
        if var basis, 2 * s < remaining {
            // N row-major n × k is Nᵀ column-major k × n: Qᵀ·Nᵀ = (N·Q)ᵀ, whose rows s..<k are
            // the columns s..<k of N·Q.
            let info = LAPACKE_dormqr(
                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")), Int32(k), Int32(columns), Int32(s),
                reflectors, Int32(k), tau, &basis, Int32(k))
            guard info == 0 else { throw .lapackFailure(routine: "dormqr", info: Int(info)) }
            var next = [Double](repeating: 0, count: columns * remaining)
            for p in 0..<columns {
                for t in 0..<remaining { next[p * remaining + t] = basis[p * k + s + t] }
            }
            self.basis = next
            return
        }
        var w = [Double](repeating: 0, count: k * remaining)  // column-major k × (k − s): I[:, s..<k]
        for t in 0..<remaining { w[t * k + s + t] = 1 }
        if remaining > 0 {
            let info = LAPACKE_dormqr(
                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "N")), Int32(k), Int32(remaining), Int32(s),
                reflectors, Int32(k), tau, &w, Int32(k))
            guard info == 0 else { throw .lapackFailure(routine: "dormqr", info: Int(info)) }
        }
        // W column-major k × (k − s) is Wᵀ row-major (k − s) × k.
        var next = [Double](repeating: 0, count: columns * remaining)
        if let basis {
            if remaining > 0 {
                cblas_dgemm(
                    CblasRowMajor, CblasNoTrans, CblasTrans, Int32(columns), Int32(remaining), Int32(k), 1,
                    basis, Int32(k), w, Int32(k), 0, &next, Int32(remaining))
            }
        } else {
            for p in 0..<columns { for t in 0..<remaining { next[p * remaining + t] = w[t * k + p] } }
        }
        basis = next
    }
}
