import CLAPACKE
import Dispatch

extension FactoredJacobian {
    /// Columns of V (or S) per tile of ``times(_:)`` and ``transposeTimes(_:)``: fixed, not derived
    /// from the core count, so that every entry comes from the same single-threaded BLAS calls
    /// whichever thread runs its tile — the bits are the same on any number of cores.
    public static let productTileColumns = 128

    /// J·V (n·K × k, row-major) from the factors. J's rows of point x restricted to layer ℓ are
    /// δ_{ℓ,k}(x) ⊗ ā_ℓ(x), so with V_ℓ[j, (t, i)] = V[column(ℓ, i, j), t] (d_ℓ × k·u_ℓ; 0 for
    /// an absent edge)
    ///
    ///     (J·V)[x·K + k, t] = Σ_ℓ Σ_i Δ_ℓ[x·K + k, i] · (A_ℓ·V_ℓ)[x, (t, i)]:
    ///
    /// per layer one `dgemm` A_ℓ·V_ℓ (2·n·P_ℓ·k flops) and per point a K × u_ℓ by u_ℓ × k
    /// contraction with Δ_ℓ (2·n·K·u_ℓ·k) — 2·n·k·(P + K·Σu) flops against 2·n·K·P·k on J's
    /// rows. Each entry is a sum of the products Δ·ā·V that J·V on J's rows sums (in another
    /// order), so its round-off is bounded as that product's is, by γ·(|J|·|V|).
    /// The k columns are cut into tiles of ``productTileColumns`` spread over the cores.
    public func times(_ v: FactoredOperand) throws(LinearAlgebraError) -> Matrix<Double> {
        _ = BLASThreads.pinnedToOne
        let m = points * outputs, k = v.columns
        guard v.parameterCount == parameterCount else { throw .dimensionTooLarge(rows: v.parameterCount, columns: k) }
        try checkProductSizes(columns: k)
        var s = [Double](repeating: 0, count: m * k)
        guard m > 0, k > 0 else { return Matrix(rows: m, columns: k, uncheckedElements: s) }
        let tiles = (k + Self.productTileColumns - 1) / Self.productTileColumns
        s.withUnsafeMutableBufferPointer { sp in
            let target = ProductTarget(pointer: sp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: tiles) { t in
                let o = t * Self.productTileColumns, w = min(Self.productTileColumns, k - o)
                for block in blocks { block.addTimes(v, from: o, width: w, outputs: outputs, into: target.pointer, stride: k) }
            }
        }
        return Matrix(rows: m, columns: k, uncheckedElements: s)
    }

    /// Jᵀ·S (P × k, row-major) for S with J's n·K rows, from the factors: per layer
    ///
    ///     (JᵀS)[column(ℓ, i, j), t] = Σ_x ā_ℓ(x)[j] · U_ℓ[x, (t, i)],  U_ℓ[x, (t, i)] = Σ_k Δ_ℓ[x·K + k, i]·S[x·K + k, t]:
    ///
    /// per point a u_ℓ × K by K × k contraction, then one `dgemm` A_ℓᵀ·U_ℓ — the same
    /// 2·n·k·(P + K·Σu) flops as ``times(_:)``, in the same fixed tiles of columns.
    public func transposeTimes(_ s: Matrix<Double>) throws(LinearAlgebraError) -> Matrix<Double> {
        var out = [Double](repeating: 0, count: parameterCount * s.columns)
        try addTransposeTimes(s, into: &out, rows: Array(0..<parameterCount))
        return Matrix(rows: parameterCount, columns: s.columns, uncheckedElements: out)
    }

    /// out[rows[c], ·] += (JᵀS)[c, ·] for every θ column c with rows[c] ≥ 0 (`out` row-major with
    /// S's k columns): the rows of JᵀS at chosen columns of J, without JᵀS itself.
    func addTransposeTimes(_ s: Matrix<Double>, into out: inout [Double], rows: [Int]) throws(LinearAlgebraError) {
        _ = BLASThreads.pinnedToOne
        let m = points * outputs, k = s.columns
        guard s.rows == m, rows.count == parameterCount else { throw .dimensionTooLarge(rows: s.rows, columns: k) }
        try checkProductSizes(columns: k)
        guard m > 0, k > 0 else { return }
        precondition(rows.allSatisfy { $0 < 0 || ($0 + 1) * k <= out.count })
        let tiles = (k + Self.productTileColumns - 1) / Self.productTileColumns
        s.elements.withUnsafeBufferPointer { sp in
            out.withUnsafeMutableBufferPointer { op in
                let source = ProductSource(pointer: sp.baseAddress!), target = ProductTarget(pointer: op.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: tiles) { t in
                    let o = t * Self.productTileColumns, w = min(Self.productTileColumns, k - o)
                    for block in blocks {
                        block.addTransposeTimes(source.pointer, stride: k, from: o, width: w, outputs: outputs, into: target.pointer, rows: rows)
                    }
                }
            }
        }
    }

    /// Throws for a non-finite factor (J would have a non-finite entry).
    public func validateFinite() throws(LinearAlgebraError) {
        for block in blocks {
            if let bad = block.inputs.elements.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteEntry(row: bad / max(1, block.width), column: bad % max(1, block.width))
            }
            if let bad = block.sensitivities.elements.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteEntry(row: bad / max(1, block.units), column: -1)
            }
        }
    }

    /// Every BLAS dimension of the products within 32 bits, and the products' sizes within `Int`.
    private func checkProductSizes(columns k: Int) throws(LinearAlgebraError) {
        let limit = Int(Int32.max), m = points * outputs
        guard !m.multipliedReportingOverflow(by: max(k, 1)).overflow, m < limit, k < limit,
            blocks.allSatisfy({ $0.width < limit && $0.units.multipliedReportingOverflow(by: Self.productTileColumns).partialValue < limit })
        else { throw .dimensionTooLarge(rows: m, columns: k) }
    }
}

extension FactoredJacobian.Block {
    /// S[x·K..<(x+1)·K, o..<o+w] += Δ_x·(A·V_ℓ)_xᵀ for every point x: this layer's part of a tile of J·V.
    fileprivate func addTimes(
        _ v: FactoredOperand, from o: Int, width w: Int, outputs K: Int, into s: UnsafeMutablePointer<Double>, stride k: Int
    ) {
        let n = inputs.rows, u = units, d = width, wide = w * u
        guard n > 0, u > 0, d > 0 else { return }
        let vt = gather(v, from: o, width: w)
        // T = A·V_ℓ (n × w·u): row x holds (A·V_ℓ)_x as w × u, row-major.
        var t = [Double](repeating: 0, count: n * wide)
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(n), Int32(wide), Int32(d), 1, inputs.elements, Int32(d), vt, Int32(wide), 0,
            &t, Int32(wide))
        sensitivities.elements.withUnsafeBufferPointer { delta in
            t.withUnsafeBufferPointer { tp in
                for x in 0..<n {
                    let rows = delta.baseAddress! + x * K * u
                    guard (0..<(K * u)).contains(where: { rows[$0] != 0 }) else { continue }
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasTrans, Int32(K), Int32(w), Int32(u), 1, rows, Int32(u), tp.baseAddress! + x * wide,
                        Int32(u), 1, s + x * K * k + o, Int32(k))
                }
            }
        }
    }

    /// out[rows[c], o..<o+w] += (JᵀS)[c, o..<o+w] for this layer's columns c: U_x = S_xᵀΔ_x per
    /// point, then R = AᵀU (d × w·u), scattered to the rows asked for.
    fileprivate func addTransposeTimes(
        _ s: UnsafePointer<Double>, stride k: Int, from o: Int, width w: Int, outputs K: Int, into out: UnsafeMutablePointer<Double>,
        rows: [Int]
    ) {
        let n = inputs.rows, u = units, d = width, wide = w * u
        guard n > 0, u > 0, d > 0 else { return }
        var z = [Double](repeating: 0, count: n * wide)
        sensitivities.elements.withUnsafeBufferPointer { delta in
            z.withUnsafeMutableBufferPointer { zp in
                for x in 0..<n {
                    let rows = delta.baseAddress! + x * K * u
                    guard (0..<(K * u)).contains(where: { rows[$0] != 0 }) else { continue }
                    // U_x (w × u) = S_xᵀ (w × K) · Δ_x (K × u).
                    cblas_dgemm(
                        CblasRowMajor, CblasTrans, CblasNoTrans, Int32(w), Int32(u), Int32(K), 1, s + x * K * k + o, Int32(k), rows,
                        Int32(u), 0, zp.baseAddress! + x * wide, Int32(u))
                }
            }
        }
        var r = [Double](repeating: 0, count: d * wide)
        cblas_dgemm(
            CblasRowMajor, CblasTrans, CblasNoTrans, Int32(d), Int32(wide), Int32(n), 1, inputs.elements, Int32(d), z, Int32(wide), 0,
            &r, Int32(wide))
        r.withUnsafeBufferPointer { rp in
            columns.withUnsafeBufferPointer { column in
                rows.withUnsafeBufferPointer { row in
                    for i in 0..<u {
                        for j in 0..<d {
                            let c = column[i * d + j]
                            guard c >= 0, row[c] >= 0 else { continue }
                            let src = j * wide + i, dst = row[c] * k + o
                            for q in 0..<w { out[dst + q] += rp[src + q * u] }
                        }
                    }
                }
            }
        }
    }

    /// V_ℓ's tile (d × w·u, row-major): entry [j, q·u + i] = V[column(i, j), o + q], 0 for an absent edge.
    private func gather(_ v: FactoredOperand, from o: Int, width w: Int) -> [Double] {
        let u = units, d = width, wide = w * u, k = v.columns, scale = v.coefficient
        var vt = [Double](repeating: 0, count: d * wide)
        v.block.withUnsafeBufferPointer { block in
            v.blockRow.withUnsafeBufferPointer { blockRow in
                v.unitColumn.withUnsafeBufferPointer { unit in
                    columns.withUnsafeBufferPointer { column in
                        vt.withUnsafeMutableBufferPointer { out in
                            for i in 0..<u {
                                for j in 0..<d {
                                    let c = column[i * d + j]
                                    guard c >= 0 else { continue }
                                    let dst = j * wide + i
                                    if blockRow[c] >= 0 {
                                        let src = blockRow[c] * k + o
                                        for q in 0..<w { out[dst + q * u] = scale * block[src + q] }
                                    }
                                    let t = unit[c]
                                    if t >= o && t < o + w { out[dst + (t - o) * u] += 1 }
                                }
                            }
                        }
                    }
                }
            }
        }
        return vt
    }
}

/// The product's storage, written by the tiles at disjoint columns.
private struct ProductTarget: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
}

/// S, read by the tiles.
private struct ProductSource: @unchecked Sendable {
    let pointer: UnsafePointer<Double>
}
