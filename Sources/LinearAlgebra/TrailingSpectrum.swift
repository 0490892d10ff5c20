import CLAPACKE
import Dispatch

/// The singular values of J·N for the orthonormal basis N = [Π·W·T⁻¹, E_z] (n × (k + z)) of the
/// deflation — E_z the coordinate vectors of J's z zero columns (``SchurDeflation/zero``) — and
/// N with J·N's right singular vectors, from which the null space at any rank r₁ + r_S is read.
public struct TrailingSpectrum: Sendable {
    /// σ(J·N), largest first (k + z values, the last z of them the zero columns' 0).
    public let values: [Double]
    /// ‖W‖₂ = ‖T‖₂ ≥ 1 for W = [−X; I]: S = J·Π·W is formed with round-off ≈ ε·‖J‖·‖W‖.
    public let wNorm: Double
    /// ‖S‖·max(m, k)·ε, QR's floor: R_S carries no singular value of S below this.
    public let floor: Double
    /// X (r₁ × k row-major) and T (k × k upper, column-major; WᵀW = TᵀT for W = [−X; I]), the
    /// right singular vectors of J·N (k × k column-major), smallest singular value first, and Π as indices
    /// (J₁'s and S's columns, r₁ + k).
    let x: [Double]
    let t: [Double]
    let ascendingVectors: [Double]
    let order: [Int]
    /// J's zero columns, in pivot order (their σ = 0 are the last values).
    public let zero: [Int]

    /// The rows of (N·V)ᵀ past the first `kept`: an orthonormal basis of the directions J·N
    /// maps below σ_kept(J·N) — the null space at rank r₁ + `kept` ((k + z − kept) × n). These
    /// are the right singular vectors V_d of the d = k − kept smallest singular values (the first columns),
    /// N·V_d = Π·W·Y = Π·[−X·Y; Y] with Y = T⁻¹V_d (`dtrsm`, `dgemm`, tiles over the cores),
    /// then the e_j of the zero columns (past `kept` too when `kept` > k).
    public func nullRows(after kept: Int) -> Matrix<Double> {
        let n = order.count + zero.count, k = values.count - zero.count, d = Swift.max(0, k - kept)
        let units = Array(zero.dropFirst(Swift.max(0, kept - k)))
        var out = [Double](repeating: 0, count: (d + units.count) * n)
        out.withUnsafeMutableBufferPointer { fillNullRows(d, into: $0.baseAddress!) }
        for (t, c) in units.enumerated() { out[(d + t) * n + c] = 1 }
        return Matrix(rows: d + units.count, columns: n, uncheckedElements: out)
    }

    /// Rows 0..<d of ``nullRows(after:)`` (from the singular vectors), written into d × n zeros at `out`.
    private func fillNullRows(_ d: Int, into out: UnsafeMutablePointer<Double>) {
        _ = BLASThreads.pinnedToOne
        let n = order.count + zero.count, k = values.count - zero.count, r = order.count - k
        guard d > 0 else { return }
        var y = Array(ascendingVectors[0..<(k * d)])
        SchurDeflation.solve(upper: t, order: k, &y, columns: d, transposed: false)
        var top = [Double](repeating: 0, count: r * d)
        if r > 0 {
            // X·Y: X row-major r × k read column-major is Xᵀ (k × r).
            let tiles = (d + SchurDeflation.tileColumns - 1) / SchurDeflation.tileColumns
            x.withUnsafeBufferPointer { xp in
                y.withUnsafeBufferPointer { yp in
                    top.withUnsafeMutableBufferPointer { tp in
                        let shared = DeflationBuffers(x: xp.baseAddress!, b1: yp.baseAddress!, s: tp.baseAddress!, c: tp.baseAddress!)
                        DispatchQueue.concurrentPerform(iterations: tiles) { i in
                            let s = i * SchurDeflation.tileColumns, w = min(SchurDeflation.tileColumns, d - s)
                            cblas_dgemm(
                                CblasColMajor, CblasTrans, CblasNoTrans, Int32(r), Int32(w), Int32(k), -1, shared.x, Int32(k),
                                shared.b1 + s * k, Int32(k), 0, shared.s + s * r, Int32(r))
                        }
                    }
                }
            }
        }
        // Row t of the result holds column t of Π·[−X·Y; Y], in J's column order (0 at the zero columns).
        for c in 0..<d {
            for i in 0..<r { out[c * n + order[i]] = top[i + c * r] }
            for j in 0..<k { out[c * n + order[r + j]] = y[j + c * k] }
        }
    }
}
