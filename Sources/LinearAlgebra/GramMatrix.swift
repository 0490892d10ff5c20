import CLAPACKE
import Dispatch

/// The Gram matrix G = JᵀJ of a matrix J read in blocks of rows (`dsyrk`), and J's numeric rank
/// from a pivoted Cholesky factorisation of G (``TiledPivotedCholesky``, `dpstrf`'s algorithm):
/// Π·G·Πᵀ = L·Lᵀ + [0 0; 0 S].
///
/// σᵢ(J)² = λᵢ(G), so a cut τ on J's singular values is the cut τ² on G's eigenvalues. Forming G
/// squares the condition number: round-off in G and in its factorisation is ≈ ε·max(m, n)·λ₁, so
/// the Gram method resolves J's singular values only down to its **floor**
/// σ₁·√(max(m, n)·ε) (≈ 10⁻⁸·σ₁·√size), against ≈ ε·σ₁·size for QR. What it reports
/// (``GramRankEvidence``) is therefore bounded by that floor:
///
/// - **below the cut**: with N (n × k, k = n − r) an orthonormal basis of the computed null
///   space, the eigenvalues μ₁ ≥ … ≥ μ_k of NᵀGN bound the trailing spectrum from above,
///   λ_{r+i}(G) ≤ μᵢ (Cauchy interlacing for a compression), so σ_{r+1}(J) ≤ √μ₁;
/// - **above the cut**: λ_r(G) ≥ λ_min(G₁₁) for the r × r principal submatrix G₁₁ = L₁₁L₁₁ᵀ of the
///   pivoted columns (interlacing again); λ_min(G₁₁) is estimated by inverse iteration with L₁₁
///   (an estimate, from above, of that lower bound);
/// - σ₁ by power iteration on G (a Rayleigh quotient: from below).
///
/// Storage: one n × n array, column-major. Its upper triangle always holds G; the strict lower
/// triangle holds L after ``factor(cut:)`` (L's diagonal is kept apart), so G survives its own
/// factorisation and more rows can be added afterwards. Memory: 8·n² bytes plus O(n·k).
public struct GramMatrix: Sendable {
    public let columns: Int
    public internal(set) var rowsRead = 0
    /// n × n column-major: upper triangle G, strict lower triangle L (pivoted order).
    var storage: [Double]
    /// The last factorisation: its rank, pivot order and L's diagonal; `nil` before one.
    public internal(set) var cholesky: PivotedCholesky?

    /// The rank, pivots and diagonal of the last ``GramMatrix/factor(cut:)``.
    public struct PivotedCholesky: Sendable, Equatable {
        /// r: the number of pivots above the cut.
        public let rank: Int
        /// Π as indices: position i of the factor is column `order[i]` of J.
        public let order: [Int]
        /// L's diagonal: √(pivot); r entries. Non-increasing in exact arithmetic (each pivot is the
        /// largest diagonal entry of a Schur complement, and a Schur complement's diagonal only
        /// shrinks); computed, neighbours may tie or rise by round-off, as with `dpstrf`.
        public let diagonal: [Double]
        /// The cut τ² on pivots (and eigenvalues) the factorisation stopped at.
        public let pivotCut: Double
    }

    /// The bytes a Gram matrix of n columns holds (8·n²), `nil` on overflow.
    public static func memoryNeeded(columns n: Int) -> Int? {
        let (square, o1) = n.multipliedReportingOverflow(by: n)
        let (bytes, o2) = square.multipliedReportingOverflow(by: 8)
        return o1 || o2 || n < 0 ? nil : bytes
    }

    /// G = 0 (no rows read). Throws for n ≤ 0 or n² beyond LAPACK's 32-bit indices.
    public init(columns: Int) throws(LinearAlgebraError) {
        _ = BLASThreads.pinnedToOne
        guard columns > 0 else { throw .emptyMatrix }
        guard columns < 46_341 else { throw .dimensionTooLarge(rows: columns, columns: columns) }
        self.columns = columns
        storage = [Double](repeating: 0, count: columns * columns)
    }

    /// Columns of G per tile of ``accumulate(rows:)``. Fixed, not derived from the core count: every
    /// entry of G is then updated by the same single-threaded BLAS call whichever thread runs its
    /// tile, so G — and everything printed from it — is the same bits under any thread count.
    public static let tileColumns = 512

    /// G ← G + BᵀB for a block B of rows. The row-major b × n block read column-major is Bᵀ
    /// (n × b), so BᵀB = Bᵀ·(Bᵀ)ᵀ with no copy. G's columns are cut into tiles of
    /// ``tileColumns``: tile [s, e) gets its diagonal block by `dsyrk` and the rectangle above it,
    /// G[0..<s, s..<e], by `dgemm` — ≈ b·n² flops in all, the tiles spread over the cores
    /// (`DispatchQueue.concurrentPerform`), each call on one BLAS thread.
    /// - Parameter concurrently: spread the tiles over the cores (`false`: one after another, in
    ///   order — the same bits, which the tests check).
    public mutating func accumulate(rows block: Matrix<Double>, concurrently: Bool = true) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == columns else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        let n = columns, b = block.rows, width = Self.tileColumns
        let tiles = (n + width - 1) / width
        block.elements.withUnsafeBufferPointer { a in
            storage.withUnsafeMutableBufferPointer { g in
                let shared = SharedBuffers(a: a.baseAddress!, g: g.baseAddress!)
                let tile: @Sendable (Int) -> Void = { t in
                    // The widest (last) tiles first: they cost the most.
                    let s = (tiles - 1 - t) * width, w = min(width, n - s)
                    cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, Int32(w), Int32(b), 1, shared.a + s, Int32(n), 1, shared.g + s + s * n, Int32(n))
                    if s > 0 {
                        cblas_dgemm(
                            CblasColMajor, CblasNoTrans, CblasTrans, Int32(s), Int32(w), Int32(b), 1, shared.a, Int32(n),
                            shared.a + s, Int32(n), 1, shared.g + s * n, Int32(n))
                    }
                }
                if concurrently && tiles > 1 { DispatchQueue.concurrentPerform(iterations: tiles, execute: tile) } else { (0..<tiles).forEach(tile) }
            }
        }
        rowsRead += block.rows
        cholesky = nil
    }

    /// G as a full symmetric n × n array (column-major, both triangles), for a decomposition of its own.
    public var symmetricElements: [Double] {
        let n = columns
        var a = storage
        a.withUnsafeMutableBufferPointer { TiledPivotedCholesky.copyUpperToLower($0.baseAddress!, order: n, leadingDimension: n) }
        return a
    }

    /// G_ij (any i, j), read from the upper triangle.
    public subscript(i: Int, j: Int) -> Double { storage[min(i, j) + max(i, j) * columns] }

    /// tᵀGt = ‖J·t‖² for a sparse t given by its entries (index, value).
    public func quadraticForm(_ entries: [(index: Int, value: Double)]) -> Double {
        var s = 0.0
        for a in entries { for b in entries { s += a.value * b.value * self[a.index, b.index] } }
        return s
    }

    /// G·x (`dsymv` on the upper triangle).
    public func times(_ x: [Double]) -> [Double] {
        precondition(x.count == columns)
        var y = [Double](repeating: 0, count: columns)
        let n = Int32(columns)
        cblas_dsymv(CblasColMajor, CblasUpper, n, 1, storage, n, x, 1, 0, &y, 1)
        return y
    }

    /// λ₁(G) by `iterations` steps of power iteration from a fixed start (the Rayleigh quotient of
    /// the last iterate: λ₁ from below).
    public func largestEigenvalue(iterations: Int = 30) -> Double {
        var x = (0..<columns).map { 1 + Double($0 % 7) / 7 }
        var estimate = 0.0
        for _ in 0..<iterations {
            let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0 else { return 0 }
            x = x.map { $0 / norm }
            let y = times(x)
            estimate = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
            x = y
        }
        return max(estimate, (0..<columns).map { self[$0, $0] }.max() ?? 0)
    }

    /// The pivoted Cholesky factorisation of G (``TiledPivotedCholesky``: `dpstrf`'s algorithm
    /// with its trailing updates in fixed tiles over the cores), stopped when the largest
    /// remaining pivot is ≤ `cut` (on G's scale: τ² for a cut τ on J's singular values); rank 0
    /// when every diagonal entry is ≤ `cut`. G stays in the upper triangle; L goes to the strict
    /// lower triangle and ``PivotedCholesky/diagonal``. The lower trailing block (rows and
    /// columns ≥ r) is left holding the unfactored Schur complement, which nothing reads.
    @discardableResult
    public mutating func factor(cut: Double) throws(LinearAlgebraError) -> PivotedCholesky {
        let n = columns
        let diagonal = (0..<n).map { storage[$0 * n + $0] }
        // |G_ij| ≤ √(G_ii·G_jj): a finite diagonal bounds every entry (rows too large overflow it).
        if let bad = diagonal.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteEntry(row: bad, column: bad) }
        let outcome = storage.withUnsafeMutableBufferPointer { g in
            TiledPivotedCholesky.copyUpperToLower(g.baseAddress!, order: n, leadingDimension: n)
            return TiledPivotedCholesky.factor(g.baseAddress!, order: n, leadingDimension: n, cut: max(cut, 0))
        }
        // The cut is tested at the first pivot too: a G = 0, or one below the cut, has rank 0.
        let r = outcome.rank
        let lDiagonal = (0..<r).map { storage[$0 * n + $0] }
        for i in 0..<n { storage[i * n + i] = diagonal[i] }
        let result = PivotedCholesky(rank: r, order: outcome.order, diagonal: lDiagonal, pivotCut: max(cut, 0))
        cholesky = result
        return result
    }

    /// Runs `body` on the factor L in place — the strict lower triangle of the storage, leading
    /// dimension n — with L's own diagonal put where G's is kept, then restores G's diagonal: no
    /// copy of the r × r block L₁₁ (8·r² bytes, 4.6 GB at r = 24,000) is made.
    private mutating func withFactor<R>(_ f: PivotedCholesky, _ body: (UnsafePointer<Double>) -> R) -> R {
        let n = columns
        let kept = (0..<f.rank).map { storage[$0 * n + $0] }
        for i in 0..<f.rank { storage[i * n + i] = f.diagonal[i] }
        defer { for i in 0..<f.rank { storage[i * n + i] = kept[i] } }
        return storage.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Rows per tile of ``applyLeadingInverse(_:count:prefix:transposed:)``: fixed, so that each
    /// entry comes from the same single-threaded `dtrsm` call on any number of cores.
    static let solveTileRows = 256

    /// B ← L₁₁⁻¹B (`transposed` false) or L₁₁⁻ᵀB (true) for the leading `prefix` × `prefix` block
    /// L₁₁ of the last factorisation (G₁₁ = L₁₁L₁₁ᵀ for the first `prefix` pivoted columns) and a
    /// row-major `prefix` × `count` block B. Read column-major, B is Bᵀ (count × prefix), and
    /// (L₁₁⁻¹B)ᵀ = Bᵀ·L₁₁⁻ᵀ, (L₁₁⁻ᵀB)ᵀ = Bᵀ·L₁₁⁻¹: `dtrsm` from the right, in tiles of
    /// ``solveTileRows`` rows of Bᵀ spread over the cores (prefix²·count flops).
    public mutating func applyLeadingInverse(_ b: inout [Double], count k: Int, prefix r: Int, transposed: Bool) throws(LinearAlgebraError) {
        guard let f = cholesky else { throw .emptyMatrix }
        guard r > 0, k > 0 else { return }
        precondition(r <= f.rank && b.count == r * k)
        let n = Int32(columns), tiles = (k + Self.solveTileRows - 1) / Self.solveTileRows
        withFactor(f) { l in
            b.withUnsafeMutableBufferPointer { buffer in
                let shared = SharedBuffers(a: l, g: buffer.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: tiles) { t in
                    let s = t * Self.solveTileRows, w = min(Self.solveTileRows, k - s)
                    cblas_dtrsm(
                        CblasColMajor, CblasRight, CblasLower, transposed ? CblasNoTrans : CblasTrans, CblasNonUnit,
                        Int32(w), Int32(r), 1, shared.a, n, shared.g + s, Int32(k))
                }
            }
        }
    }

    /// L₂₁ᵀ for the leading `prefix` pivots: row-major `prefix` × (n − `prefix`), row j holding
    /// column j of L below the block (L[prefix + t, j] at t) — contiguous in the storage.
    public func trailingFactorRows(prefix r: Int) throws(LinearAlgebraError) -> [Double] {
        try trailingFactorRows(prefix: r, positions: Array(r..<columns))
    }

    /// L₂₁ᵀ restricted to the pivot positions `positions` (each ≥ `prefix`): row-major
    /// `prefix` × `positions.count`, row j holding L[positions[t], j] at t.
    public func trailingFactorRows(prefix r: Int, positions: [Int]) throws(LinearAlgebraError) -> [Double] {
        guard let f = cholesky else { throw .emptyMatrix }
        precondition(r <= f.rank && positions.allSatisfy { $0 >= r && $0 < columns })
        let n = columns, k = positions.count
        var out = [Double](repeating: 0, count: r * k)
        for j in 0..<r { for (t, p) in positions.enumerated() { out[j * k + t] = storage[j * n + p] } }
        return out
    }

    /// An orthonormal basis of the null space of the last factorisation (n × k column-major,
    /// k = n − r): the columns of Πᵀ·[−L₁₁⁻ᵀL₂₁ᵀ; I], which L·Lᵀ annihilates exactly, then
    /// orthonormalised (`dgeqrf`, `dorgqr`).
    public mutating func nullSpaceBasis() throws(LinearAlgebraError) -> Matrix<Double> {
        guard let f = cholesky else { throw .emptyMatrix }
        let n = columns, r = f.rank, k = n - r
        guard k > 0 else { return Matrix(rows: 0, columns: n, repeating: 0) }
        // X = L₁₁⁻ᵀL₂₁ᵀ (r × k row-major), the pivoted rows of each column −X over I.
        var x = try trailingFactorRows(prefix: r)
        try applyLeadingInverse(&x, count: k, prefix: r, transposed: true)
        var w = [Double](repeating: 0, count: n * k)  // column-major n × k, pivoted rows
        for t in 0..<k {
            for i in 0..<r { w[i + t * n] = -x[i * k + t] }
            w[r + t + t * n] = 1
        }
        var basis = [Double](repeating: 0, count: n * k)
        for t in 0..<k { for i in 0..<n { basis[f.order[i] + t * n] = w[i + t * n] } }
        var tau = [Double](repeating: 0, count: k)
        var info = LAPACKE_dgeqrf(LAPACK_COL_MAJOR, Int32(n), Int32(k), &basis, Int32(n), &tau)
        guard info == 0 else { throw .lapackFailure(routine: "dgeqrf", info: Int(info)) }
        info = LAPACKE_dorgqr(LAPACK_COL_MAJOR, Int32(n), Int32(k), Int32(k), &basis, Int32(n), tau)
        guard info == 0 else { throw .lapackFailure(routine: "dorgqr", info: Int(info)) }
        // Column-major n × k is row-major k × n: the basis vectors as rows.
        return Matrix(rows: k, columns: n, uncheckedElements: basis)
    }

    /// The eigenvalues of NᵀGN, largest first, for orthonormal rows N (k × n): upper bounds
    /// λ_{n−k+i}(G) ≤ μᵢ on G's trailing eigenvalues (`dsymm`, `dgemm`, `dsyev`).
    public func ritzValues(onRows basis: Matrix<Double>) throws(LinearAlgebraError) -> [Double] {
        let n = columns, k = basis.rows
        guard k > 0 else { return [] }
        precondition(basis.columns == n)
        var gn = [Double](repeating: 0, count: n * k)  // column-major n × k: G·Nᵀ
        cblas_dsymm(CblasColMajor, CblasLeft, CblasUpper, Int32(n), Int32(k), 1, storage, Int32(n), basis.elements, Int32(n), 0, &gn, Int32(n))
        var b = [Double](repeating: 0, count: k * k)
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, Int32(k), Int32(k), Int32(n), 1, basis.elements, Int32(n), gn, Int32(n), 0, &b, Int32(k))
        var values = [Double](repeating: 0, count: k)
        let info = LAPACKE_dsyev(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "U")), Int32(k), &b, Int32(k), &values)
        guard info == 0 else { throw .lapackFailure(routine: "dsyev", info: Int(info)) }
        return values.reversed()
    }

    /// λ_min(G₁₁) = σ_min(L₁₁)² for the leading `prefix` pivots (all r by default) of the last
    /// factorisation, estimated by `iterations` steps of inverse iteration (two triangular solves
    /// each): an estimate from above of a lower bound on λ_prefix(G). `nil` when the block is empty.
    public mutating func leadingSmallestEigenvalue(prefix: Int? = nil, iterations: Int = 30) throws(LinearAlgebraError) -> Double? {
        guard let f = cholesky else { throw .emptyMatrix }
        let r = min(prefix ?? f.rank, f.rank), n = Int32(columns)
        guard r > 0 else { return nil }
        return withFactor(f) { l in
            var x = (0..<r).map { 1 + Double(($0 * 7919) % 13) / 13 }
            var estimate = Double.infinity
            for _ in 0..<iterations {
                let norm = x.reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard norm > 0, norm.isFinite else { break }
                x = x.map { $0 / norm }
                var y = x
                cblas_dtrsv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(r), l, n, &y, 1)
                cblas_dtrsv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(r), l, n, &y, 1)
                // y = G₁₁⁻¹x: xᵀy is a Rayleigh quotient of G₁₁⁻¹ (≤ 1/λ_min).
                let q = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 }
                if q > 0 { estimate = min(estimate, 1 / q) }
                x = y
            }
            return estimate.isFinite ? estimate : f.diagonal[r - 1] * f.diagonal[r - 1]
        }
    }
}

/// The block and G's storage, shared read-only and tile-disjoint by ``GramMatrix/accumulate(rows:)``'s tiles.
struct SharedBuffers: @unchecked Sendable {
    let a: UnsafePointer<Double>
    let g: UnsafeMutablePointer<Double>
}
