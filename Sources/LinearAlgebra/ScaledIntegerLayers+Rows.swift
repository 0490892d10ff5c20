import CFLINT

extension ScaledIntegerLayers {
    /// The Jacobian rows `rows` — (point of `forward`, output) pairs — each times its positive
    /// scale s·Λ, as the rows of an integer matrix (`rows.count × P`), by one backward pass
    /// for all of them: Δ̃_L = (q_L·act′_L)·e_output, Δ̃_s = (q_s·act′_s)·Σ Δ̃_ℓ·(D_ℓ·W_c)·E_s/(D_ℓ·β_ℓ),
    /// and the entry of (ℓ, i, j) is m_ℓ·Δ̃_ℓ[i]·X_ℓ[point, j] (see ``ScaledIntegerLayers``).
    func jacobianRows(_ forward: ScaledForwardPass, rows: [(point: Int, output: Int)]) -> IntegerMatrix {
        let r = rows.count
        let out = IntegerMatrix(rows: r, columns: parameterCount)
        guard r > 0, depth > 0 else { return out }
        var deltas = [FMPZMatrix?](repeating: nil, count: depth + 1)
        let last = layers[depth - 1]
        let top = FMPZMatrix(rows: r, columns: last.units)
        let one = FMPZScalars(count: 1)
        fmpz_one(one[0])
        for (a, row) in rows.enumerated() {
            last.applySlope(top.entry(a, row.output), sign: forward.signs[depth - 1][row.point * last.units + row.output], one[0])
        }
        deltas[depth] = top
        for s in stride(from: depth - 1, through: 1, by: -1) where !consumers[s].isEmpty {
            let layer = layers[s - 1], u = layer.units
            let gamma = FMPZMatrix(rows: r, columns: u)
            for consumer in consumers[s] {
                guard let delta = deltas[consumer.layer],
                    let block = layers[consumer.layer - 1].sourceBlocks.first(where: { $0.part == consumer.part })?.weights
                else { continue }
                let term = delta.multiplied(by: block)
                fmpz_mat_scalar_addmul_fmpz(gamma.matrix, term.matrix, consumerFactors[consumer.factor])
            }
            let sign = forward.signs[s - 1]
            for (a, row) in rows.enumerated() {
                for i in 0..<u { layer.applySlope(gamma.entry(a, i), sign: sign[row.point * u + i], gamma.entry(a, i)) }
            }
            deltas[s] = gamma
        }
        let scaled = FMPZScalars(count: 1)
        for (index, layer) in layers.enumerated() {
            guard let delta = deltas[index + 1] else { continue }
            let x = forward.inputs[index], m = rowFactor(index + 1), w = layer.width
            for (a, row) in rows.enumerated() {
                for i in 0..<layer.units where nnid_fmpz_is_zero(delta.entry(a, i)) == 0 {
                    fmpz_mul(scaled[0], delta.entry(a, i), m)
                    for j in 0..<w {
                        let column = layer.columns[i * w + j]
                        let input = x.entry(row.point, j)
                        guard column >= 0, nnid_fmpz_is_zero(input) == 0 else { continue }
                        fmpz_mul(out.entry(a, column), scaled[0], input)
                    }
                }
            }
        }
        return out
    }
}
