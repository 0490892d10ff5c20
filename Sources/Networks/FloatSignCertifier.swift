import Exact

/// Decides from a `Double` forward pass, with a rigorous error bound, whether every kinked
/// unit's pre-activation at a rational point has the sign the floating-point pass shows — so
/// that the exact evaluation, which could only confirm it, can be skipped
/// (proof: proofs/floating-sign-certificate.md).
///
/// With u = 2⁻⁵³ and the `Double` pass of ``NumericNetwork/forward(_:)`` (weights, biases and
/// slopes rounded to nearest, each pre-activation a sum of m = (inputs of the unit) + (connections)
/// + 1 rounded terms), the exact pre-activation z and the computed z̃ of a unit satisfy
/// |z̃ − z| ≤ e_z with
///
///     e_z = (1 + 2⁻²⁰)·(2(m + 2)u·T + (1 + 4u)·E) + 2⁻⁹⁰⁰,
///     T = |b̃| + Σⱼ |w̃ⱼ|·|ãⱼ|,   E = Σⱼ |w̃ⱼ|·e_a,j,
///
/// and each activation a = act(z) on a unit whose side is certain (or whose activation has one
/// slope s) satisfies |ã − a| ≤ e_a = (1 + 2⁻²⁰)·(4u·|ã| + (1 + 4u)·|s̃|·e_z), starting from
/// e_x = 2u·|x̃| at the inputs. |z̃| > e_z then proves sign z = sign z̃ ≠ 0. The bound assumes no
/// underflow or overflow in the pass; ``certifies(point:input:pre:post:)`` refuses (the caller
/// then decides exactly) whenever an operand could cause either: a nonzero weight, bias, slope,
/// input, pre-activation or activation outside [2⁻⁵⁰⁰, 2⁵⁰⁰], a non-finite value, or an input
/// whose `Double` is 0 while the rational is not.
package struct FloatSignCertifier: Sendable {
    struct Connection: Sendable {
        let source: Int
        let columns: Int
        /// |w̃| row-major, `units × columns`.
        let magnitudes: [Double]
    }
    struct Layer: Sendable {
        let units: Int
        let hasKink: Bool
        let connections: [Connection]
        /// |b̃|.
        let bias: [Double]
        /// |ã|, |b̃| of the slopes for z < 0 and z ≥ 0.
        let negativeSlope: Double
        let positiveSlope: Double
        /// 2(m + 2)u for this layer's m.
        let sumFactor: Double
    }
    let layers: [Layer]
    /// Layers past the last kinked one are not needed.
    let depth: Int

    static let u = 0x1p-53
    static let inflation = 1 + 0x1p-20
    static let floor = 0x1p-900
    static let smallest = 0x1p-500
    static let largest = 0x1p500

    /// Whether a nonzero `Double` stays clear of underflow and overflow as a factor.
    static func inRange(_ v: Double) -> Bool { v == 0 || (Swift.abs(v) >= smallest && Swift.abs(v) <= largest) }

    /// `nil` for a network that is not piecewise linear, has a symbolic bias, has no kinked unit,
    /// or has a weight, bias or slope whose `Double` is 0 while the rational is not, or lies
    /// outside [2⁻⁵⁰⁰, 2⁵⁰⁰] (the bound's no-underflow condition), or a unit with 2²⁴ inputs or more.
    package init?(_ network: Network, numeric: NumericNetwork) {
        guard let last = network.layers.lastIndex(where: { $0.activation.hasKink }) else { return nil }
        var layers: [Layer] = []
        for (index, layer) in network.layers.enumerated() {
            guard let (a, b) = layer.activation.linearPieces, layer.symbolicBias.isEmpty else { return nil }
            let numericLayer = numeric.layers[index]
            var connections: [Connection] = []
            var terms = 1 + layer.connections.count
            for (c, connection) in layer.connections.enumerated() {
                let w = numericLayer.connections[c].weights
                for (exact, rounded) in zip(connection.weights.elements, w.elements) {
                    guard exact.isZero == (rounded == 0), Self.inRange(rounded) else { return nil }
                }
                terms += w.columns
                connections.append(Connection(source: connection.source, columns: w.columns, magnitudes: w.elements.map { Swift.abs($0) }))
            }
            guard terms < 1 << 24 else { return nil }
            let bias = layer.bias ?? []
            for (exact, rounded) in zip(bias, numericLayer.bias) where exact.isZero != (rounded == 0) || !Self.inRange(rounded) { return nil }
            let da = a.doubleValue, db = b.doubleValue
            guard a.isZero == (da == 0), b.isZero == (db == 0), Self.inRange(da), Self.inRange(db) else { return nil }
            layers.append(Layer(
                units: layer.units, hasKink: layer.activation.hasKink, connections: connections,
                bias: numericLayer.bias.map { Swift.abs($0) }, negativeSlope: Swift.abs(da), positiveSlope: Swift.abs(db),
                sumFactor: 2 * Double(terms + 2) * Self.u))
        }
        self.layers = layers
        depth = last + 1
    }

    /// Whether the bound proves that every kinked unit's exact pre-activation at the rational
    /// point `point` has the sign of `pre` and is nonzero, where `input` holds the nearest
    /// `Double`s of `point` and `pre`, `post` the pass of ``NumericNetwork/forward(_:)`` at
    /// `input` (index 0 the input, index ℓ layer ℓ). `false` means only "not proven".
    package func certifies(point: [Rational], input: [Double], pre: [[Double]], post: [[Double]]) -> Bool {
        errorBounds(point: point, input: input, pre: pre, post: post, stopAtUnproven: true) != nil
    }

    /// e_z of every unit of layers 1…``depth`` (index ℓ − 1): |z̃ − z| ≤ e_z for the exact
    /// pre-activation z at `point` (arguments as in ``certifies(point:input:pre:post:)``); `nil`
    /// when an operand is out of the bound's range, or — with `stopAtUnproven` — at the first
    /// kinked unit with |z̃| ≤ e_z. A kinked unit whose side is not proven carries its error on
    /// with the larger slope magnitude: a piecewise-linear activation through 0 is Lipschitz with
    /// constant max(|a|, |b|).
    package func errorBounds(point: [Rational], input: [Double], pre: [[Double]], post: [[Double]], stopAtUnproven: Bool) -> [[Double]]? {
        guard pre.count > depth, post.count > depth, point.count == input.count else { return nil }
        for (q, x) in zip(point, input) where !x.isFinite || !Self.inRange(x) || q.isZero != (x == 0) { return nil }
        var errors: [[Double]] = [input.map { 2 * Self.u * Swift.abs($0) }]
        var bounds: [[Double]] = []
        errors.reserveCapacity(depth + 1)
        bounds.reserveCapacity(depth)
        for l in 1...depth {
            let layer = layers[l - 1]
            let z = pre[l], a = post[l]
            guard z.count == layer.units, a.count == layer.units else { return nil }
            var total = layer.bias
            var carried = [Double](repeating: 0, count: layer.units)
            for connection in layer.connections {
                let x = post[connection.source], e = errors[connection.source]
                guard x.count == connection.columns, e.count == connection.columns else { return nil }
                connection.magnitudes.withUnsafeBufferPointer { w in
                    for i in 0..<layer.units {
                        var t = 0.0, s = 0.0
                        let row = i * connection.columns
                        for j in 0..<connection.columns {
                            t += w[row + j] * Swift.abs(x[j])
                            s += w[row + j] * e[j]
                        }
                        total[i] += t
                        carried[i] += s
                    }
                }
            }
            var bound = [Double](repeating: 0, count: layer.units)
            var next = [Double](repeating: 0, count: layer.units)
            for i in 0..<layer.units {
                let b = Self.inflation * (layer.sumFactor * total[i] + (1 + 4 * Self.u) * carried[i]) + Self.floor
                guard b.isFinite, z[i].isFinite, a[i].isFinite, Self.inRange(z[i]), Self.inRange(a[i]) else { return nil }
                let proven = Swift.abs(z[i]) > b
                if layer.hasKink, !proven, stopAtUnproven { return nil }
                let slope = !layer.hasKink || proven ? (z[i] < 0 ? layer.negativeSlope : layer.positiveSlope)
                    : Swift.max(layer.negativeSlope, layer.positiveSlope)
                bound[i] = b
                next[i] = Self.inflation * (4 * Self.u * Swift.abs(a[i]) + (1 + 4 * Self.u) * slope * b)
            }
            bounds.append(bound)
            errors.append(next)
        }
        return bounds
    }
}
