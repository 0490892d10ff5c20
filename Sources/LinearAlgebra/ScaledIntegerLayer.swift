import CFLINT
import Exact

/// One layer of ``ScaledIntegerLayers``: its weights and biases over one common denominator D
/// (the lcm of all of theirs) and its slopes over one common denominator q.
final class ScaledIntegerLayer {
    /// A connection's place in the layer's input row ā = (sources' activations…, 1).
    struct Part {
        let source: Int
        let offset: Int
        let width: Int
    }

    let units: Int
    /// Inputs per unit: the connections' source widths, plus 1 for the bias.
    let width: Int
    let hasBias: Bool
    let hasKink: Bool
    let parts: [Part]
    /// (D·[W_c… | b])ᵀ, `width × units`: Z̃ = X·`transposedWeights`.
    let transposedWeights: FMPZMatrix
    /// D·W_c (`units × width(source)`) of each connection from a hidden layer, for the backward pass.
    let sourceBlocks: [(part: Int, weights: FMPZMatrix)]
    /// Row-major `units × width`: the θ column of input j of unit i (the bias last), −1 for an absent edge.
    let columns: [Int]
    /// [0]: D; [1]: q; [2]: q·a (slope numerator for z < 0); [3]: q·b (for z ≥ 0).
    let scalars = FMPZScalars(count: 4)
    /// Each part's factor G/g_source (filled by ``ScaledIntegerLayers``), then G.
    let factors: FMPZScalars

    var denominator: UnsafeMutablePointer<fmpz> { scalars[0] }
    var slopeDenominator: UnsafeMutablePointer<fmpz> { scalars[1] }
    var common: UnsafeMutablePointer<fmpz> { factors[parts.count] }
    let slopeIsBinary: Bool

    init(_ layer: PiecewiseLinearLayers.Layer, widths: [Int]) {
        units = layer.units
        hasBias = layer.bias != nil
        hasKink = layer.hasKink
        var offset = 0
        parts = layer.connections.map { c in
            defer { offset += widths[c.source] }
            return Part(source: c.source, offset: offset, width: widths[c.source])
        }
        width = offset + (hasBias ? 1 : 0)
        factors = FMPZScalars(count: parts.count + 1)
        let scratch = FMPZScalars(count: 2)
        fmpz_one(scalars[0])
        for c in layer.connections {
            for q in c.weights.elements where !q.isZero { FMPZRationals.includeDenominator(of: q, in: scalars[0], scratch: scratch) }
        }
        for q in layer.bias ?? [] where !q.isZero { FMPZRationals.includeDenominator(of: q, in: scalars[0], scratch: scratch) }
        fmpz_one(scalars[1])
        FMPZRationals.includeDenominator(of: layer.negativeSlope, in: scalars[1], scratch: scratch)
        FMPZRationals.includeDenominator(of: layer.positiveSlope, in: scalars[1], scratch: scratch)
        FMPZRationals.set(scalars[2], to: layer.negativeSlope, times: scalars[1], scratch: scratch)
        FMPZRationals.set(scalars[3], to: layer.positiveSlope, times: scalars[1], scratch: scratch)
        slopeIsBinary = layer.negativeSlope.isZero && layer.positiveSlope == .one
        transposedWeights = FMPZMatrix(rows: width, columns: units)
        var columns = [Int](repeating: -1, count: units * width)
        var blocks: [(part: Int, weights: FMPZMatrix)] = []
        for (c, connection) in layer.connections.enumerated() {
            let part = parts[c]
            let block = part.source >= 1 ? FMPZMatrix(rows: units, columns: part.width) : nil
            for i in 0..<units {
                for j in 0..<part.width {
                    let q = connection.weights[i, j]
                    columns[i * width + part.offset + j] = connection.columns[i * part.width + j]
                    guard !q.isZero else { continue }
                    let target = transposedWeights.entry(part.offset + j, i)
                    FMPZRationals.set(target, to: q, times: scalars[0], scratch: scratch)
                    if let block { fmpz_set(block.entry(i, j), target) }
                }
            }
            if let block { blocks.append((c, block)) }
        }
        if let bias = layer.bias {
            for i in 0..<units {
                columns[i * width + width - 1] = layer.biasColumns[i]
                FMPZRationals.set(transposedWeights.entry(width - 1, i), to: bias[i], times: scalars[0], scratch: scratch)
            }
        }
        self.columns = columns
        sourceBlocks = blocks
    }

    /// `target` ← act′ numerator (q·a or q·b, by the sign of z) times `value`.
    @inline(__always) func applySlope(_ target: UnsafeMutablePointer<fmpz>, sign: Int8, _ value: UnsafePointer<fmpz>) {
        if slopeIsBinary {
            if sign > 0 { fmpz_set(target, value) } else { fmpz_zero(target) }
        } else {
            fmpz_mul(target, value, sign < 0 ? scalars[2] : scalars[3])
        }
    }
}
