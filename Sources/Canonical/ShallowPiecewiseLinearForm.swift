import Exact
import LinearAlgebra
import Networks

/// The unique normal form of a network with one hidden layer of piecewise-linear units and a
/// linear output layer, as a function on all of ℝⁿ:
///
///     f(x) = Lx + c + Σ_H γ_H · relu(u_H · x + β_H)
///
/// over distinct hyperplanes H = {u_H · x + β_H = 0}, each written canonically (the first nonzero
/// coordinate of u_H is 1), with nonzero coefficient vectors γ_H (one entry per output).
///
/// **Derivation.** A piecewise-linear activation with slopes a (z < 0) and b (z ≥ 0) is
/// σ(z) = a·z + (b − a)·relu(z). A unit with incoming (w, β₀), w ≠ 0, is rescaled by s = |w_p|
/// (p its first nonzero coordinate): relu(w·x + β₀) = s·relu(u·x + β) with u = w/s; if u_p = −1,
/// relu(−z) = relu(z) − z turns it into a term on the canonical orientation plus an affine term.
/// Units with w = 0 are constants. Terms on the same hyperplane add up.
///
/// **Uniqueness** (proofs/shallow-piecewise-linear-equivalence.md): the function is not
/// differentiable exactly on the hyperplanes with γ_H ≠ 0, where its gradient jumps by γ_H·u_H;
/// so the hyperplanes and coefficients are determined by the function, and then so is the
/// affine rest. Two such networks compute the same function on ℝⁿ **iff** their normal forms are
/// equal — a complete, exact decision for one hidden layer of relu, leaky relu, abs or identity
/// units, including hidden symmetries such as relu(z) − relu(−z) = z that no unit-wise
/// canonicalisation sees.
public struct ShallowPiecewiseLinearForm: Sendable, Equatable {
    /// A hyperplane {u · x + β = 0} with u's first nonzero coordinate equal to 1.
    public struct Hyperplane: Hashable, Sendable {
        public let normal: [Rational]
        public let offset: Rational
    }
    /// L: one row per output, one column per input.
    public private(set) var linear: [[Rational]]
    /// c: one entry per output.
    public private(set) var constant: [Rational]
    /// γ_H for every hyperplane with a nonzero coefficient vector.
    public private(set) var kinks: [Hyperplane: [Rational]]

    /// The normal form of `network`, or `nil` when it is not one hidden layer of piecewise-linear
    /// units feeding a linear output layer (skip connections from the inputs are allowed), or
    /// has a symbolic bias (the normal form is over the rationals).
    public init?(_ network: Network) {
        guard network.layers.count == 2, !network.hasSymbolicBiases else { return nil }
        let hidden = network.layers[0], output = network.layers[1]
        guard let (a, b) = hidden.activation.linearPieces, let (c, cPositive) = output.activation.linearPieces, c == cPositive else {
            return nil
        }
        let n = network.inputCount, outputs = output.units
        linear = Array(repeating: Array(repeating: .zero, count: n), count: outputs)
        constant = (output.bias ?? Array(repeating: .zero, count: outputs)).map { $0 * c }
        kinks = [:]
        guard let hiddenConnection = hidden.connections.first else { return nil }
        for connection in output.connections {
            if connection.source == 0 {
                for k in 0..<outputs { for j in 0..<n { linear[k][j] += c * connection.weights[k, j] } }
                continue
            }
            for i in 0..<hidden.units {
                let w = (0..<n).map { hiddenConnection.weights[i, $0] }
                let bias = hidden.bias?[i] ?? .zero
                let out = (0..<outputs).map { c * connection.weights[$0, i] }
                // a·(w·x + bias): the unit's linear part.
                if !a.isZero {
                    for k in 0..<outputs where !out[k].isZero {
                        let coefficient = out[k] * a
                        for j in 0..<n { linear[k][j].addProduct(coefficient, w[j]) }
                        constant[k].addProduct(coefficient, bias)
                    }
                }
                // (b − a)·relu(w·x + bias).
                let gamma = out.map { $0 * (b - a) }
                guard gamma.contains(where: { !$0.isZero }) else { continue }
                addRelu(gamma, w, bias)
            }
        }
    }

    /// Adds γ·relu(w·x + β₀) in normal form.
    private mutating func addRelu(_ gamma: [Rational], _ w: [Rational], _ beta0: Rational) {
        guard let p = w.firstIndex(where: { !$0.isZero }) else {
            // A constant unit: γ·relu(β₀).
            if beta0.signum > 0 { for k in gamma.indices { constant[k].addProduct(gamma[k], beta0) } }
            return
        }
        let s = w[p].magnitude
        var u = w.map { $0 / s }, beta = beta0 / s
        let coefficient = gamma.map { $0 * s }
        if u[p].signum < 0 {
            // relu(−z) = relu(z) − z with z = −(u·x + β).
            u = u.map { -$0 }
            beta = -beta
            for k in coefficient.indices where !coefficient[k].isZero {
                for j in u.indices { linear[k][j] -= coefficient[k] * u[j] }
                constant[k] -= coefficient[k] * beta
            }
        }
        let key = Hyperplane(normal: u, offset: beta)
        var sum = kinks[key] ?? Array(repeating: .zero, count: gamma.count)
        for k in sum.indices { sum[k] += coefficient[k] }
        kinks[key] = sum.allSatisfy(\.isZero) ? nil : sum
    }

    /// The value of the normal form at `x` (exact).
    public func value(at x: [Rational]) -> [Rational] {
        var y = constant
        for k in y.indices { for j in x.indices { y[k].addProduct(linear[k][j], x[j]) } }
        for (h, gamma) in kinks {
            var z = h.offset
            for j in x.indices { z.addProduct(h.normal[j], x[j]) }
            guard z.signum > 0 else { continue }
            for k in y.indices { y[k].addProduct(gamma[k], z) }
        }
        return y
    }

    /// A point where the functions of `self` and `other` differ, when they do.
    ///
    /// For a hyperplane H whose coefficients differ by δ ≠ 0, a point x₀ of H off every other
    /// hyperplane and a step t along e_p that crosses no other hyperplane give a second
    /// difference D(x₀ + t·e_p) + D(x₀ − t·e_p) − 2·D(x₀) = δ·t ≠ 0 for D = f_A − f_B, so D is
    /// nonzero at one of the three points. Without such H, D is affine and nonzero at 0 or at
    /// some unit vector.
    public func separatingInput(from other: ShallowPiecewiseLinearForm) -> [Rational]? {
        guard self != other else { return nil }
        let n = linear.first?.count ?? other.linear.first?.count ?? 0
        let differs: ([Rational]) -> Bool = { value(at: $0) != other.value(at: $0) }
        let all = Set(kinks.keys).union(other.kinks.keys)
        if let h = all.sorted(by: { "\($0.normal)\($0.offset)" < "\($1.normal)\($1.offset)" }).first(where: { kinks[$0] != other.kinks[$0] }),
            let p = h.normal.firstIndex(where: { !$0.isZero })
        {
            var rng = SplitMix64(seed: 0x6E6E_6964)
            for _ in 0..<16 {
                // x₀ = −β·e_p + Σ_{j≠p} r_j (e_j − u_j e_p) lies on H for any r.
                var x0 = Array(repeating: Rational.zero, count: n)
                x0[p] = -h.offset
                for j in 0..<n where j != p {
                    let r = rng.nextDyadic(in: -1, 1, bits: 12)
                    x0[j] += r
                    x0[p] -= r * h.normal[j]
                }
                // The largest step along e_p that meets no other hyperplane.
                var t = Rational.one
                var onAnother = false
                for g in all where g != h && !g.normal[p].isZero {
                    var z = g.offset
                    for j in 0..<n { z.addProduct(g.normal[j], x0[j]) }
                    if z.isZero { onAnother = true; break }
                    let crossing = (z / g.normal[p]).magnitude
                    if crossing < t * 2 { t = crossing / 2 }
                }
                if onAnother { continue }
                for candidate in [x0, x0.enumerated().map { $0 == p ? $1 + t : $1 }, x0.enumerated().map { $0 == p ? $1 - t : $1 }]
                where differs(candidate) {
                    return candidate
                }
            }
        }
        let origin = Array(repeating: Rational.zero, count: n)
        if differs(origin) { return origin }
        for j in 0..<n {
            var e = origin
            e[j] = 1
            if differs(e) { return e }
        }
        return nil
    }
}
