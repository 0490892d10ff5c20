import CArb
import Exact
import Networks

/// A certified bound on max |f_A(x) − f_B(x)| over an input box, for two networks of the same
/// architecture (the same widths, activations and connections), by interval propagation of the
/// differences (no linear-programming relaxation and no big-M constants).
///
/// Layer by layer, balls enclose the outputs Y_A, Y_B of both networks over the box and the
/// difference D = y_A − y_B (D = 0 on the inputs). With Δ_W = W_A − W_B and Δ_b = b_A − b_B,
///   z_A − z_B = W_A·(y_A − y_B) + Δ_W·y_B + Δ_b  ∈  W_A·D + Δ_W·Y_B + Δ_b,
/// and act(z_A) − act(z_B) = s·(z_A − z_B) with s a divided difference of act between points of
/// Z_A and Z_B, which lies in the hull of act′ over Z_A ∪ Z_B (mean value theorem; for a
/// piecewise-linear act, between its two slopes, or exactly one slope when both balls lie on one
/// side of 0). Every ball operation is Arb's rigorous ball arithmetic, so the output balls D
/// contain every difference f_A(x) − f_B(x), x in the box.
public enum DifferenceBound {
    /// The bound, or `nil` when the architectures differ, an activation admits no certified
    /// evaluation, or a ball is unbounded.
    public static func maximumDifference(
        _ a: Network, _ b: Network, lower: [Rational], upper: [Rational], precision: Int = 128
    ) -> Rational? {
        guard let na = CertifiedNetwork(a, precision: precision), let nb = CertifiedNetwork(b, precision: precision) else { return nil }
        return maximumDifference(a, b, na, nb, lower: lower, upper: upper)
    }

    /// The same bound from the networks' balls `na`, `nb` (built from `a`, `b` at one precision).
    public static func maximumDifference(
        _ a: Network, _ b: Network, _ na: CertifiedNetwork, _ nb: CertifiedNetwork, lower: [Rational], upper: [Rational]
    ) -> Rational? {
        let precision = na.precision
        guard sameArchitecture(a, b), lower.count == a.inputCount, upper.count == a.inputCount else { return nil }
        let deltas = differences(a, b, precision: precision)
        let x = BallVector(count: a.inputCount)
        for j in 0..<a.inputCount { x.set(j, lower: lower[j], upper: upper[j], precision: precision) }
        var postA = [x], postB = [x], diff = [BallVector(count: a.inputCount)]
        for index in a.layers.indices {
            let za = na.preActivations(index, postA), zb = nb.preActivations(index, postB)
            let dz = differencePreActivations(index, na, deltas[index], diff, postB, precision)
            let ya = na.activate(index, za), yb = nb.activate(index, zb)
            let slope = na.slopes(index, za, zb)
            let dy = BallVector(count: dz.count)
            for i in 0..<dz.count { arb_mul(dy[i], slope[i], dz[i], precision) }
            postA.append(ya); postB.append(yb); diff.append(dy)
        }
        let out = diff.last!
        var worst = Rational.zero
        for k in 0..<out.count {
            let e = out.enclosure(k)
            guard let l = e.lower, let u = e.upper else { return nil }
            worst = max(worst, max(l.magnitude, u.magnitude))
        }
        return worst
    }

    /// Same input count, widths, activations, connection sources and bias presence.
    static func sameArchitecture(_ a: Network, _ b: Network) -> Bool {
        a.inputCount == b.inputCount && a.layers.count == b.layers.count
            && zip(a.layers, b.layers).allSatisfy { la, lb in
                la.units == lb.units && la.activation == lb.activation && (la.bias == nil) == (lb.bias == nil)
                    && la.connections.map(\.source) == lb.connections.map(\.source)
            }
    }

    /// Δ_W per connection and Δ_b per layer as balls (exact rationals first).
    static func differences(_ a: Network, _ b: Network, precision: Int) -> [(weights: [BallVector], bias: BallVector)] {
        zip(a.layers, b.layers).map { la, lb in
            let weights = zip(la.connections, lb.connections).map { ca, cb in
                BallVector(zip(ca.weights.elements, cb.weights.elements).map { $0 - $1 }, precision: precision)
            }
            // Exact symbolic differences: equal symbolic biases cancel to an exact 0.
            return (weights, BallVector((0..<la.units).map { la.biasValue($0) - lb.biasValue($0) }, precision: precision))
        }
    }

    /// W_A·D + Δ_W·Y_B + Δ_b for layer `index + 1`.
    static func differencePreActivations(
        _ index: Int, _ na: CertifiedNetwork, _ delta: (weights: [BallVector], bias: BallVector),
        _ diff: [BallVector], _ postB: [BallVector], _ precision: Int
    ) -> BallVector {
        let layer = na.layers[index]
        let dz = BallVector(count: layer.units)
        for i in 0..<layer.units {
            arb_set(dz[i], delta.bias[i])
            for (c, edge) in layer.edges.enumerated() {
                let row = i * edge.columns
                arb_dot(dz[i], dz[i], 0, edge.weights[row], 1, diff[edge.source].pointer, 1, edge.columns, precision)
                arb_dot(dz[i], dz[i], 0, delta.weights[c][row], 1, postB[edge.source].pointer, 1, edge.columns, precision)
            }
        }
        return dz
    }
}

extension CertifiedNetwork {
    /// Balls containing every divided difference of layer `index + 1`'s activation between
    /// points of `za` and `zb`, unit by unit.
    func slopes(_ index: Int, _ za: BallVector, _ zb: BallVector) -> BallVector {
        let s = BallVector(count: za.count)
        let hull = BallVector(count: 1)
        for i in 0..<za.count {
            switch layers[index].kind {
            case .piecewiseLinear(let p): nnid_arb_piecewise_linear_slope(s[i], za[i], zb[i], p[0], p[1], precision)
            case .tanhForm(let p):
                arb_union(hull[0], za[i], zb[i], precision)
                nnid_arb_tanh_form_slope(s[i], hull[0], p[1], p[2], precision)
            }
        }
        return s
    }
}
