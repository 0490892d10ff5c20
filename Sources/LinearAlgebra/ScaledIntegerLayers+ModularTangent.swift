import CFLINT

extension ScaledIntegerLayers {
    /// The residues of k directions (`vectors`, P × k mod p) placed for the modular tangent: each
    /// layer's [dW | db] of all k directions side by side and transposed, `width × (k·units)` —
    /// column t·units + i holds unit i's entries of direction t.
    func tangentWeights(modulo vectors: FLINTModularMatrix) -> [FLINTModularMatrix] {
        let k = vectors.columns
        return layers.map { layer in
            let u = layer.units
            let out = FLINTModularMatrix(rows: layer.width, columns: k * u, prime: vectors.prime)
            for j in 0..<layer.width {
                let target = nnid_nmod_mat_row(out.matrix, j)!
                for i in 0..<u {
                    let column = layer.columns[i * layer.width + j]
                    guard column >= 0 else { continue }
                    let source = nnid_nmod_mat_row(vectors.matrix, column)!
                    for t in 0..<k { target[t * u + i] = source[t] }
                }
            }
            return out
        }
    }

    /// ``tangent(_:along:)`` mod p, for k directions at once (dense: every unit, every direction
    /// side by side, for one `nmod_mat_mul` per layer): the same recursion with every integer replaced by
    /// its residue — the forward pass's X_ℓ and D_ℓ·[W | b], the scales D_ℓ and G_ℓ/g_src, the
    /// slope numerators — in word arithmetic (FLINT's `nmod_mat_mul`). Reduction mod p is a ring
    /// homomorphism ℤ → 𝔽_p and the recursion uses only sums and products, so every entry is the
    /// residue of the exact integer ``tangent(_:along:)`` computes (0 where it leaves a term out): dÃ_L mod p,
    /// `(k·points) × K`, row t·points + q for point q and direction t.
    func tangent(_ forward: ScaledForwardPass, modularWeights weights: [FLINTModularMatrix], directions k: Int, prime: UInt32) -> FLINTModularMatrix {
        let n = forward.points, p = UInt64(prime)
        func residue(_ x: UnsafeMutablePointer<fmpz>) -> UInt64 { UInt64(fmpz_fdiv_ui(x, UInt(prime))) }
        var derivatives = [FLINTModularMatrix?](repeating: nil, count: depth + 1)
        for (index, layer) in layers.enumerated() {
            let u = layer.units
            let x = FLINTModularMatrix(rows: n, columns: layer.width, prime: prime)
            if n > 0, layer.width > 0 { fmpz_mat_get_nmod_mat(x.matrix, forward.inputs[index].matrix) }
            let direct = FLINTModularMatrix(rows: n, columns: k * u, prime: prime)
            if n > 0, k * u > 0, layer.width > 0 { nmod_mat_mul(direct.matrix, x.matrix, weights[index].matrix) }
            let dz = FLINTModularMatrix(rows: k * n, columns: u, prime: prime)
            let d = residue(layer.denominator)
            for q in 0..<n {
                let source = nnid_nmod_mat_row(direct.matrix, q)!
                for t in 0..<k {
                    let target = nnid_nmod_mat_row(dz.matrix, t * n + q)!
                    for i in 0..<u { target[i] = UInt((UInt64(source[t * u + i]) * d) % p) }
                }
            }
            let carried = layer.parts.enumerated().filter { $0.element.source >= 1 && derivatives[$0.element.source] != nil }
            if !carried.isEmpty, k * n > 0 {
                let dx = FLINTModularMatrix(rows: k * n, columns: layer.width, prime: prime)
                for (c, part) in carried {
                    let source = derivatives[part.source]!, factor = residue(layer.factors[c])
                    for row in 0..<(k * n) {
                        let from = nnid_nmod_mat_row(source.matrix, row)!, to = nnid_nmod_mat_row(dx.matrix, row)!
                        for j in 0..<part.width { to[part.offset + j] = UInt((UInt64(from[j]) * factor) % p) }
                    }
                }
                let w = FLINTModularMatrix(rows: layer.width, columns: u, prime: prime)
                fmpz_mat_get_nmod_mat(w.matrix, layer.transposedWeights.matrix)
                let through = FLINTModularMatrix(rows: k * n, columns: u, prime: prime)
                nmod_mat_mul(through.matrix, dx.matrix, w.matrix)
                nmod_mat_add(dz.matrix, dz.matrix, through.matrix)
            }
            let sign = forward.signs[index]
            let negative = residue(layer.scalars[2]), positive = residue(layer.scalars[3])
            for q in 0..<n {
                for t in 0..<k {
                    let row = nnid_nmod_mat_row(dz.matrix, t * n + q)!
                    for i in 0..<u {
                        let s = sign[q * u + i]
                        if layer.slopeIsBinary {
                            if s <= 0 { row[i] = 0 }
                        } else {
                            row[i] = UInt((UInt64(row[i]) * (s < 0 ? negative : positive)) % p)
                        }
                    }
                }
            }
            derivatives[index + 1] = dz
        }
        return derivatives[depth] ?? FLINTModularMatrix(rows: k * n, columns: outputCount, prime: prime)
    }
}
