import CFLINT
import Exact

/// A piecewise-linear network (``PiecewiseLinearLayers``) in integer arithmetic: every exact
/// quantity of the forward pass, the forward-mode tangent and the backward pass is an integer
/// matrix over a known positive denominator, so that whole blocks of points go through FLINT's
/// `fmpz_mat_mul` instead of one `Rational` operation per entry.
///
/// **Scales.** Layer ℓ's weights and biases share the denominator D_ℓ (the lcm of theirs) and its
/// slopes a, b the denominator q_ℓ; at a point x with s = lcm of x's denominators:
/// - the activations are a_ℓ = Ã_ℓ/(s·g_ℓ) with g₀ = 1, G_ℓ = lcm of g over the layer's sources,
///   g_ℓ = q_ℓ·D_ℓ·G_ℓ; the layer's input row ā_ℓ = (sources' activations…, 1) is X_ℓ/(s·G_ℓ),
///   X_ℓ = (Ã_src·G_ℓ/g_src…, s·G_ℓ); the pre-activations z_ℓ = Z̃_ℓ/(s·D_ℓ·G_ℓ) with
///   Z̃_ℓ = X_ℓ·(D_ℓ·[W | b])ᵀ, and Ã_ℓ = (q_ℓ·act′)·Z̃_ℓ. Every scale is positive, so Z̃ has
///   the sign of z and the activation pattern is exact.
/// - along an integer direction v of θ (forward mode), dz_ℓ = dZ̃_ℓ/(s·D_ℓ·G_ℓ) with
///   dZ̃_ℓ = D_ℓ·X_ℓ·[dW | db]ᵀ + dX_ℓ·(D_ℓ·[W | b])ᵀ, dX_ℓ = (dÃ_src·G_ℓ/g_src…, 0),
///   dÃ_ℓ = (q_ℓ·act′)·dZ̃_ℓ: the output row's J·v is dÃ_L/(s·g_L).
/// - backward, δ_ℓ = Δ̃_ℓ/β_ℓ with β_L = q_L, β_s = E_s·q_s, E_s = lcm of D_ℓ·β_ℓ over the
///   layers ℓ that read s, Δ̃_s = (q_s·act′)·Σ Δ̃_ℓ·(D_ℓ·W_c)·E_s/(D_ℓ·β_ℓ); and the Jacobian row
///   of (x, output) times s·Λ (Λ = lcm of β_ℓ·G_ℓ) is the integer row m_ℓ·Δ̃_ℓ[i]·X_ℓ[j] on the
///   column of (ℓ, i, j), m_ℓ = Λ/(β_ℓ·G_ℓ).
final class ScaledIntegerLayers {
    let description: PiecewiseLinearLayers
    let layers: [ScaledIntegerLayer]
    /// g_ℓ for ℓ = 0…L.
    let activationScales: FMPZScalars
    /// β_ℓ (index ℓ; 0 unused), then m_ℓ at L + 1 + ℓ.
    let backwardScales: FMPZScalars
    /// For each hidden layer s: the (layer, part, factor E_s/(D_ℓ·β_ℓ)) that read it.
    let consumers: [[(layer: Int, part: Int, factor: Int)]]
    /// The factors of ``consumers``.
    let consumerFactors: FMPZScalars
    /// For each θ column, where it sits: (layer index into ``layers``, unit, input slot of the
    /// unit's row ā = (sources' activations…, 1)).
    let parameterPlaces: [[(layer: Int, unit: Int, slot: Int)]]

    var depth: Int { layers.count }
    var inputCount: Int { description.inputCount }
    var outputCount: Int { description.outputCount }
    var parameterCount: Int { description.parameterCount }

    /// `nil` when a common denominator would need more than `maximumBits` bits (weights of
    /// many unrelated large denominators): the exact Jacobian of `Rational`s, with its
    /// evaluation limits, is then the way.
    init?(_ network: PiecewiseLinearLayers, maximumBits: Int = 1 << 16) {
        description = network
        let widths = [network.inputCount] + network.layers.map(\.units)
        layers = network.layers.map { ScaledIntegerLayer($0, widths: widths) }
        var places = [[(layer: Int, unit: Int, slot: Int)]](repeating: [], count: network.parameterCount)
        for (index, layer) in layers.enumerated() {
            for i in 0..<layer.units {
                for j in 0..<layer.width {
                    let column = layer.columns[i * layer.width + j]
                    if places.indices.contains(column) { places[column].append((index, i, j)) }
                }
            }
        }
        parameterPlaces = places
        let depth = layers.count
        activationScales = FMPZScalars(count: depth + 1)
        backwardScales = FMPZScalars(count: 2 * depth + 2)
        fmpz_one(activationScales[0])
        for (index, layer) in layers.enumerated() {
            let g = activationScales[index + 1]
            fmpz_one(layer.common)
            for part in layer.parts { fmpz_lcm(layer.common, layer.common, activationScales[part.source]) }
            for (c, part) in layer.parts.enumerated() { fmpz_divexact(layer.factors[c], layer.common, activationScales[part.source]) }
            fmpz_mul(g, layer.denominator, layer.common)
            fmpz_mul(g, g, layer.slopeDenominator)
            if Int(fmpz_bits(g)) > maximumBits { return nil }
        }
        var readers = [[(layer: Int, part: Int)]](repeating: [], count: depth + 1)
        for (index, layer) in layers.enumerated() {
            for (c, part) in layer.parts.enumerated() where part.source >= 1 { readers[part.source].append((index + 1, c)) }
        }
        let factors = FMPZScalars(count: readers.reduce(0) { $0 + $1.count })
        var consumers = [[(layer: Int, part: Int, factor: Int)]](repeating: [], count: depth + 1)
        let scratch = FMPZScalars(count: 2)
        var next = 0
        if depth > 0 { fmpz_set(backwardScales[depth], layers[depth - 1].slopeDenominator) }
        for s in stride(from: depth - 1, through: 1, by: -1) {
            let e = scratch[0]
            fmpz_one(e)
            for (l, _) in readers[s] {
                fmpz_mul(scratch[1], layers[l - 1].denominator, backwardScales[l])
                fmpz_lcm(e, e, scratch[1])
            }
            for (l, c) in readers[s] {
                fmpz_mul(scratch[1], layers[l - 1].denominator, backwardScales[l])
                fmpz_divexact(factors[next], e, scratch[1])
                consumers[s].append((l, c, next))
                next += 1
            }
            if readers[s].isEmpty { fmpz_one(backwardScales[s]) } else { fmpz_mul(backwardScales[s], e, layers[s - 1].slopeDenominator) }
            if Int(fmpz_bits(backwardScales[s])) > maximumBits { return nil }
        }
        let lambda = scratch[0]
        fmpz_one(lambda)
        for l in stride(from: 1, through: depth, by: 1) {
            fmpz_mul(scratch[1], backwardScales[l], layers[l - 1].common)
            fmpz_lcm(lambda, lambda, scratch[1])
        }
        for l in stride(from: 1, through: depth, by: 1) {
            fmpz_mul(scratch[1], backwardScales[l], layers[l - 1].common)
            fmpz_divexact(backwardScales[depth + 1 + l], lambda, scratch[1])
        }
        if Int(fmpz_bits(lambda)) > maximumBits { return nil }
        self.consumers = consumers
        consumerFactors = factors
    }

    /// β_ℓ.
    func backwardScale(_ l: Int) -> UnsafeMutablePointer<fmpz> { backwardScales[l] }
    /// m_ℓ = Λ/(β_ℓ·G_ℓ).
    func rowFactor(_ l: Int) -> UnsafeMutablePointer<fmpz> { backwardScales[depth + 1 + l] }
}
