import Exact

/// A feed-forward network of piecewise-linear units as the exact Jacobian needs it, with no
/// reference to the `Networks` module's types: for each non-input layer its units, the two slopes
/// of its activation act(z) = a·z (z < 0), b·z (z ≥ 0), its incoming connections (an earlier
/// layer's index, the weight matrix, and the θ column of each weight) and its biases with their
/// θ columns. Layer 0 is the input.
///
/// `PiecewiseLinearJacobianRows` computes rows and products of the Jacobian of
/// θ ↦ (f_θ(x₁), …, f_θ(x_N)) from this description.
package struct PiecewiseLinearLayers: Sendable {
    package struct Connection: Sendable {
        /// The layer it reads (0: the input).
        package let source: Int
        /// `units × width(source)`; an absent edge holds 0.
        package let weights: Matrix<Rational>
        /// Row-major like `weights`: the θ column of weight (i, j), or −1 for an absent edge.
        package let columns: [Int]

        package init(source: Int, weights: Matrix<Rational>, columns: [Int]) {
            (self.source, self.weights, self.columns) = (source, weights, columns)
        }
    }

    package struct Layer: Sendable {
        package let units: Int
        /// The slopes a (z < 0) and b (z > 0).
        package let negativeSlope: Rational
        package let positiveSlope: Rational
        package let connections: [Connection]
        /// The biases, or `nil` for a layer without biases.
        package let bias: [Rational]?
        /// The θ column of each bias (empty without biases).
        package let biasColumns: [Int]

        package init(
            units: Int, negativeSlope: Rational, positiveSlope: Rational, connections: [Connection], bias: [Rational]?,
            biasColumns: [Int]
        ) {
            (self.units, self.negativeSlope, self.positiveSlope) = (units, negativeSlope, positiveSlope)
            (self.connections, self.bias, self.biasColumns) = (connections, bias, biasColumns)
        }

        /// a ≠ b: the unit is not differentiable at z = 0.
        var hasKink: Bool { negativeSlope != positiveSlope }
    }

    package let inputCount: Int
    package let layers: [Layer]
    /// P, the number of θ columns.
    package let parameterCount: Int

    package init(inputCount: Int, layers: [Layer], parameterCount: Int) {
        (self.inputCount, self.layers, self.parameterCount) = (inputCount, layers, parameterCount)
    }

    /// The number of outputs K (units of the last layer).
    package var outputCount: Int { layers.last?.units ?? 0 }

    /// The width of layer `l` (0: the input).
    func width(ofLayer l: Int) -> Int { l == 0 ? inputCount : layers[l - 1].units }
}
