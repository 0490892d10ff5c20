import CLAPACKE
import Dispatch

/// The triangular factor R of a QR factorisation S = Q·R of a tall matrix S whose rows arrive in
/// blocks, computed on two cores with bits that do not depend on the machine: each block's rows
/// are split at a fixed place (the first ⌈b/2⌉ rows and the rest), each half goes to its own
/// ``TriangularFactor`` (a *lane*), and the two triangles are factored together at the end.
///
/// Mathematics (the tall-skinny QR of Demmel, Grigori, Hoemmen and Langou, "Communication-optimal
/// parallel and sequential QR and LU factorizations", 2012). With the rows of S split into S₀ and
/// S₁ (a fixed partition), S₀ = Q₀R₀ and S₁ = Q₁R₁ give SᵀS = R₀ᵀR₀ + R₁ᵀR₁ = [R₀; R₁]ᵀ[R₀; R₁],
/// so the factor R of the 2k × k matrix [R₀; R₁] is one of S (SᵀS = RᵀR): S and R have the same
/// singular values and right singular vectors. Householder QR is backward stable in each lane
/// and in the combination, so σ(R) differs from σ(S) by a small multiple of ε·‖S‖ — QR's floor,
/// where the Gram matrix SᵀS would resolve σ(S) only down to ‖S‖·√(m·ε).
///
/// Memory: two k × k triangles (8·2·k² bytes) and LAPACK's workspace (8·2·64·k per lane).
public struct LanedTriangularFactor: Sendable {
    /// k, the number of columns of S.
    public let columns: Int
    private var lanes: [TriangularFactor]

    /// An empty factor (no rows) for matrices with `columns` columns.
    public init(columns: Int) throws(LinearAlgebraError) {
        self.columns = columns
        lanes = [try TriangularFactor(columns: columns), try TriangularFactor(columns: columns)]
    }

    /// m, the rows of S read so far.
    public var rowsRead: Int { lanes[0].rowsAdded + lanes[1].rowsAdded }

    /// Appends the rows of a row-major b × k block: its first ⌈b/2⌉ rows to lane 0, the rest to
    /// lane 1, the two updates on two cores (each `dtplqt` on one OpenBLAS thread).
    public mutating func append(rows block: Matrix<Double>) throws(LinearAlgebraError) {
        guard block.rows > 0 else { return }
        guard block.columns == columns else { throw .dimensionTooLarge(rows: block.rows, columns: block.columns) }
        // Checked whole, so that a bad entry is named by its row in the block, not in a half.
        try block.validateForLAPACK()
        _ = BLASThreads.pinnedToOne
        let split = (block.rows + 1) / 2, k = columns
        let halves = [
            Matrix(rows: split, columns: k, uncheckedElements: Array(block.elements[0..<(split * k)])),
            Matrix(rows: block.rows - split, columns: k, uncheckedElements: Array(block.elements[(split * k)...])),
        ]
        let results = LaneResults()
        lanes.withUnsafeMutableBufferPointer { lp in
            let shared = LanePointer(lp.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                do throws(LinearAlgebraError) {
                    try shared.pointer[i].append(rows: halves[i])
                } catch {
                    results.record(error, lane: i)
                }
            }
        }
        if let error = results.first { throw error }
    }

    /// ‖S‖₂ by 30 steps of power iteration on SᵀS = R₀ᵀR₀ + R₁ᵀR₁ (from below; 0 for no rows).
    public func largestSingularValue() -> Double {
        _ = BLASThreads.pinnedToOne
        let k = columns, triangles = lanes.map { $0.r.elements }
        var v = (0..<k).map { 1 + Double($0 % 5) / 5 }, estimate = 0.0
        for _ in 0..<30 {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { break }
            v = v.map { $0 / norm }
            var next = [Double](repeating: 0, count: k), square = 0.0
            for r in triangles {
                // R row-major is Rᵀ column-major (lower): R·v is the transposed lower product.
                var y = v
                cblas_dtrmv(CblasColMajor, CblasLower, CblasTrans, CblasNonUnit, Int32(k), r, Int32(k), &y, 1)
                square += y.reduce(0) { $0 + $1 * $1 }
                cblas_dtrmv(CblasColMajor, CblasLower, CblasNoTrans, CblasNonUnit, Int32(k), r, Int32(k), &y, 1)
                for i in 0..<k { next[i] += y[i] }
            }
            estimate = square.squareRoot()
            v = next
        }
        return estimate
    }

    /// R for S (k × k upper triangular, **column-major**): the factor of [R₀; R₁] (one more
    /// `dtplqt`, ≈ 2k³ flops). Consumes the lanes.
    public consuming func combined() throws(LinearAlgebraError) -> [Double] {
        _ = BLASThreads.pinnedToOne
        var first = lanes[0]
        let second = lanes[1].r
        lanes = []
        if second.elements.contains(where: { $0 != 0 }) { try first.append(rows: second) }
        // R row-major is, read column-major, Rᵀ; R column-major is its transpose.
        let k = columns, r = first.r.elements
        var out = [Double](repeating: 0, count: k * k)
        for i in 0..<k { for j in i..<k { out[i + j * k] = r[i * k + j] } }
        return out
    }
}

/// The lanes' storage, shared with the two tasks of ``LanedTriangularFactor/append(rows:)``:
/// task i writes lane i only.
private struct LanePointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<TriangularFactor>
    init(_ pointer: UnsafeMutablePointer<TriangularFactor>) { self.pointer = pointer }
}

/// The first error a lane reported (lane 0's before lane 1's).
private final class LaneResults: @unchecked Sendable {
    private var errors: [LinearAlgebraError?] = [nil, nil]
    private let lock = DispatchSemaphore(value: 1)
    func record(_ error: LinearAlgebraError, lane: Int) {
        lock.wait()
        errors[lane] = error
        lock.signal()
    }
    var first: LinearAlgebraError? { errors.compactMap { $0 }.first }
}
