import CFLINT

extension ScaledIntegerLayers {
    /// dÃ_L for the block `forward` along one integer direction v of θ, given by its nonzero
    /// entries (θ column, value): the directional derivative of the outputs at each point of the
    /// block times the positive scale s·g_L (row = point), on the outputs where it is not zero
    /// at every point; `nil` when it is zero everywhere.
    ///
    /// The recursion of ``ScaledIntegerLayers``, dZ̃_ℓ = D_ℓ·X_ℓ·[dW | db]ᵀ + dX_ℓ·(D_ℓ·[W | b])ᵀ
    /// and dÃ_ℓ = (q_ℓ·act′)·dZ̃_ℓ, with only the terms that are exactly zero left out: the first
    /// term on the units and inputs where v has entries (a unit vector touches one weight), the
    /// second on the source units whose tangent is not zero at every point (dÃ of a unit that is
    /// off at every point of the block is 0, and so is everything a zero tangent feeds). The
    /// integers computed are therefore those of the full recursion, and a null vector of a
    /// Jacobian — in practice supported on a few units (a rescaling, a dead unit's weights) —
    /// costs products over those units, not over the whole network.
    func tangent(_ forward: ScaledForwardPass, along direction: [(column: Int, value: UnsafeMutablePointer<fmpz>)]) -> SparseTangent? {
        var touched = [[(unit: Int, slot: Int, value: UnsafeMutablePointer<fmpz>)]](repeating: [], count: depth)
        for (column, value) in direction {
            for place in parameterPlaces[column] { touched[place.layer].append((place.unit, place.slot, value)) }
        }
        var derivatives = [SparseTangent?](repeating: nil, count: depth + 1)
        for (index, layer) in layers.enumerated() {
            let direct = directTerm(forward, layer: index, touched[index])
            let dz: SparseTangent
            if let through = carriedTerm(forward, layer: index, derivatives) {
                if let direct {
                    for p in 0..<forward.points {
                        for (a, i) in direct.units.enumerated() { fmpz_add(through.entry(p, i), through.entry(p, i), direct.values.entry(p, a)) }
                    }
                }
                dz = SparseTangent(units: Array(0..<layer.units), values: through)
            } else if let direct {
                dz = direct
            } else {
                continue
            }
            derivatives[index + 1] = activated(dz, forward, layer: index)
        }
        return derivatives[depth]
    }

    /// D_ℓ·X_ℓ·[dW | db]ᵀ on the units of layer `index` that the direction touches (`entries`:
    /// unit, input slot, value), from the input columns it touches; `nil` when it touches none.
    private func directTerm(
        _ forward: ScaledForwardPass, layer index: Int, _ entries: [(unit: Int, slot: Int, value: UnsafeMutablePointer<fmpz>)]
    ) -> SparseTangent? {
        guard !entries.isEmpty else { return nil }
        let layer = layers[index]
        var unitIndex = [Int](repeating: -1, count: layer.units), slotIndex = [Int](repeating: -1, count: layer.width)
        for e in entries { unitIndex[e.unit] = 0; slotIndex[e.slot] = 0 }
        let units = (0..<layer.units).filter { unitIndex[$0] >= 0 }, slots = (0..<layer.width).filter { slotIndex[$0] >= 0 }
        for (a, i) in units.enumerated() { unitIndex[i] = a }
        for (b, j) in slots.enumerated() { slotIndex[j] = b }
        let w = FMPZMatrix(rows: slots.count, columns: units.count)
        for e in entries { fmpz_addmul(w.entry(slotIndex[e.slot], unitIndex[e.unit]), e.value, layer.denominator) }
        return SparseTangent(units: units, values: forward.inputs[index].columns(slots).multiplied(by: w))
    }

    /// dX_ℓ·(D_ℓ·[W | b])ᵀ for layer `index` (all its units) from the sources' tangents that are
    /// not zero — only their nonzero units' rows of the weights, each times the part's G_ℓ/g_src;
    /// `nil` when no source carries a tangent.
    private func carriedTerm(_ forward: ScaledForwardPass, layer index: Int, _ derivatives: [SparseTangent?]) -> FMPZMatrix? {
        let layer = layers[index]
        let carried = layer.parts.indices.compactMap { c -> (part: Int, tangent: SparseTangent)? in
            let source = layer.parts[c].source
            return source >= 1 ? derivatives[source].map { (c, $0) } : nil
        }
        guard !carried.isEmpty else { return nil }
        let width = carried.reduce(0) { $0 + $1.tangent.units.count }
        let weights = FMPZMatrix(rows: width, columns: layer.units)
        var row = 0
        for (c, tangent) in carried {
            let offset = layer.parts[c].offset, factor = layer.factors[c]
            for i in tangent.units {
                for o in 0..<layer.units { fmpz_mul(weights.entry(row, o), layer.transposedWeights.entry(offset + i, o), factor) }
                row += 1
            }
        }
        if carried.count == 1 { return carried[0].tangent.values.multiplied(by: weights) }
        let dx = FMPZMatrix(rows: forward.points, columns: width)
        var column = 0
        for (_, tangent) in carried {
            for p in 0..<forward.points {
                for a in tangent.units.indices { fmpz_set(dx.entry(p, column + a), tangent.values.entry(p, a)) }
            }
            column += tangent.units.count
        }
        return dx.multiplied(by: weights)
    }

    /// dÃ_ℓ = (q_ℓ·act′)·dZ̃_ℓ on the units of `dz`, then only the units where it is not zero at
    /// every point; `nil` when none is left.
    private func activated(_ dz: SparseTangent, _ forward: ScaledForwardPass, layer index: Int) -> SparseTangent? {
        let layer = layers[index], u = layer.units, sign = forward.signs[index], values = dz.values
        var nonzero = [Bool](repeating: false, count: dz.units.count)
        for p in 0..<forward.points {
            for (a, i) in dz.units.enumerated() {
                let entry = values.entry(p, a)
                layer.applySlope(entry, sign: sign[p * u + i], entry)
                if !nonzero[a], nnid_fmpz_is_zero(entry) == 0 { nonzero[a] = true }
            }
        }
        let keep = dz.units.indices.filter { nonzero[$0] }
        if keep.isEmpty { return nil }
        if keep.count == dz.units.count { return dz }
        return SparseTangent(units: keep.map { dz.units[$0] }, values: values.columns(keep))
    }
}
