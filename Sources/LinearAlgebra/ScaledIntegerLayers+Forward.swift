import CFLINT
import Exact

/// The exact forward pass of ``ScaledIntegerLayers`` at a block of points: each layer's input
/// rows X_ℓ, its activations Ã_ℓ and the signs of its pre-activations (scales in
/// ``ScaledIntegerLayers``).
final class ScaledForwardPass {
    let points: Int
    /// s for each point: the lcm of its coordinates' denominators.
    let pointScales: FMPZScalars
    /// X_ℓ (`points × width`) at index ℓ − 1.
    private(set) var inputs: [FMPZMatrix] = []
    /// Ã_ℓ (`points × units`) at index ℓ (0: the input times s).
    private(set) var activations: [FMPZMatrix] = []
    /// sign(z_ℓ) row-major `points × units`, at index ℓ − 1.
    private(set) var signs: [[Int8]] = []
    /// For each point with a pre-activation exactly 0 at a unit with a kink, the first such
    /// (layer, unit) in layer order (the map is not differentiable in θ there).
    private(set) var kinks: [Int: (layer: Int, unit: Int)] = [:]
    /// Whether the pass stopped at a layer with a pre-activation Z̃ of more than `maximumBits`
    /// bits (the later layers are then missing).
    private(set) var exceeded = false

    init(_ network: ScaledIntegerLayers, at points: ArraySlice<[Rational]>, maximumBits: Int = .max) {
        let n = points.count
        self.points = n
        pointScales = FMPZScalars(count: n)
        let scratch = FMPZScalars(count: 2)
        let input = FMPZMatrix(rows: n, columns: network.inputCount)
        for (p, x) in points.enumerated() {
            fmpz_one(pointScales[p])
            for q in x where !q.isZero { FMPZRationals.includeDenominator(of: q, in: pointScales[p], scratch: scratch) }
            for (j, q) in x.enumerated() { FMPZRationals.set(input.entry(p, j), to: q, times: pointScales[p], scratch: scratch) }
        }
        activations.append(input)
        for (index, layer) in network.layers.enumerated() where !exceeded {
            advance(layer, number: index + 1, maximumBits: maximumBits)
        }
    }

    /// X_ℓ, Z̃_ℓ, sign(z_ℓ) and Ã_ℓ of layer ℓ = `number` from the earlier activations.
    private func advance(_ layer: ScaledIntegerLayer, number: Int, maximumBits: Int) {
        let n = points, u = layer.units
        let x = FMPZMatrix(rows: n, columns: layer.width)
        for (c, part) in layer.parts.enumerated() {
            let source = activations[part.source], factor = layer.factors[c]
            let unit = fmpz_is_one(factor) != 0
            for p in 0..<n {
                for j in 0..<part.width {
                    if unit { fmpz_set(x.entry(p, part.offset + j), source.entry(p, j)) } else {
                        fmpz_mul(x.entry(p, part.offset + j), source.entry(p, j), factor)
                    }
                }
            }
        }
        if layer.hasBias { for p in 0..<n { fmpz_mul(x.entry(p, layer.width - 1), pointScales[p], layer.common) } }
        let z = x.multiplied(by: layer.transposedWeights)
        if maximumBits < .max, z.rows > 0, z.columns > 0, Int(fmpz_mat_max_bits(z.matrix).magnitude) > maximumBits {
            exceeded = true
            return
        }
        var sign = [Int8](repeating: 0, count: n * u)
        for p in 0..<n {
            for i in 0..<u {
                let s = Int8(fmpz_sgn(z.entry(p, i)))
                sign[p * u + i] = s
                if s == 0, layer.hasKink, kinks[p] == nil { kinks[p] = (number, i) }
                layer.applySlope(z.entry(p, i), sign: s, z.entry(p, i))
            }
        }
        inputs.append(x)
        activations.append(z)
        signs.append(sign)
    }
}
