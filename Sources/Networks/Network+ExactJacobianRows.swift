import Exact
import LinearAlgebra

extension Network {
    /// This network as the exact Jacobian's integer engine reads it (`PiecewiseLinearLayers`):
    /// each layer's slopes, weights with the θ column of each edge (−1 for an absent one) and
    /// biases with theirs, in the order of ``parameterLayout``. `nil` for a layer whose
    /// activation is not piecewise linear or has a symbolic bias.
    package var piecewiseLinearLayers: PiecewiseLinearLayers? {
        let layout = parameterLayout
        var described: [PiecewiseLinearLayers.Layer] = []
        for (index, layer) in layers.enumerated() {
            guard let (a, b) = layer.activation.linearPieces, layer.symbolicBias.isEmpty else { return nil }
            var columns = layer.connections.map { [Int](repeating: -1, count: layer.units * $0.weights.columns) }
            var biasColumns: [Int] = []
            for i in 0..<layer.units {
                var column = layout.firstColumn[index][i]
                for (c, connection) in layer.connections.enumerated() {
                    for j in layout.sources[index][c][i] {
                        columns[c][i * connection.weights.columns + j] = column
                        column += 1
                    }
                }
                if layout.hasBias[index] { biasColumns.append(column) }
            }
            described.append(
                PiecewiseLinearLayers.Layer(
                    units: layer.units, negativeSlope: a, positiveSlope: b,
                    connections: layer.connections.enumerated().map { c, connection in
                        PiecewiseLinearLayers.Connection(source: connection.source, weights: connection.weights, columns: columns[c])
                    },
                    bias: layer.bias, biasColumns: biasColumns))
        }
        return PiecewiseLinearLayers(inputCount: inputCount, layers: described, parameterCount: layout.count)
    }

    /// The exact Jacobian of ``exactJacobian(at:)`` without its entries stored: rows and exact
    /// products J·v computed from the network in integer arithmetic (`PiecewiseLinearJacobianRows`).
    /// `nil` when the integer form does not apply (a symbolic bias, or common denominators
    /// beyond its size bound): ``exactJacobian(at:)`` is then the way.
    /// - Throws: what ``exactJacobian(at:)`` throws for the same points, except evaluation
    ///   limits: ``JacobianError/notPiecewiseLinear(activation:unit:)``,
    ///   ``JacobianError/wrongInputCount(point:expected:found:)``, and
    ///   ``JacobianError/atKink(point:unit:)`` naming the first point and unit on a kink.
    package func exactJacobianRows(at points: [[Rational]]) throws(JacobianError) -> PiecewiseLinearJacobianRows? {
        for (index, layer) in layers.enumerated() where !layer.activation.isPiecewiseLinear {
            throw .notPiecewiseLinear(activation: layer.activation.name, unit: UnitID(layer: index + 1, unit: 0))
        }
        for (index, point) in points.enumerated() where point.count != inputCount {
            throw .wrongInputCount(point: index, expected: inputCount, found: point.count)
        }
        guard let description = piecewiseLinearLayers,
            let rows = PiecewiseLinearJacobianRows(network: description, points: points)
        else { return nil }
        if let kink = rows.firstKink() { throw .atKink(point: kink.point, unit: UnitID(layer: kink.layer, unit: kink.unit)) }
        return rows
    }
}
