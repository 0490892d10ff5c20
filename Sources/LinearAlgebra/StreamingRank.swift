import CLAPACKE

/// ``StreamingRankEngine`` on LAPACK and BLAS.
///
/// For each block B (b × n) of rows: C = B·N (b × k, k = n − r; `dgemm`, or C = B while N is
/// still the identity; from the Kronecker factors of a layered network's Jacobian with
/// ``absorb(factored:)``), each row of C divided by its row's norm, then a QR factorisation with
/// column pivoting of Cᵀ (`dgeqp3`) restricted to the rows whose component exceeds τ (no other
/// row can add rank): Cᵀ·Π = Q·R. Pivoting takes the row with the largest
/// remaining component first, and |R_jj| is the component of the j-th chosen row off the span of
/// the earlier ones, so the chosen rows with |R_jj| > τ are exactly those that add rank (up to
/// the column-norm downdating of `dgeqp3`). With s such rows, the null space shrinks to
/// N ← N·Q[:, s..<k] (Q in compact WY form, two `dgemm`): orthonormal, and orthogonal to every
/// selected row. Work per block: 2·b·n·k for C, ≈ 4·b′·k·min(b′, k) for the pivoted QR of the
/// b′ rows above τ, and only when the rank grows ≈ 4·n·k·s for the update. Memory: N (8·n·k bytes) and one block's C (8·b·k bytes).
public struct StreamingRank: StreamingRankEngine {
    public let columns: Int
    public let threshold: Double
    public private(set) var rank = 0
    public private(set) var selectedRows: [Int] = []
    public private(set) var rowsRead = 0
    /// N row-major n × k; `nil` while it is the identity (nothing selected yet).
    private(set) var basis: [Double]?
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
        _ = BLASThreads.pinnedToOne
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
        let k = columns - rank
        guard k > 0 else {
            rowsRead += block.rows
            return []
        }
        let norms = (0..<block.rows).map { i in
            block.elements[(i * columns)..<((i + 1) * columns)].reduce(0) { $0 + $1 * $1 }.squareRoot()
        }
        return try select(projection: projected(block, k: k), norms: norms, rows: block.rows)
    }

    /// Reads b rows given by C = B·N (b × k row-major, k = n − r) and their norms ‖a‖: each row of
    /// C is divided by its norm, and only the rows whose relative component along N exceeds τ —
    /// the only ones that can add rank, whatever else the block adds — go through the pivoted QR
    /// (the pivot order among them is the one a QR of all b rows takes, as a row at or below τ
    /// never has the largest remaining component while one above τ is left). Every rejected row's
    /// component off the span of the rows selected so far, this block's included, goes into the
    /// evidence. Returns the indices of the rows that raised the rank, in the order chosen.
    mutating func select(projection: [Double], norms: [Double], rows b: Int) throws(LinearAlgebraError) -> [Int] {
        let first = rowsRead
        rowsRead += b
        let k = columns - rank
        var c = projection
        var components = [Double](repeating: 0, count: b)
        for i in 0..<b {
            let scale = norms[i] > 0 ? 1 / norms[i] : 0
            var square = 0.0
            for t in 0..<k {
                c[i * k + t] *= scale
                square += c[i * k + t] * c[i * k + t]
            }
            components[i] = square.squareRoot()
        }
        let candidates = (0..<b).filter { components[$0] > threshold }
        var factored = [Double](repeating: 0, count: candidates.count * k)
        for (j, i) in candidates.enumerated() { for t in 0..<k { factored[j * k + t] = c[i * k + t] } }
        let (order, diagonal, tau) = try pivotedFactor(&factored, rows: candidates.count, k: k)
        let s = diagonal.prefix(while: { $0 > threshold }).count
        if s > 0 { smallestSelected = min(smallestSelected, diagonal[s - 1]) }
        for position in s..<candidates.count {
            // The row's component off the s selected rows: R[s..<min(j + 1, k), j].
            var square = 0.0
            for i in s..<min(position + 1, k) { square += factored[position * k + i] * factored[position * k + i] }
            reject(component: square.squareRoot(), norm: norms[candidates[order[position]]])
        }
        let others = (0..<b).filter { components[$0] <= threshold }
        for (i, component) in zip(others, try componentsOff(s, reflectors: factored, tau: tau, rows: others.map { Array(c[($0 * k)..<(($0 + 1) * k)]) }, k: k)) {
            reject(component: component, norm: norms[i])
        }
        guard s > 0 else { return [] }
        try shrinkNullSpace(reflectors: factored, tau: tau, k: k, s: s)
        let chosen = order.prefix(s).map { candidates[$0] }
        selectedRows += chosen.map { first + $0 }
        rank += s
        return chosen
    }

    /// Records a rejected row: its relative component off the selected rows' span and its norm.
    private mutating func reject(component: Double, norm: Double) {
        largestRejected = max(largestRejected, component)
        rejectedSquares += component * component * norm * norm
    }

    /// The norms of the parts of `rows` (each k long, in N's coordinates) off the first s
    /// directions of the block's pivoted QR: ‖(Qᵀc)[s..<k]‖ with Q = H₁⋯H_s (`dormqr`), or ‖c‖
    /// when s = 0.
    private func componentsOff(_ s: Int, reflectors: [Double], tau: [Double], rows: [[Double]], k: Int) throws(LinearAlgebraError) -> [Double] {
        guard !rows.isEmpty else { return [] }
        var y = rows.flatMap { $0 }  // column-major k × m: one row per column
        if s > 0 {
            let info = LAPACKE_dormqr(
                LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")), Int32(k), Int32(rows.count), Int32(s),
                reflectors, Int32(k), tau, &y, Int32(k))
            guard info == 0 else { throw .lapackFailure(routine: "dormqr", info: Int(info)) }
        }
        return (0..<rows.count).map { j in
            var square = 0.0
            for t in s..<k { square += y[j * k + t] * y[j * k + t] }
            return square.squareRoot()
        }
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
        guard b > 0 else { return ([], [], []) }
        var pivots = [Int32](repeating: 0, count: b)
        var tau = [Double](repeating: 0, count: min(b, k))
        let info = LAPACKE_dgeqp3(LAPACK_COL_MAJOR, Int32(k), Int32(b), &c, Int32(k), &pivots, &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqp3", info: Int(info)) }
        let order = pivots.map { Int($0) - 1 }
        let d = min(b, k)
        return (order, (0..<d).map { abs(c[$0 * k + $0]) }, tau)
    }

    /// N ← N·Q[:, s..<k] with Q = H₁⋯H_s from the first s reflectors in `reflectors`, in compact
    /// WY form Q = I − V·T·Vᵀ (V k × s unit lower trapezoidal, T s × s upper triangular from
    /// `dlarft`). With N row-major n × k read as Nᵀ column-major k × n, (N·Q)ᵀ = Nᵀ − V·Tᵀ·(Vᵀ·Nᵀ),
    /// and its rows s..<k are the new Nᵀ: Z = Vᵀ·Nᵀ (`dgemm`, inner dimension k), Z ← Tᵀ·Z
    /// (`dtrmm`), Nᵀ[s..<k] − V[s..<k]·Z (`dgemm`, inner dimension s) — ≈ 4·n·k·s flops in two
    /// large products, where `dormqr` applies the reflectors in panels of a few dozen.
    private mutating func shrinkNullSpace(reflectors: [Double], tau: [Double], k: Int, s: Int) throws(LinearAlgebraError) {
        let n = columns, remaining = k - s
        var v = [Double](repeating: 0, count: k * s)  // column-major k × s
        for j in 0..<s {
            v[j * k + j] = 1
            for i in (j + 1)..<max(j + 1, k) { v[j * k + i] = reflectors[j * k + i] }
        }
        var t = [Double](repeating: 0, count: s * s)
        let info = LAPACKE_dlarft(
            LAPACK_COL_MAJOR, CChar(UInt8(ascii: "F")), CChar(UInt8(ascii: "C")), Int32(k), Int32(s), v, Int32(k), tau, &t, Int32(s))
        guard info == 0 else { throw .lapackFailure(routine: "dlarft", info: Int(info)) }
        guard remaining > 0 else {
            basis = []
            return
        }
        // Z = Vᵀ·Nᵀ (s × n column-major); Vᵀ itself while N is the identity.
        var z = [Double](repeating: 0, count: s * n)
        if let basis {
            cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(s), Int32(n), Int32(k), 1, v, Int32(k), basis, Int32(k), 0, &z, Int32(s))
        } else {
            for p in 0..<n { for j in 0..<s { z[p * s + j] = v[j * k + p] } }
        }
        cblas_dtrmm(CblasColMajor, CblasLeft, CblasUpper, CblasTrans, CblasNonUnit, Int32(s), Int32(n), 1, t, Int32(s), &z, Int32(s))
        // Nᵀ[s..<k] column-major (k − s) × n, which is the new N row-major n × (k − s).
        var next = [Double](repeating: 0, count: n * remaining)
        if let basis {
            for p in 0..<n { for q in 0..<remaining { next[p * remaining + q] = basis[p * k + s + q] } }
        } else {
            for q in 0..<remaining { next[(s + q) * remaining + q] = 1 }
        }
        v.withUnsafeBufferPointer { vp in
            cblas_dgemm(
                CblasColMajor, CblasNoTrans, CblasNoTrans, Int32(remaining), Int32(n), Int32(s), -1, vp.baseAddress! + s, Int32(k), z,
                Int32(s), 1, &next, Int32(remaining))
        }
        basis = next
    }
}
