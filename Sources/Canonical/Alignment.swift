import Exact
import LinearAlgebra
import Networks

/// The permutation of hidden units that best aligns one network to another of the same
/// architecture: layer by layer, front to back, a minimum-cost assignment between the two
/// layers' incoming vectors (weights by source layer, B's columns already permuted by the
/// earlier layers' alignment, then the bias), with cost the squared Euclidean distance in Double.
///
/// Run on canonical forms, which already fix every unit's scale and sign, a permutation is the
/// only symmetry left to choose; the parameter differences after alignment are then exact.
public struct Alignment: Sendable {
    /// `permutations[ℓ][i]`: the unit of B's layer ℓ aligned to A's unit i (ℓ = 0: the inputs,
    /// identity; the output layer: identity).
    public let permutations: [[Int]]
    /// B with its hidden units permuted: computes B's function exactly.
    public let aligned: Network

    /// `nil` when the architectures differ.
    public init?(aligning b: Network, to a: Network) {
        guard Alignment.sameShape(a, b) else { return nil }
        var perms: [[Int]] = [Array(0..<a.inputCount)]
        for (index, layer) in a.layers.enumerated() {
            let l = index + 1
            if l == a.outputLayer {
                perms.append(Array(0..<layer.units))
                continue
            }
            let va = Alignment.incomingVectors(a, layer: l, permutations: nil)
            let vb = Alignment.incomingVectors(b, layer: l, permutations: perms)
            perms.append(Assignment.minimumCost(Alignment.squaredDistances(va, vb)))
        }
        guard let permuted = Alignment.permuted(b, perms) else { return nil }
        permutations = perms
        aligned = permuted
    }

    static func sameShape(_ a: Network, _ b: Network) -> Bool {
        a.inputCount == b.inputCount && a.layers.count == b.layers.count
            && zip(a.layers, b.layers).allSatisfy { la, lb in
                la.units == lb.units && la.activation == lb.activation && (la.bias == nil) == (lb.bias == nil)
                    && la.connections.map(\.source) == lb.connections.map(\.source)
            }
    }

    /// Row i: unit i's incoming weights (connection by connection; columns read through the
    /// source layer's permutation when given) and bias, in Double.
    static func incomingVectors(_ n: Network, layer l: Int, permutations: [[Int]]?) -> Matrix<Double> {
        let layer = n.layers[l - 1]
        let length = layer.connections.reduce(1) { $0 + $1.weights.columns }
        var v: [Double] = []
        v.reserveCapacity(layer.units * length)
        for i in 0..<layer.units {
            for c in layer.connections {
                for j in 0..<c.weights.columns {
                    let column = permutations?[c.source][j] ?? j
                    v.append(c.weights[i, column].doubleValue)
                }
            }
            v.append(layer.bias == nil ? 0 : layer.biasValue(i).doubleValue)
        }
        return Matrix(rows: layer.units, columns: length, elements: v)!
    }

    /// cost[i, j] = ‖aᵢ − bⱼ‖² = ‖aᵢ‖² + ‖bⱼ‖² − 2 aᵢ·bⱼ, the products by one BLAS call. Only the
    /// assignment's choice depends on these Double costs; every reported difference is exact.
    static func squaredDistances(_ a: Matrix<Double>, _ b: Matrix<Double>) -> Matrix<Double> {
        func norms(_ m: Matrix<Double>) -> [Double] {
            (0..<m.rows).map { i in (0..<m.columns).reduce(0.0) { $0 + m[i, $1] * m[i, $1] } }
        }
        let na = norms(a), nb = norms(b)
        var cost = a.multiplied(byTransposeOf: b)!
        for i in 0..<cost.rows {
            for j in 0..<cost.columns { cost[i, j] = max(0, na[i] + nb[j] - 2 * cost[i, j]) }
        }
        return cost
    }

    /// The network with unit i of layer ℓ taken from unit perms[ℓ][i]: rows of its incoming
    /// weights and biases, and columns of every connection reading it, permuted alike.
    static func permuted(_ n: Network, _ perms: [[Int]]) -> Network? {
        let layers = n.layers.enumerated().map { index, layer in
            let rows = perms[index + 1]
            let connections = layer.connections.map { c in
                let cols = perms[c.source]
                let w = Matrix<Rational>(rows: c.weights.rows, columns: c.weights.columns, elements: rows.flatMap { i in cols.map { c.weights[i, $0] } })!
                let mask = c.present.map { m in Matrix<Bool>(rows: m.rows, columns: m.columns, elements: rows.flatMap { i in cols.map { m[i, $0] } })! }
                return Connection(source: c.source, weights: w, present: mask)
            }
            let symbolic = Dictionary(uniqueKeysWithValues: rows.enumerated().compactMap { new, old in layer.symbolicBias[old].map { (new, $0) } })
            return Layer(
                units: layer.units, activation: layer.activation, connections: connections,
                bias: layer.bias.map { b in rows.map { b[$0] } }, symbolicBias: symbolic)
        }
        return try? n.withLayers(layers)
    }
}
