extension FactoredJacobian {
    /// Whether J is exactly 0 at every column c with `mask[c]` (P entries), read from the factors:
    /// J[x·K + k, column(ℓ, i, j)] = Δ_ℓ[x·K + k, i]·A_ℓ[x, j] is a product of two numbers, 0 when
    /// one of them is, so column (ℓ, i, j) vanishes when at every point x unit i's K sensitivities
    /// are 0 or the input A_ℓ[x, j] is 0 — for ReLU, a unit never active, or an input never
    /// nonzero, on the block. (The rows ``dense`` writes are then 0 there too.) The test is
    /// sufficient, not necessary: a product that underflows is not counted as 0.
    public func vanishes(onColumns mask: [Bool]) -> Bool {
        precondition(mask.count == parameterCount)
        for block in blocks {
            let u = block.units, d = block.width, K = outputs
            guard u > 0, d > 0 else { continue }
            let units = (0..<u).filter { i in (0..<d).contains { t in block.columns[i * d + t] >= 0 && mask[block.columns[i * d + t]] } }
            guard !units.isEmpty else { continue }
            let delta = block.sensitivities.elements, a = block.inputs.elements
            for i in units {
                // The points where unit i has a nonzero sensitivity for some output.
                let live = (0..<points).filter { x in (0..<K).contains { delta[(x * K + $0) * u + i] != 0 } }
                for t in 0..<d {
                    let c = block.columns[i * d + t]
                    guard c >= 0, mask[c] else { continue }
                    if live.contains(where: { a[$0 * d + t] != 0 }) { return false }
                }
            }
        }
        return true
    }
}
