import CFLINT

extension ScaledIntegerLayers {
    /// For k integer directions of θ (the columns of `vectors`, P × k): each layer's
    /// [dW | db] of all k side by side and transposed, `width × (k·units)` — column t·units + i
    /// holds unit i's entries of direction t.
    func tangentWeights(_ vectors: FMPZMatrix) -> [FMPZMatrix] {
        let k = vectors.columns
        return layers.map { layer in
            let u = layer.units
            let out = FMPZMatrix(rows: layer.width, columns: k * u)
            for i in 0..<u {
                for j in 0..<layer.width {
                    let column = layer.columns[i * layer.width + j]
                    guard column >= 0 else { continue }
                    for t in 0..<k { fmpz_set(out.entry(j, t * u + i), vectors.entry(column, t)) }
                }
            }
            return out
        }
    }

    /// dÃ_L for the block `forward` along the k directions of `weights` (``tangentWeights(_:)``):
    /// a `(k·points) × K` matrix whose row t·points + p is the directional derivative of the
    /// outputs at point p along direction t, times the positive scale s·g_L.
    func tangent(_ forward: ScaledForwardPass, weights: [FMPZMatrix], directions k: Int) -> FMPZMatrix {
        let n = forward.points
        var derivatives = [FMPZMatrix?](repeating: nil, count: depth + 1)
        for (index, layer) in layers.enumerated() {
            let u = layer.units
            let dz = FMPZMatrix(rows: k * n, columns: u)
            let direct = forward.inputs[index].multiplied(by: weights[index])
            for t in 0..<k {
                for p in 0..<n {
                    for i in 0..<u { fmpz_mul(dz.entry(t * n + p, i), direct.entry(p, t * u + i), layer.denominator) }
                }
            }
            let carried = layer.parts.enumerated().filter { $0.element.source >= 1 && derivatives[$0.element.source] != nil }
            if !carried.isEmpty {
                let dx = FMPZMatrix(rows: k * n, columns: layer.width)
                for (c, part) in carried {
                    let source = derivatives[part.source]!, factor = layer.factors[c]
                    for row in 0..<(k * n) {
                        for j in 0..<part.width { fmpz_mul(dx.entry(row, part.offset + j), source.entry(row, j), factor) }
                    }
                }
                let through = dx.multiplied(by: layer.transposedWeights)
                fmpz_mat_add(dz.matrix, dz.matrix, through.matrix)
            }
            let sign = forward.signs[index]
            for t in 0..<k {
                for p in 0..<n {
                    for i in 0..<u { layer.applySlope(dz.entry(t * n + p, i), sign: sign[p * u + i], dz.entry(t * n + p, i)) }
                }
            }
            derivatives[index + 1] = dz
        }
        return derivatives[depth] ?? FMPZMatrix(rows: k * n, columns: outputCount)
    }
}
