extension FactoredJacobian {
    /// ‖J‖_F² from the factors: row x·K + k restricted to layer ℓ is δ_{ℓ,k}(x) ⊗ ā_ℓ(x) on the
    /// edges present, so its squared norm is Σ_i δ[i]²·Σ_{j present} ā[j]² (n·Σ_ℓ(P_ℓ + K·u_ℓ) flops).
    public var squaredFrobeniusNorm: Double {
        var total = 0.0
        for block in blocks {
            let u = block.units, d = block.width
            guard u > 0, d > 0 else { continue }
            let a = block.inputs.elements, delta = block.sensitivities.elements, column = block.columns
            for x in 0..<points {
                for i in 0..<u {
                    var inputs = 0.0
                    for j in 0..<d where column[i * d + j] >= 0 { inputs += a[x * d + j] * a[x * d + j] }
                    guard inputs > 0 else { continue }
                    var sensitivity = 0.0
                    for k in 0..<outputs {
                        let g = delta[(x * outputs + k) * u + i]
                        sensitivity += g * g
                    }
                    total += sensitivity * inputs
                }
            }
        }
        return total
    }
}
