import CLAPACKE
import Dispatch

/// J's spectrum below the Gram floor, at the accuracy of QR: the well-conditioned pivot columns
/// J₁ of a pivoted Cholesky factorisation of G = JᵀJ are deflated by the Schur complement
/// S = J₂ − J₁X, formed from J's rows (never squared) and corrected by the corrected
/// semi-normal equations (Björck, *Numerical Methods for Least Squares Problems*, 1996, §2.5.4).
///
/// With Π the pivot order, J·Π = [J₁ J₂] (r₁ and k = n − r₁ columns) and W = [−X; I]:
/// J·Π·W = S for **any** X. X starts as G₁₁⁻¹G₁₂ = L₁₁⁻ᵀL₂₁ᵀ from the factor, whose error is
/// ≈ κ(J₁)²·ε; each pass over J's rows accumulates C = J₁ᵀS and the triangular factor R_S of S,
/// and a correction δ = G₁₁⁻¹C, X ← X + δ removes S's component E = Q₁ᵀS = L₁₁⁻¹C in the range
/// of J₁ = Q₁L₁₁ᵀ. J₁ holds only pivots well above the Gram floor, so κ(J₁)²·ε ≲ 1/max(m, n)
/// and one correction suffices (the contraction is that factor).
///
/// S is never squared: the triangular factor R_S of a QR factorisation S = Q_S·R_S is updated beside
/// C, block by block (``LanedTriangularFactor``: `dtplqt` in two fixed lanes of rows, combined at the
/// end), so σ(S) is resolved down to QR's floor ‖S‖·max(m, k)·ε. (Accumulating K = SᵀS instead would
/// resolve σ(S) only down to ‖S‖·√(max(m, k)·ε), and on deep ReLU networks the spectrum's gap lies
/// below that: σ(J·N) near the rank sat at K's floor, so the rank could not stand.)
///
/// What the result proves (docs/rank-performance.md, "Schur deflation"), with N = Π·W·T⁻¹ the
/// orthonormal basis for WᵀW = TᵀT (so J·N = S·T⁻¹ = Q_S·(R_S·T⁻¹), σ(J·N) = σ(R_S·T⁻¹), ‖T⁻¹‖ ≤ 1):
/// - σ_{r₁+i}(J) ≤ σᵢ(J·N) for every i (Courant–Fischer on the span of N's trailing vectors);
/// - with ρ = ‖L₁₁⁻¹C‖₂ ≥ ‖Q₁ᵀJ·N‖₂ (by power iteration) and r_S ≥ 1 values of J·N kept,
///   σ_{r₁+r_S}(J) ≥ (min(σ_min(J₁), σ_{r_S}(J·N)) − 2ρ)/√2 (Courant–Fischer on the span of
///   J₁'s coordinate vectors and N's leading ones), and σ_{r₁}(J) ≥ σ_min(J₁) when r_S = 0.
///
/// **Zero columns.** A trailing column j whose computed G_jj is exactly 0 (``zero``) is kept out
/// of S: a zero column of J has G_jj = 0 exactly, and every pass checks, exactly, that the
/// columns set apart are zero in the rows it reads (``zeroColumnsHold``). Then J·e_j = 0, and
/// N = [Π·W·T⁻¹, E_z] is still orthonormal (W's columns vanish on the zero columns), with
/// J·N = [S·T⁻¹, 0]: σ(J·N) is σ(S·T⁻¹) and z zeros, and both bounds above hold as stated
/// (proofs/schur-deflation-zero-columns.md). S keeps at least one column.
///
/// Memory, with k the columns of S and z the zero ones: X and C (8·2·r₁·k bytes), the two lanes'
/// triangles (8·2·k²) and the block's columns (8·b·n) while reading; at the end R_S, T, the SVD
/// of R_S·T⁻¹ with its workspace (`dgesdd`, ≤ 8·6·k² beside the two) and the null rows
/// (8·(2·n·k + n·z)), C released first —
/// ``memoryNeeded(columns:leading:zero:blockRows:)``.
public struct SchurDeflation: Sendable {
    public let columns: Int
    /// J₁'s columns (the first r₁ pivots) and J₂'s (the rest), in pivot order.
    public let leading: [Int]
    public let trailing: [Int]
    /// The trailing columns with G_jj = 0, kept out of S (in pivot order).
    public let zero: [Int]
    /// Every row read so far is exactly 0 at the ``zero`` columns. When `false` the split is void
    /// and ``spectrum()`` refuses.
    public private(set) var zeroColumnsHold = true
    /// X (r₁ × k, row-major).
    private var x: [Double]
    /// C = J₁ᵀS of the current pass (r₁ × k, row-major); E = L₁₁⁻¹C after ``finishPass(gram:)``.
    private var cross: [Double]
    /// R_S of the current pass; `nil` in a pass that reads C only (see ``readsTrailingGram``).
    private var factor: LanedTriangularFactor?
    /// V = Π·[−X; I] for the factored blocks of the current pass (built from X when first needed).
    private var operand: FactoredOperand?
    /// Per column of J: its position among the leading pivots, or −1 (built when first needed).
    private var leadingRow: [Int] = []
    /// Per column of J: whether it is one of ``zero`` (built when first needed).
    private var zeroMask: [Bool] = []
    /// Rows of J read in the current pass.
    public private(set) var rowsRead = 0
    /// ρ = ‖L₁₁⁻¹C‖₂ at the end of each pass, in order.
    public private(set) var residuals: [Double] = []

    /// Columns of S per tile of the block products: fixed, so that the bits do not depend on the cores.
    static let tileColumns = 256

    /// The bytes the deflation holds at its peak beside G, `nil` on overflow, with `zero` of the
    /// n − r trailing columns kept out of S.
    public static func memoryNeeded(columns n: Int, leading r: Int, zero z: Int = 0, blockRows b: Int) -> Int? {
        let k = n - r - z
        guard k >= 0, z >= 0 else { return nil }
        let parts = [(2 * r, k), (8, k * k), (b, n), (2 * n, k), (n, z)]
        var total = 0
        for (a, c) in parts {
            let (p, o1) = a.multipliedReportingOverflow(by: c)
            let (q, o2) = total.addingReportingOverflow(p)
            guard !o1, !o2 else { return nil }
            total = q
        }
        let (bytes, o) = total.multipliedReportingOverflow(by: 8)
        return o ? nil : bytes
    }

    /// The current pass factors S (R_S) beside C. A pass followed by a correction of X needs
    /// C only (its R_S is discarded): the first pass, which a correction nearly always follows,
    /// may skip R_S's 2·m·k² flops — ``reread()`` reads the rows again for R_S when no correction came.
    public var readsTrailingGram: Bool { factor != nil }

    /// Starts from X = L₁₁⁻ᵀL₂₁ᵀ for the first `leading` pivots of `gram`'s last factorisation;
    /// every pass factors S (R_S).
    public init(gram: inout GramMatrix, leading r: Int) throws(LinearAlgebraError) {
        try self.init(gram: &gram, leading: r, gramInFirstPass: true)
    }

    /// Starts from X = L₁₁⁻ᵀL₂₁ᵀ for the first `leading` pivots of `gram`'s last factorisation;
    /// the first pass factors S (R_S) only when `gramInFirstPass`.
    public init(gram: inout GramMatrix, leading r: Int, gramInFirstPass: Bool) throws(LinearAlgebraError) {
        guard let f = gram.cholesky else { throw .emptyMatrix }
        let n = gram.columns
        precondition(r > 0 && r <= f.rank && r < n)
        columns = n
        leading = Array(f.order[0..<r])
        let (kept, zero) = Self.splitZeroColumns(gram, positions: Array(r..<n), order: f.order)
        trailing = kept.map { f.order[$0] }
        self.zero = zero.map { f.order[$0] }
        let k = trailing.count
        x = try gram.trailingFactorRows(prefix: r, positions: kept)
        try gram.applyLeadingInverse(&x, count: k, prefix: r, transposed: true)
        cross = [Double](repeating: 0, count: r * k)
        factor = gramInFirstPass ? try LanedTriangularFactor(columns: k) : nil
    }

    /// The pivot positions past J₁ whose column has G_jj = 0 computed (`zero`) and the others
    /// (`kept`), in order; the last position stays in `kept` when every one has G_jj = 0, so
    /// that S keeps a column. G_jj is a sum of squares: a zero column gives exactly 0.
    public static func splitZeroColumns(_ gram: GramMatrix, positions: [Int], order: [Int]) -> (kept: [Int], zero: [Int]) {
        var kept = positions.filter { gram[order[$0], order[$0]] != 0 }
        var zero = positions.filter { gram[order[$0], order[$0]] == 0 }
        if kept.isEmpty, let last = zero.popLast() { kept = [last] }
        return (kept, zero)
    }

    /// The number of trailing columns past the first `leading` pivots that ``init(gram:leading:)``
    /// keeps out of S (for the memory plan).
    public static func zeroColumnCount(_ gram: GramMatrix, leading r: Int) -> Int {
        guard let f = gram.cholesky, r < gram.columns else { return 0 }
        return splitZeroColumns(gram, positions: Array(r..<gram.columns), order: f.order).zero.count
    }

    /// Folds a block B of J's rows into the pass: S_B = B₂ − B₁X (from B's entries),
    /// C += B₁ᵀS_B and R_S updated by S_B's rows (≈ 4·b·r₁·k + 2·b·k² flops, on both cores).
    public mutating func absorb(rows block: Matrix<Double>) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == columns else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        try block.validateForLAPACK()
        let b = block.rows, r = leading.count, k = trailing.count
        var b1 = [Double](repeating: 0, count: b * r), s = [Double](repeating: 0, count: b * k)
        for i in 0..<b {
            let row = i * columns
            if zero.contains(where: { block.elements[row + $0] != 0 }) { zeroColumnsHold = false }
            for (j, c) in leading.enumerated() { b1[i * r + j] = block.elements[row + c] }
            for (t, c) in trailing.enumerated() { s[i * k + t] = block.elements[row + c] }
        }
        let tiles = (k + Self.tileColumns - 1) / Self.tileColumns
        x.withUnsafeBufferPointer { xp in
            b1.withUnsafeBufferPointer { bp in
                s.withUnsafeMutableBufferPointer { sp in
                    cross.withUnsafeMutableBufferPointer { cp in
                        let shared = DeflationBuffers(x: xp.baseAddress!, b1: bp.baseAddress!, s: sp.baseAddress!, c: cp.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: tiles) { t in
                            let o = t * Self.tileColumns, w = Int32(min(Self.tileColumns, k - o))
                            // S_B[:, tile] −= B₁·X[:, tile]; C[:, tile] += B₁ᵀ·S_B[:, tile].
                            cblas_dgemm(
                                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(b), w, Int32(r), -1, shared.b1, Int32(r),
                                shared.x + o, Int32(k), 1, shared.s + o, Int32(k))
                            cblas_dgemm(
                                CblasRowMajor, CblasTrans, CblasNoTrans, Int32(r), w, Int32(b), 1, shared.b1, Int32(r),
                                shared.s + o, Int32(k), 1, shared.c + o, Int32(k))
                        }
                    }
                }
            }
        }
        try factor?.append(rows: Matrix(rows: b, columns: k, uncheckedElements: s))
        rowsRead += b
    }

    /// Folds a block of J's rows given in Kronecker-factored form into the pass, never forming
    /// the rows: S_B = J_B·V for V = Π·[−X; I] (``FactoredJacobian/times(_:)``), C += the rows
    /// of J_BᵀS_B at the leading pivots (``FactoredJacobian/transposeTimes(_:)`` restricted to
    /// them) and R_S updated by S_B's rows — for a block of n points ≈ 4·n·k·(P + K·Σu) + 2·n·K·k²
    /// flops against 4·n·K·r₁·k + 2·n·K·k² for ``absorb(rows:)`` on the same n·K rows. The same S_B and C
    /// up to round-off: each entry sums the same products in another order. The products run on
    /// ``FactoredJacobian/restrictedToLiveUnits`` — the same J without the units whose
    /// sensitivities, and the inputs whose values, are 0 on the block — so a layer costs
    /// u′·d′ instead of u·d in the P term.
    public mutating func absorb(factored block: FactoredJacobian) throws(LinearAlgebraError) {
        guard block.points > 0, block.outputs > 0 else { return }
        guard block.parameterCount == columns else { throw .dimensionTooLarge(rows: block.points * block.outputs, columns: block.parameterCount) }
        try block.validateFinite()
        if !zero.isEmpty {
            if zeroMask.isEmpty {
                zeroMask = [Bool](repeating: false, count: columns)
                for c in zero { zeroMask[c] = true }
            }
            if !block.vanishes(onColumns: zeroMask) { zeroColumnsHold = false }
        }
        if operand == nil { operand = FactoredOperand(schur: x, leading: leading, trailing: trailing, parameterCount: columns) }
        // The same J without the units and inputs that are 0 on the block (dead ReLU units):
        // the products skip their parameters.
        let live = block.restrictedToLiveUnits
        let s = try live.times(operand!)
        if leadingRow.isEmpty {
            leadingRow = [Int](repeating: -1, count: columns)
            for (i, c) in leading.enumerated() { leadingRow[c] = i }
        }
        try live.addTransposeTimes(s, into: &cross, rows: leadingRow)
        try factor?.append(rows: s)
        rowsRead += s.rows
    }

    /// Ends a pass: E = L₁₁⁻¹C in place, and returns ρ = ‖E‖₂ = ‖Q₁ᵀS‖₂ (30 steps of power
    /// iteration, from below) — how far S (and J·N) still reaches into the range of J₁.
    public mutating func finishPass(gram: inout GramMatrix) throws(LinearAlgebraError) -> Double {
        try gram.applyLeadingInverse(&cross, count: trailing.count, prefix: leading.count, transposed: false)
        let rho = Self.largestSingularValue(rowMajor: cross, rows: leading.count, columns: trailing.count)
        residuals.append(rho)
        return rho
    }

    /// The corrected semi-normal equations' step after ``finishPass(gram:)``: δ = L₁₁⁻ᵀE
    /// (= G₁₁⁻¹C), X ← X + δ, and a new pass (C = 0, R_S = 0) to be read.
    public mutating func correct(gram: inout GramMatrix) throws(LinearAlgebraError) {
        try gram.applyLeadingInverse(&cross, count: trailing.count, prefix: leading.count, transposed: true)
        // The operand shares X's storage: released first, so that X is updated in place.
        operand = nil
        for i in x.indices { x[i] += cross[i] }
        for i in cross.indices { cross[i] = 0 }
        factor = try LanedTriangularFactor(columns: trailing.count)
        rowsRead = 0
    }

    /// A new pass with the same X that factors S (R_S) beside C (after a pass that read C only
    /// and was followed by no correction).
    public mutating func reread() throws(LinearAlgebraError) {
        for i in cross.indices { cross[i] = 0 }
        factor = try LanedTriangularFactor(columns: trailing.count)
        rowsRead = 0
    }

    /// σ(J·N) and the basis it was read on, for the S of the last pass (see ``TrailingSpectrum``).
    /// N = Π·W·T⁻¹ with WᵀW = I + XᵀX = TᵀT (XᵀX in fixed tiles over the cores as G is; Cholesky,
    /// `dpotrf`: W's condition is ‖W‖₂ at most, so T is accurate), never formed: only its null
    /// directions are, by ``TrailingSpectrum/nullRows(after:)``. J·N = S·T⁻¹ = Q_S·(R_S·T⁻¹), so
    /// σ(J·N) and J·N's right singular vectors are those of the k × k upper-triangular
    /// M = R_S·T⁻¹ (`dtrsm`, then `dgesdd`) — S is never squared. C and R_S are released as they
    /// are used: the deflation can read no more rows. The ``zero`` columns add z values 0 (last)
    /// and their e_j to the null directions — valid only while ``zeroColumnsHold``, which the
    /// caller checks first.
    public mutating func spectrum() throws(LinearAlgebraError) -> TrailingSpectrum {
        guard factor != nil else { throw .emptyMatrix }
        precondition(zeroColumnsHold, "a column set apart as zero was not zero in J's rows")
        _ = BLASThreads.pinnedToOne
        let r = leading.count, k = trailing.count
        cross = []
        operand = nil
        let floor = trailingFloor() ?? 0
        var m = try factor!.combined()
        factor = nil
        let t = try Self.gramFactor(of: x, rows: r, columns: k)
        let wNorm = Self.largestSingularValue(upper: t, order: k, leadingDimension: k)
        Self.solve(upper: t, order: k, &m, columns: k, transposed: false, fromRight: true)
        let (sigma, vt) = try Self.singularValues(upperTriangular: &m, order: k)
        // The eigenvectors of MᵀM smallest first (V's columns in reverse), column-major k × k, in
        // M's storage (dgesdd left U there, which is not needed).
        for j in 0..<k { for c in 0..<k { m[c + j * k] = vt[(k - 1 - j) + c * k] } }
        let values = sigma.map { max($0, 0) } + [Double](repeating: 0, count: zero.count)
        return TrailingSpectrum(
            values: values, wNorm: wNorm, floor: floor, x: x, t: t, ascendingVectors: m, order: leading + trailing, zero: zero)
    }

    /// T, upper triangular k × k column-major with TᵀT = I + XᵀX for the r × k row-major X: XᵀX
    /// folded in as a Gram matrix's rows are (fixed tiles of `dsyrk`/`dgemm` over the cores, the
    /// upper triangle), the unit diagonal added, then Cholesky (`dpotrf`); the lower part zeroed.
    static func gramFactor(of x: [Double], rows r: Int, columns k: Int) throws(LinearAlgebraError) -> [Double] {
        var xtx = try GramMatrix(columns: k)
        try xtx.accumulate(rows: Matrix(rows: r, columns: k, uncheckedElements: x))
        var t = (consume xtx).storage
        for i in 0..<k { t[i + i * k] += 1 }
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(k), &t, Int32(k))
        guard info == 0 else { throw .lapackFailure(routine: "dpotrf", info: Int(info)) }
        for j in 0..<k { for i in (j + 1)..<k { t[i + j * k] = 0 } }
        return t
    }

    /// The singular values (largest first) and Vᵀ (k × k column-major) of the k × k column-major
    /// `m`, by `dgesdd` (divide and conquer; `m` is overwritten by U). The workspace is queried
    /// first and counted in ``memoryNeeded(columns:leading:zero:blockRows:)``.
    static func singularValues(upperTriangular m: inout [Double], order k: Int) throws(LinearAlgebraError) -> ([Double], [Double]) {
        var sigma = [Double](repeating: 0, count: k), vt = [Double](repeating: 0, count: k * k)
        var iwork = [Int32](repeating: 0, count: 8 * k), query = 0.0
        let n = Int32(k), job = CChar(UInt8(ascii: "O"))
        var info = LAPACKE_dgesdd_work(
            LAPACK_COL_MAJOR, job, n, n, &m, n, &sigma, nil, 1, &vt, n, &query, -1, &iwork)
        guard info == 0, query.isFinite, query >= 1, query < Double(Int32.max) else {
            throw .lapackFailure(routine: "dgesdd", info: Int(info))
        }
        var work = [Double](repeating: 0, count: Int(query))
        info = LAPACKE_dgesdd_work(
            LAPACK_COL_MAJOR, job, n, n, &m, n, &sigma, nil, 1, &vt, n, &work, Int32(work.count), &iwork)
        guard info == 0 else { throw .lapackFailure(routine: "dgesdd", info: Int(info)) }
        return (sigma, vt)
    }

    /// S's own floor ‖S‖·max(m, k)·ε — QR's, the accuracy to which R_S carries σ(S) — after a
    /// pass that factored S (`nil` after one that did not): the same number ``spectrum()``
    /// reports, and so a lower bound on the cut the deflation's rank is read at.
    public func trailingFloor() -> Double? {
        guard let f = factor else { return nil }
        return f.largestSingularValue() * Double(max(f.rowsRead, trailing.count)) * Double.ulpOfOne
    }

    /// B ← T⁻¹B (or T⁻ᵀB when `transposed`) for the upper-triangular k × k T and a k × `columns`
    /// column-major B, in fixed tiles of B's columns over the cores (`dtrsm`); with `fromRight`,
    /// B ← B·T⁻¹ (or B·T⁻ᵀ) for a `columns` × k B, in fixed tiles of its rows. The tiles are
    /// independent (each solve reads T and writes its own part of B).
    static func solve(upper t: [Double], order k: Int, _ b: inout [Double], columns c: Int, transposed: Bool, fromRight: Bool = false) {
        let tiles = (c + tileColumns - 1) / tileColumns
        let operation = transposed ? CblasTrans : CblasNoTrans
        t.withUnsafeBufferPointer { tp in
            b.withUnsafeMutableBufferPointer { bp in
                let shared = SharedBuffers(a: tp.baseAddress!, g: bp.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: tiles) { i in
                    let s = i * tileColumns, w = Int32(min(tileColumns, c - s))
                    if fromRight {
                        cblas_dtrsm(
                            CblasColMajor, CblasRight, CblasUpper, operation, CblasNonUnit, w, Int32(k), 1, shared.a, Int32(k),
                            shared.g + s, Int32(c))
                    } else {
                        cblas_dtrsm(
                            CblasColMajor, CblasLeft, CblasUpper, operation, CblasNonUnit, Int32(k), w, 1, shared.a, Int32(k),
                            shared.g + s * k, Int32(k))
                    }
                }
            }
        }
    }

    /// ‖E‖₂ of a row-major matrix by 30 steps of power iteration on EᵀE (from below).
    static func largestSingularValue(rowMajor e: [Double], rows: Int, columns k: Int) -> Double {
        var v = (0..<k).map { 1 + Double($0 % 5) / 5 }, estimate = 0.0
        var u = [Double](repeating: 0, count: rows)
        for _ in 0..<30 {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { break }
            v = v.map { $0 / norm }
            cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(rows), Int32(k), 1, e, Int32(k), v, 1, 0, &u, 1)
            estimate = u.reduce(0) { $0 + $1 * $1 }.squareRoot()
            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(rows), Int32(k), 1, e, Int32(k), u, 1, 0, &v, 1)
        }
        return estimate
    }

    /// ‖T‖₂ for an upper-triangular T (column-major, leading dimension `lda`) by 30 steps of power
    /// iteration on TᵀT (from below).
    static func largestSingularValue(upper t: [Double], order k: Int, leadingDimension lda: Int) -> Double {
        var v = (0..<k).map { 1 + Double($0 % 5) / 5 }, estimate = 0.0
        for _ in 0..<30 {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { break }
            v = v.map { $0 / norm }
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasNoTrans, CblasNonUnit, Int32(k), t, Int32(lda), &v, 1)
            estimate = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            cblas_dtrmv(CblasColMajor, CblasUpper, CblasTrans, CblasNonUnit, Int32(k), t, Int32(lda), &v, 1)
        }
        return max(estimate, 1)
    }
}
