extension FactoredJacobian {
    /// The same J with each block restricted to its live units — those with a nonzero
    /// sensitivity in some row — and its live inputs — those nonzero at some point. Every entry
    /// dropped is Δ_ℓ[x·K + k, i]·A_ℓ[x, j] with a factor 0, so J is unchanged entry by entry
    /// (``dense`` writes the same numbers), and the products ``times(_:)`` and
    /// ``transposeTimes(_:)`` sum the same nonzero products over fewer zeros: a layer's
    /// P_ℓ = u_ℓ·d_ℓ becomes u′_ℓ·d′_ℓ. For ReLU, the units never active on the block and the
    /// inputs that come from them go. Fixed by the block's numbers, not by the cores.
    public var restrictedToLiveUnits: FactoredJacobian {
        let live = blocks.map { $0.restrictedToLive() }
        return FactoredJacobian(points: points, outputs: outputs, parameterCount: parameterCount, blocks: live)
    }
}

extension FactoredJacobian.Block {
    /// This block on its live units and inputs (itself when all are live).
    func restrictedToLive() -> FactoredJacobian.Block {
        let u = units, d = width, rows = sensitivities.rows, n = inputs.rows
        var liveUnit = [Bool](repeating: false, count: u), liveInput = [Bool](repeating: false, count: d)
        sensitivities.elements.withUnsafeBufferPointer { delta in
            for x in 0..<rows { for i in 0..<u where delta[x * u + i] != 0 { liveUnit[i] = true } }
        }
        inputs.elements.withUnsafeBufferPointer { a in
            for x in 0..<n { for t in 0..<d where a[x * d + t] != 0 { liveInput[t] = true } }
        }
        let keptUnits = (0..<u).filter { liveUnit[$0] }, keptInputs = (0..<d).filter { liveInput[$0] }
        guard keptUnits.count < u || keptInputs.count < d else { return self }
        let u2 = keptUnits.count, d2 = keptInputs.count
        var delta = [Double](repeating: 0, count: rows * u2), a = [Double](repeating: 0, count: n * d2)
        for x in 0..<rows { for (i2, i) in keptUnits.enumerated() { delta[x * u2 + i2] = sensitivities.elements[x * u + i] } }
        for x in 0..<n { for (t2, t) in keptInputs.enumerated() { a[x * d2 + t2] = inputs.elements[x * d + t] } }
        var map = [Int](repeating: -1, count: u2 * d2)
        for (i2, i) in keptUnits.enumerated() { for (t2, t) in keptInputs.enumerated() { map[i2 * d2 + t2] = columns[i * d + t] } }
        return FactoredJacobian.Block(
            inputs: Matrix(rows: n, columns: d2, uncheckedElements: a),
            sensitivities: Matrix(rows: rows, columns: u2, uncheckedElements: delta), columns: map)
    }
}
