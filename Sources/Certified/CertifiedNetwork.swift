import CArb
import Exact
import Networks

/// A network's parameters as Arb balls at one working precision, for certified evaluation:
/// every computed ball contains the exact value of the network at every point of the input balls.
///
/// Weights and biases are the network's exact rationals, each enclosed in a ball (exact for
/// dyadics that fit the precision, such as every float32 or float64 weight); a symbolic bias
/// q + Σ c·tanh(r) is enclosed by Arb's rigorous tanh. Activations:
/// piecewise-linear act(z) = a·z (z < 0), b·z (z ≥ 0) is enclosed by the union of a·Z and b·Z;
/// tanh-form act(z) = α + β·tanh(γz) by Arb's rigorous tanh. Any other activation is refused
/// (``init(_:precision:)`` returns `nil`).
public final class CertifiedNetwork {
    struct Edge {
        let source: Int
        let columns: Int
        /// Row-major, `units × columns`.
        let weights: BallVector
    }
    enum Kind {
        case piecewiseLinear(BallVector)  // [a, b]
        case tanhForm(BallVector)  // [α, β, γ]
    }
    struct Layer {
        let units: Int
        let edges: [Edge]
        let bias: BallVector
        let kind: Kind
    }

    public let precision: Int
    public let inputCount: Int
    let layers: [Layer]

    /// The network's parameters as balls at `precision` bits; `nil` when some activation is
    /// neither piecewise linear nor of tanh form.
    public init?(_ network: Network, precision: Int) {
        self.precision = precision
        inputCount = network.inputCount
        var built: [Layer] = []
        for layer in network.layers {
            let kind: Kind
            if let (a, b) = layer.activation.linearPieces {
                kind = .piecewiseLinear(BallVector([a, b], precision: precision))
            } else if let form = layer.activation.tanhForm {
                kind = .tanhForm(BallVector([form.offset, form.scale, form.inner], precision: precision))
            } else {
                return nil
            }
            let edges = layer.connections.map { c in
                Edge(source: c.source, columns: c.weights.columns, weights: BallVector(c.weights.elements, precision: precision))
            }
            let bias = BallVector((0..<layer.units).map(layer.biasValue), precision: precision)
            built.append(Layer(units: layer.units, edges: edges, bias: bias, kind: kind))
        }
        layers = built
    }

    /// The pre-activations of layer `index + 1` given every earlier layer's outputs.
    func preActivations(_ index: Int, _ post: [BallVector]) -> BallVector {
        let layer = layers[index]
        let z = BallVector(count: layer.units)
        for i in 0..<layer.units {
            arb_set(z[i], layer.bias[i])
            for edge in layer.edges {
                arb_dot(z[i], z[i], 0, edge.weights[i * edge.columns], 1, post[edge.source].pointer, 1, edge.columns, precision)
            }
        }
        return z
    }

    /// act applied entrywise to the balls `z` of layer `index + 1`.
    func activate(_ index: Int, _ z: BallVector) -> BallVector {
        let y = BallVector(count: z.count)
        for i in 0..<z.count {
            switch layers[index].kind {
            case .piecewiseLinear(let p): nnid_arb_piecewise_linear(y[i], z[i], p[0], p[1], precision)
            case .tanhForm(let p): nnid_arb_tanh_form(y[i], z[i], p[0], p[1], p[2], precision)
            }
        }
        return y
    }

    /// Every layer's outputs (index 0 holds the inputs) at the input balls `x`.
    func forward(_ x: BallVector) -> [BallVector] {
        var post = [x]
        for index in layers.indices { post.append(activate(index, preActivations(index, post))) }
        return post
    }
}

extension CertifiedNetwork {
    /// Enclosures of the outputs at the rational input `x` (`nil` for a wrong input length).
    public func evaluate(_ x: [Rational]) -> CertifiedEvaluation? {
        guard x.count == inputCount else { return nil }
        let y = forward(BallVector(x, precision: precision)).last!
        return CertifiedEvaluation(precision: precision, outputs: (0..<y.count).map { y.enclosure($0) })
    }
}
