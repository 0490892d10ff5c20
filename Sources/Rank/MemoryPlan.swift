#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The memory a numeric rank analysis of P parameters holds at its peak, planned before anything
/// is allocated, and the default parameter limit it implies on this machine. 8-byte entries:
///
/// - **QR**: one Jacobian block of the first batch (planned as 1.5·P rows), the triangular factor R
///   (P²), the SVD of R with its copy and workspace (≈ 2·P²) and the singular vectors of the
///   hidden-direction step (U, Vᵀ and a copy: 3·P²): 8·(1.5 + 6)·P² = 60·P² bytes.
/// - **Streaming**: the selected rows S (r × P) and the null-space basis N (P × (P − r)) together
///   hold P² entries; an update of N holds a copy and the shrunk basis (≤ 2·P²), the final
///   spectrum the QR factors of Sᵀ (a copy of S), the hidden-direction step the directions and their SVD's Vᵀ (≤ 2·P²):
///   8·4·P² = 32·P² bytes, plus one chunk of Jacobian rows (≤ 128 MiB) — 21 GB at P = 25,720.
/// - **Gram**: G = JᵀJ (P², its pivoted Cholesky factor in the same array), and for a null space
///   of k ≤ P/4 directions its basis, G times it, and the hidden-direction step's copies
///   (≤ 4·P·k ≤ P²): 16·P² bytes plus one chunk — 10.7 GB at P = 25,720, 2.9 GB at P = 13,305.
///   A growth round read without refactoring (``GramFactorization``'s growth chain) holds, in
///   that same null-space share N as P × k, during its second pass the s ≤ k new directions' V
///   and Mᵀ (P × s each), then the next basis N·Y_⊥, and the k × k factor R of C = J_new·N with
///   its SVD and an s × s Gram matrix (``growthBytes(parameters:nullDirections:)``,
///   8·(3·P·k + 5·k²)); it runs only when that fits in 8·P² bytes (k ≤ 0.23·P does; k = 775
///   at P = 25,720 is 0.50 GB) or in 64 MiB.
///
/// ``analysisBytes(parameters:)`` is the plan of the engine ``FactorizationMethod/auto`` picks by
/// size (QR up to 2,000 parameters, streaming up to 8,000, Gram above) and sets the default
/// parameter limit.
public enum MemoryPlan {
    /// The machine's physical memory in bytes (`sysconf`), `nil` when it cannot be read.
    public static let physicalMemory: Int? = {
        let pages = sysconf(Int32(_SC_PHYS_PAGES)), size = sysconf(Int32(_SC_PAGESIZE))
        guard pages > 0, size > 0 else { return nil }
        let (bytes, overflow) = pages.multipliedReportingOverflow(by: size)
        return overflow ? nil : bytes
    }()

    /// Bytes the analysis of `parameters` parameters plans for (`nil` when that overflows `Int`).
    public static func analysisBytes(parameters p: Int) -> Int? {
        if p > FactorizationMethod.automaticGramThreshold { return bytes(parameters: p, method: .gram) }
        return bytes(parameters: p, method: p > FactorizationMethod.automaticStreamingThreshold ? .streaming : .qr)
    }

    /// Bytes the analysis of `parameters` parameters plans for with `method` (``FactorizationMethod/auto``
    /// counts as the smaller plan), `nil` when that overflows `Int`.
    public static func bytes(parameters p: Int, method: FactorizationMethod) -> Int? {
        guard p >= 0 else { return nil }
        if method == .auto { return analysisBytes(parameters: p) }
        let perSquare = method == .qr ? 60 : method == .streaming ? 32 : 16
        let (square, o1) = p.multipliedReportingOverflow(by: p)
        let (bytes, o2) = square.multipliedReportingOverflow(by: perSquare)
        let (total, o3) = bytes.addingReportingOverflow(method == .qr ? 0 : chunkBytes)
        return o1 || o2 || o3 ? nil : total
    }

    /// Bytes a growth round without refactoring holds beside G at most: 8·(3·P·k + 5·k²) — N
    /// (P × k) with the coupling's V and Mᵀ (P × s, s ≤ k; ``GrowthCrossTerm``), or later with
    /// N·Y_⊥; R with its SVD and the s × s Gram matrix; `nil` when that overflows `Int`.
    public static func growthBytes(parameters p: Int, nullDirections k: Int) -> Int? {
        guard p >= 0, k >= 0 else { return nil }
        let (pk, o1) = p.multipliedReportingOverflow(by: 3 * k)
        let (kk, o2) = k.multipliedReportingOverflow(by: 5 * k)
        let (sum, o3) = pk.addingReportingOverflow(kk)
        let (bytes, o4) = sum.multipliedReportingOverflow(by: 8)
        return o1 || o2 || o3 || o4 ? nil : bytes
    }

    /// The growth round fits in the Gram plan's null-space share of 8·P² bytes, or in half a
    /// chunk of rows (64 MiB: at small P, where that share is small against any machine).
    static func growthFits(parameters p: Int, nullDirections k: Int) -> Bool {
        guard let bytes = growthBytes(parameters: p, nullDirections: k) else { return false }
        let (share, overflow) = p.multipliedReportingOverflow(by: 8 * p)
        return bytes <= chunkBytes / 2 || (!overflow && bytes <= share)
    }

    /// One chunk of Jacobian rows at most (``FactorStage``: 16·2²⁰ entries of 8 bytes).
    static let chunkBytes = 128 << 20

    /// The largest P the Gram engine indexes with LAPACK's 32-bit integers (P² < 2³¹).
    public static let largestParameterCount = 46_340

    /// The largest P whose plan fits in three quarters of `memory` (the rest is left to the
    /// system and the exact stages), at most ``largestParameterCount``; 10,000 when the memory
    /// is unknown.
    public static func defaultParameterLimit(memory: Int? = physicalMemory) -> Int {
        guard let memory, memory > 0 else { return 10_000 }
        var p = min(largestParameterCount, Int((Double(memory) * 0.75 / 16).squareRoot()))
        while p < largestParameterCount, let b = analysisBytes(parameters: p + 1), b <= memory / 4 * 3 { p += 1 }
        while p > 1, (analysisBytes(parameters: p) ?? .max) > memory / 4 * 3 { p -= 1 }
        return max(1, p)
    }

    /// `bytes` in GB with one decimal below 10 GB (e.g. "5.9 GB", "40 GB").
    public static func gigabytes(_ bytes: Int) -> String {
        let g = Double(bytes) / 1e9
        return g >= 10 ? "\(Int(g.rounded())) GB" : "\((g * 10).rounded() / 10) GB"
    }
}
