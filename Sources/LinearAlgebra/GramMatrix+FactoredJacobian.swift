import CLAPACKE
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension GramMatrix {
    /// G ← G + JᵀJ for a Jacobian given in Kronecker-factored form (``FactoredJacobian``), summed
    /// over the K outputs before the Kronecker product. With ā the layer inputs and
    /// W_x[i, i′] = Σ_k δ_{ℓ,k}(x)[i]·δ_{ℓ′,k}(x)[i′], the entry of G for (ℓ, i, a) and (ℓ′, i′, c) is
    ///
    ///     Σ_x W_x[i, i′] · ā_ℓ(x)[a] · ā_ℓ′(x)[c].
    ///
    /// - **Within a layer** (ℓ = ℓ′) the block of units (i, i′) is symmetric in (a, c): it is
    ///   A⁺ᵀA⁺ − A⁻ᵀA⁻ with A^± the rows √|W_x[i, i′]|·ā(x) of the points where W_x[i, i′] is
    ///   positive or negative (two `dsyrk`, ≈ n_{ii′}·d² flops; n_{ii′} ≤ n counts the points
    ///   where W_x[i, i′] ≠ 0 — for ReLU, where both units are active). For all u(u+1)/2 unit
    ///   pairs: ≈ n·(u·d)²/2 = n·P_ℓ²/2 flops, against m·P_ℓ² = K·n·P_ℓ² for `dsyrk` on J's rows.
    /// - **Across layers** (ℓ < ℓ′) the rows of unit i are A_ℓᵀM with M[x, (i′, c)] =
    ///   W_x[i, i′]·ā_ℓ′(x)[c] (`dgemm`, 2·n_i·d_ℓ·P_ℓ′ flops; n_i counts the points where
    ///   δ_ℓ[i] ≠ 0 for some output) — 2·n·P_ℓ·P_ℓ′ for the pair of layers.
    ///
    /// Each unit pair (or unit) is one single-threaded BLAS call on its own scratch, the pairs
    /// spread over the cores in a fixed assignment, and each adds to entries of G no other pair
    /// touches: the bits are the same under any thread count. Scratch: per core n·(d_max +
    /// max_ℓ′ P_ℓ′) + d_max·(d_max + max_ℓ′ P_ℓ′) numbers (``factoredScratchEntries(_:cores:)``).
    /// - Parameter concurrently: spread the pairs over the cores (`false`: one after another).
    public mutating func accumulate(factored jacobian: FactoredJacobian, concurrently: Bool = true) throws(LinearAlgebraError) {
        guard jacobian.points > 0, jacobian.outputs > 0 else { return }
        guard jacobian.parameterCount == columns else {
            throw .dimensionTooLarge(rows: jacobian.points * jacobian.outputs, columns: jacobian.parameterCount)
        }
        try jacobian.validateFinite()
        let workers = concurrently ? Self.cores : 1
        // The same J without the units and inputs that are 0 on these points (dead ReLU units):
        // their entries of G get nothing but zeros, so the pairs and products skip them.
        let live = jacobian.restrictedToLiveUnits
        let blocks = live.blocks
        for (b, block) in blocks.enumerated() {
            addWithinLayer(block, jacobian: jacobian, workers: workers)
            for later in blocks[(b + 1)...] { addAcrossLayers(block, later, jacobian: jacobian, workers: workers) }
        }
        rowsRead += jacobian.points * jacobian.outputs
        cholesky = nil
    }

    /// The cores the pairs are spread over (online processors, at least 1).
    static let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Per-core scratch of ``accumulate(factored:concurrently:)`` in numbers, for planning memory.
    public static func factoredScratchEntries(_ jacobian: FactoredJacobian, cores: Int) -> Int {
        let d = jacobian.blocks.map(\.width).max() ?? 0
        let wide = jacobian.blocks.dropFirst().map { $0.units * $0.width }.max() ?? 0
        return max(1, cores) * ((jacobian.points + d) * (d + wide))
    }

    /// W_x[i, i′] = Σ_k Δ[x·K + k, i]·Δ′[x·K + k, i′] for every point: n × u × u′ row-major.
    private static func outputSums(_ delta: Matrix<Double>, _ other: Matrix<Double>, points n: Int, outputs k: Int) -> [Double] {
        let u = delta.columns, v = other.columns
        var w = [Double](repeating: 0, count: n * u * v)
        delta.elements.withUnsafeBufferPointer { d in
            other.elements.withUnsafeBufferPointer { e in
                w.withUnsafeMutableBufferPointer { out in
                    for x in 0..<n {
                        for o in 0..<k {
                            let row = x * k + o
                            for i in 0..<u {
                                let g = d[row * u + i]
                                if g == 0 { continue }
                                let base = (x * u + i) * v
                                for t in 0..<v { out[base + t] += g * e[row * v + t] }
                            }
                        }
                    }
                }
            }
        }
        return w
    }

    /// The unit pairs (i ≤ i′) of one layer: their symmetric d × d blocks into G.
    private mutating func addWithinLayer(_ block: FactoredJacobian.Block, jacobian: FactoredJacobian, workers: Int) {
        let n = jacobian.points, u = block.units, d = block.width, size = columns
        guard u > 0, d > 0 else { return }
        let w = Self.outputSums(block.sensitivities, block.sensitivities, points: n, outputs: jacobian.outputs)
        let pairs = (0..<u).flatMap { i in (i..<u).map { (i, $0) } }
        let shared = FactoredShared(inputs: block.inputs.elements, weights: w, columns: block.columns)
        storage.withUnsafeMutableBufferPointer { g in
            let target = FactoredTarget(pointer: g.baseAddress!)
            let work: @Sendable (Int) -> Void = { worker in
                var rows = [Double](repeating: 0, count: n * d)
                var c = [Double](repeating: 0, count: d * d)
                for p in stride(from: worker, to: pairs.count, by: workers) {
                    let (i, j) = pairs[p]
                    // C = A⁺ᵀA⁺ − A⁻ᵀA⁻ (upper triangle, column-major d × d).
                    for sign in [1.0, -1.0] {
                        var count = 0
                        for x in 0..<n {
                            let weight = shared.weights[(x * u + i) * u + j] * sign
                            guard weight > 0 else { continue }
                            let s = weight.squareRoot()
                            for t in 0..<d { rows[count * d + t] = s * shared.inputs[x * d + t] }
                            count += 1
                        }
                        if sign > 0 && count == 0 {
                            for t in 0..<(d * d) { c[t] = 0 }
                        } else if count > 0 {
                            cblas_dsyrk(CblasColMajor, CblasUpper, CblasNoTrans, Int32(d), Int32(count), sign, rows, Int32(d), sign > 0 ? 0 : 1, &c, Int32(d))
                        }
                    }
                    for a in 0..<d {
                        let r = shared.columns[i * d + a]
                        if r < 0 { continue }
                        for t in (i == j ? a : 0)..<d {
                            let s = shared.columns[j * d + t]
                            if s < 0 { continue }
                            target.pointer[min(r, s) + max(r, s) * size] += c[min(a, t) + max(a, t) * d]
                        }
                    }
                }
            }
            if workers > 1 { DispatchQueue.concurrentPerform(iterations: workers, execute: work) } else { work(0) }
        }
    }

    /// Layer ℓ's units against a later layer ℓ′: for each unit i, the d × P_ℓ′ rectangle A_ℓᵀM into G.
    private mutating func addAcrossLayers(
        _ block: FactoredJacobian.Block, _ later: FactoredJacobian.Block, jacobian: FactoredJacobian, workers: Int
    ) {
        let n = jacobian.points, u = block.units, d = block.width, v = later.units, e = later.width, size = columns
        let wide = v * e
        guard u > 0, d > 0, wide > 0 else { return }
        let w = Self.outputSums(block.sensitivities, later.sensitivities, points: n, outputs: jacobian.outputs)
        let shared = FactoredShared(inputs: block.inputs.elements, weights: w, columns: block.columns)
        let laterInputs = later.inputs.elements, laterColumns = later.columns
        storage.withUnsafeMutableBufferPointer { g in
            let target = FactoredTarget(pointer: g.baseAddress!)
            let work: @Sendable (Int) -> Void = { worker in
                var a = [Double](repeating: 0, count: n * d)
                var m = [Double](repeating: 0, count: n * wide)
                var c = [Double](repeating: 0, count: d * wide)
                for i in stride(from: worker, to: u, by: workers) {
                    var count = 0
                    for x in 0..<n {
                        let base = (x * u + i) * v
                        guard (0..<v).contains(where: { shared.weights[base + $0] != 0 }) else { continue }
                        for t in 0..<d { a[count * d + t] = shared.inputs[x * d + t] }
                        for q in 0..<v {
                            let weight = shared.weights[base + q]
                            for t in 0..<e { m[count * wide + q * e + t] = weight * laterInputs[x * e + t] }
                        }
                        count += 1
                    }
                    guard count > 0 else { continue }
                    // C (d × wide, column-major) = Aᵀ·M: A row-major count × d is Aᵀ column-major.
                    cblas_dgemm(
                        CblasColMajor, CblasNoTrans, CblasTrans, Int32(d), Int32(wide), Int32(count), 1, a, Int32(d), m, Int32(wide), 0, &c,
                        Int32(d))
                    for q in 0..<wide {
                        let s = laterColumns[q]
                        if s < 0 { continue }
                        for t in 0..<d {
                            let r = shared.columns[i * d + t]
                            if r < 0 { continue }
                            target.pointer[min(r, s) + max(r, s) * size] += c[t + q * d]
                        }
                    }
                }
            }
            if workers > 1 { DispatchQueue.concurrentPerform(iterations: workers, execute: work) } else { work(0) }
        }
    }
}

/// Read-only factors shared by the workers of ``GramMatrix/accumulate(factored:concurrently:)``.
private struct FactoredShared: @unchecked Sendable {
    let inputs: [Double]
    let weights: [Double]
    let columns: [Int]
}

/// G's storage, written by the workers at disjoint entries.
private struct FactoredTarget: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
}
