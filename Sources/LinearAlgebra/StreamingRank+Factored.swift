import CLAPACKE

extension StreamingRank {
    /// ``absorb(_:)`` for J's rows in Kronecker-factored form (``FactoredJacobian``): the same
    /// selection, with C = J·N read from the factors instead of the dense rows. Row x·K + o
    /// restricted to layer ℓ is δ ⊗ ā (δ = Δ_ℓ[x·K + o], ā = A_ℓ[x]), so with N_{ℓ,i} the d rows
    /// of N for unit i's inputs,
    ///
    ///     C[x·K + o] = Σ_ℓ Σ_i δ[i] · (ā·N_{ℓ,i}):
    ///
    /// first M_{ℓ,i} = A_ℓ·N_{ℓ,i} for all points (`dgemm`, 2·n·P_ℓ·k flops per layer, shared by
    /// the K outputs), then per point the K × u sensitivities times the u rows M_{ℓ,i}[x] (`dgemm`,
    /// 2·n·K·u_ℓ·k) — against 2·n·K·P·k for the dense rows: at 8-40-40-40-8 (K = 8) about a
    /// sixth. Row norms come from the factors too: ‖row‖² = Σ_ℓ Σ_i δ[i]²·Σ_{j present} ā[j]².
    /// While N is still the identity the rows are formed densely. Slices of at most
    /// ``maximumBlockRows`` rows (whole points). Returns the chosen rows' indices in J.
    public mutating func absorb(factored jacobian: FactoredJacobian) throws(LinearAlgebraError) -> [Int] {
        guard jacobian.points > 0, jacobian.outputs > 0 else { return [] }
        guard jacobian.parameterCount == columns else {
            throw .dimensionTooLarge(rows: jacobian.points * jacobian.outputs, columns: jacobian.parameterCount)
        }
        for block in jacobian.blocks {
            if let bad = block.inputs.elements.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteEntry(row: bad / Swift.max(1, block.width), column: -1)
            }
            if let bad = block.sensitivities.elements.firstIndex(where: { !$0.isFinite }) {
                throw .nonFiniteEntry(row: bad / Swift.max(1, block.units), column: -1)
            }
        }
        let K = jacobian.outputs
        let slice = Swift.max(1, Self.maximumBlockRows / K)
        var chosen: [Int] = []
        var start = 0
        while start < jacobian.points {
            let end = Swift.min(jacobian.points, start + slice)
            let picked: [Int]
            if basis == nil {
                picked = try absorb(jacobian.dense(points: start..<end))
            } else {
                let (c, norms) = projection(of: jacobian, points: start..<end)
                picked = try select(projection: c, norms: norms, rows: (end - start) * K)
            }
            chosen += picked.map { start * K + $0 }
            start = end
        }
        return chosen
    }

    /// C = J·N (rows × k row-major) and the rows' norms for the points `range`, from the factors.
    private func projection(of jacobian: FactoredJacobian, points range: Range<Int>) -> (c: [Double], norms: [Double]) {
        let K = jacobian.outputs, np = range.count, rows = np * K, k = columns - rank
        var c = [Double](repeating: 0, count: rows * k)
        var squares = [Double](repeating: 0, count: rows)
        guard k > 0, let basis else { return (c, squares) }
        for block in jacobian.blocks {
            let u = block.units, d = block.width
            guard u > 0, d > 0 else { continue }
            let inputs = block.inputs.elements, delta = block.sensitivities.elements, column = block.columns
            // M[x, i, :] = ā(x)·N_{ℓ,i} for the slice's points (np × u × k).
            var m = [Double](repeating: 0, count: np * u * k)
            var gathered = [Double](repeating: 0, count: d * k)
            for i in 0..<u {
                let first = column[i * d]
                let contiguous = first >= 0 && (0..<d).allSatisfy { column[i * d + $0] == first + $0 }
                if !contiguous {
                    for t in 0..<d {
                        let theta = column[i * d + t]
                        for q in 0..<k { gathered[t * k + q] = theta >= 0 ? basis[theta * k + q] : 0 }
                    }
                }
                inputs.withUnsafeBufferPointer { a in
                    basis.withUnsafeBufferPointer { n in
                        gathered.withUnsafeBufferPointer { g in
                            m.withUnsafeMutableBufferPointer { out in
                                cblas_dgemm(
                                    CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(np), Int32(k), Int32(d), 1,
                                    a.baseAddress! + range.lowerBound * d, Int32(d),
                                    contiguous ? n.baseAddress! + first * k : g.baseAddress!, Int32(k), 0,
                                    out.baseAddress! + i * k, Int32(u * k))
                            }
                        }
                    }
                }
            }
            // C[x·K ..< x·K + K] += Δ_x (K × u) · M[x] (u × k).
            delta.withUnsafeBufferPointer { dp in
                m.withUnsafeBufferPointer { mp in
                    c.withUnsafeMutableBufferPointer { cp in
                        for x in 0..<np {
                            cblas_dgemm(
                                CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(K), Int32(k), Int32(u), 1,
                                dp.baseAddress! + (range.lowerBound + x) * K * u, Int32(u), mp.baseAddress! + x * u * k, Int32(k), 1,
                                cp.baseAddress! + x * K * k, Int32(k))
                        }
                    }
                }
            }
            // ‖row‖² += Σ_i δ[i]²·Σ_{j present} ā[j]².
            for x in 0..<np {
                let point = range.lowerBound + x
                for i in 0..<u {
                    var inputSquare = 0.0
                    for t in 0..<d where column[i * d + t] >= 0 { inputSquare += inputs[point * d + t] * inputs[point * d + t] }
                    for o in 0..<K {
                        let g = delta[(point * K + o) * u + i]
                        squares[x * K + o] += g * g * inputSquare
                    }
                }
            }
        }
        return (c, squares.map { $0.squareRoot() })
    }
}
