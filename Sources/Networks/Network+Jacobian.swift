import Exact
import LinearAlgebra

extension NumericNetwork {
    var layout: ParameterLayout {
        ParameterLayout(
            units: layers.map(\.units),
            connections: layers.map { $0.connections.map { (source: $0.source, columns: $0.weights.columns, present: $0.present) } },
            hasBias: layers.map(\.hasBias))
    }

    /// The Jacobian J of θ ↦ (f_θ(x₁), …, f_θ(x_N)) in floating point, by reverse-mode
    /// differentiation: J[n·K + k, p] = ∂f_θ(xₙ)_k / ∂θ_p with K outputs, columns in the order of
    /// ``Network/parameters`` (absent edges are not columns).
    ///
    /// One forward pass for all points (Z_ℓ = Σ_c A_src·W_cᵀ + b, BLAS `dgemm`), then one backward
    /// sweep per layer for all N·K (point, output) rows at once: Δ_L = diag-selection of act′(Z_L),
    /// and for earlier layers Δ_s = (Σ_{c: s → ℓ} Δ_ℓ·W_c) ⊙ act′(Z_s) (skip connections add their
    /// terms). Then ∂/∂w_c[i, j] = Δ_ℓ[·, i]·A_src[·, j] and ∂/∂b_i = Δ_ℓ[·, i]. At a kink the
    /// activation's right derivative is used (``Activation/derivative(_:)``); the exact Jacobian
    /// refuses such points instead.
    /// - Throws: ``NetworkError/wrongInputCount(expected:found:)`` for a point of the wrong length.
    public func jacobian(at points: [[Double]]) throws(NetworkError) -> Matrix<Double> {
        try jacobianFactors(at: points).dense
    }

    /// The same Jacobian in Kronecker-factored form (`FactoredJacobian`), one block per layer:
    /// the layer's inputs ā = (its connections' source activations, then 1 when it has biases)
    /// at each point, the sensitivities Δ_ℓ of its pre-activations for every (point, output) row,
    /// and the θ column of each (unit, input) — so that J[n·K + k, column(ℓ, i, j)] =
    /// Δ_ℓ[n·K + k, i]·ā_ℓ(xₙ)[j], and n·Σ_ℓ(d_ℓ + K·u_ℓ) numbers stand for J's N·K·P.
    /// - Throws: ``NetworkError/wrongInputCount(expected:found:)`` for a point of the wrong length.
    public func jacobianFactors(at points: [[Double]]) throws(NetworkError) -> FactoredJacobian {
        for p in points where p.count != inputCount { throw .wrongInputCount(expected: inputCount, found: p.count) }
        let n = points.count, depth = layers.count
        let k = layers.last?.units ?? 0
        let layout = self.layout
        guard n > 0, k > 0, depth > 0,
            let inputs = Matrix(rows: n, columns: inputCount, elements: points.flatMap { $0 })
        else { return FactoredJacobian(points: n, outputs: k, parameterCount: layout.count, blocks: []) }

        var post: [Matrix<Double>] = [inputs]
        var slopes: [Matrix<Double>] = [inputs]
        for layer in layers {
            var z = Matrix<Double>(rows: n, columns: layer.units, repeating: 0)
            for row in 0..<n { for i in 0..<layer.units { z[row, i] = layer.bias[i] } }
            for c in layer.connections {
                if let term = post[c.source].multiplied(byTransposeOf: c.weights) { z.add(term) }
            }
            post.append(z.map { layer.activation.value($0) })
            slopes.append(z.map { layer.activation.derivative($0) })
        }

        let rows = n * k
        var gradients = [Matrix<Double>?](repeating: nil, count: depth + 1)
        var seed = Matrix<Double>(rows: rows, columns: k, repeating: 0)
        for row in 0..<rows { seed[row, row % k] = 1 }
        gradients[depth] = seed
        var sensitivities = [Matrix<Double>?](repeating: nil, count: depth + 1)
        for l in stride(from: depth, through: 1, by: -1) {
            guard var delta = gradients[l] else { continue }
            let units = layers[l - 1].units
            delta.elements.withUnsafeMutableBufferPointer { d in
                slopes[l].elements.withUnsafeBufferPointer { s in
                    for row in 0..<rows {
                        let point = row / k
                        for i in 0..<units { d[row * units + i] *= s[point * units + i] }
                    }
                }
            }
            for connection in layers[l - 1].connections where connection.source >= 1 {
                guard let term = delta.multiplied(by: connection.weights) else { continue }
                if gradients[connection.source] == nil {
                    gradients[connection.source] = term
                } else {
                    gradients[connection.source]?.add(term)
                }
            }
            sensitivities[l] = delta
        }
        let blocks = (1...depth).map { l in
            Self.factorBlock(
                layers[l - 1], layer: l - 1, layout: layout, post: post,
                sensitivity: sensitivities[l] ?? Matrix(rows: rows, columns: layers[l - 1].units, repeating: 0))
        }
        return FactoredJacobian(points: n, outputs: k, parameterCount: layout.count, blocks: blocks)
    }

    /// Layer `index`'s block: its inputs ā (sources' activations side by side, then 1 for the
    /// bias) and the θ column of each (unit, input) — −1 for an absent edge.
    private static func factorBlock(
        _ layer: NumericLayer, layer index: Int, layout: ParameterLayout, post: [Matrix<Double>], sensitivity: Matrix<Double>
    ) -> FactoredJacobian.Block {
        let n = post[0].rows
        let width = layer.connections.reduce(0) { $0 + $1.weights.columns } + (layer.hasBias ? 1 : 0)
        var inputs = [Double](repeating: 0, count: n * width)
        for x in 0..<n {
            var t = x * width
            for connection in layer.connections {
                let source = post[connection.source]
                for j in 0..<source.columns { inputs[t + j] = source.elements[x * source.columns + j] }
                t += source.columns
            }
            if layer.hasBias { inputs[t] = 1 }
        }
        var columns = [Int](repeating: -1, count: layer.units * width)
        for i in 0..<layer.units {
            var column = layout.firstColumn[index][i], t = i * width
            for (c, connection) in layer.connections.enumerated() {
                for j in layout.sources[index][c][i] { columns[t + j] = column; column += 1 }
                t += connection.weights.columns
            }
            if layer.hasBias { columns[t] = column }
        }
        return FactoredJacobian.Block(
            inputs: Matrix(rows: n, columns: width, elements: inputs) ?? Matrix(rows: n, columns: width, repeating: 0),
            sensitivities: sensitivity, columns: columns)
    }
}

extension Network {
    /// The Jacobian of θ ↦ (f_θ(x₁), …, f_θ(x_N)) in floating point (weights rounded to the
    /// nearest `Double`); see ``NumericNetwork/jacobian(at:)``.
    public func jacobian(at points: [[Double]]) throws(NetworkError) -> Matrix<Double> {
        try NumericNetwork(self).jacobian(at: points)
    }

    /// The exact Jacobian J of θ ↦ (f_θ(x₁), …, f_θ(x_N)) of a piecewise-linear network at
    /// rational points: J[n·K + k, p] = ∂f_θ(xₙ)_k / ∂θ_p, columns in the order of ``parameters``.
    ///
    /// Away from kinks a piecewise-linear network is, near θ, a polynomial in θ whose
    /// activation pattern is fixed, so each entry is an exact rational: the back-propagated
    /// sensitivities δ_L = e_k ⊙ act′(z_L), δ_s = (Σ_{c: s → ℓ} W_cᵀ δ_ℓ) ⊙ act′(z_s) use the
    /// exact slopes ``Activation/exactDerivative(_:)``, and ∂/∂w_c[i, j] = δ_ℓ[i]·a_src[j],
    /// ∂/∂b_i = δ_ℓ[i]. Where some pre-activation is exactly 0 at a kink the map is not
    /// differentiable: that point is refused, not differentiated one-sidedly.
    /// - Throws: ``JacobianError/notPiecewiseLinear(activation:unit:)`` for a layer whose
    ///   activation is not piecewise linear; ``JacobianError/wrongInputCount(point:expected:found:)``;
    ///   ``JacobianError/atKink(point:unit:)`` naming the first point and unit on a kink;
    ///   ``JacobianError/evaluation(point:_:)`` when an exact evaluation exceeds its limits.
    public func exactJacobian(at points: [[Rational]]) throws(JacobianError) -> Matrix<Rational> {
        for (index, layer) in layers.enumerated() where !layer.activation.isPiecewiseLinear {
            throw .notPiecewiseLinear(activation: layer.activation.name, unit: UnitID(layer: index + 1, unit: 0))
        }
        for (index, point) in points.enumerated() where point.count != inputCount {
            throw .wrongInputCount(point: index, expected: inputCount, found: point.count)
        }
        let depth = layers.count, k = outputCount
        let layout = parameterLayout
        let p = layout.count
        var jacobian = [Rational](repeating: .zero, count: points.count * k * p)
        for (index, point) in points.enumerated() {
            let evaluation: ExactEvaluation
            do { evaluation = try evaluateExactly(point) } catch { throw .evaluation(point: index, error) }
            if let unit = evaluation.kinks.first { throw .atKink(point: index, unit: unit) }
            var post: [[Rational]] = [point]
            var slopes: [[Rational]] = [point]
            for l in 1...depth {
                let activation = layers[l - 1].activation
                let z = evaluation.preActivations[l]
                post.append(z.map { activation.exactValue($0) ?? .zero })
                var s: [Rational] = []
                s.reserveCapacity(z.count)
                for (i, value) in z.enumerated() {
                    guard let slope = activation.exactDerivative(value) else {
                        throw .atKink(point: index, unit: UnitID(layer: l, unit: i))
                    }
                    s.append(slope)
                }
                slopes.append(s)
            }
            // gradients[ℓ][o][i] = ∂f_o/∂a_ℓ[i] accumulated from later layers.
            var gradients = [[[Rational]]?](repeating: nil, count: depth + 1)
            gradients[depth] = (0..<k).map { o in (0..<k).map { $0 == o ? Rational.one : Rational.zero } }
            for l in stride(from: depth, through: 1, by: -1) {
                guard var delta = gradients[l] else { continue }
                let layer = layers[l - 1], units = layer.units
                for o in 0..<k { for i in 0..<units where !delta[o][i].isZero { delta[o][i] *= slopes[l][i] } }
                for o in 0..<k {
                    let base = (index * k + o) * p
                    for i in 0..<units {
                        let g = delta[o][i]
                        var column = layout.firstColumn[l - 1][i]
                        for (c, connection) in layer.connections.enumerated() {
                            let source = post[connection.source]
                            for j in layout.sources[l - 1][c][i] {
                                if !g.isZero && !source[j].isZero { jacobian[base + column] = g * source[j] }
                                column += 1
                            }
                        }
                        if layout.hasBias[l - 1] { jacobian[base + column] = g }
                    }
                }
                for connection in layer.connections where connection.source >= 1 {
                    let width = connection.weights.columns
                    var term = gradients[connection.source] ?? Array(repeating: Array(repeating: .zero, count: width), count: k)
                    for o in 0..<k {
                        for i in 0..<units where !delta[o][i].isZero {
                            for j in 0..<width where !connection.weights[i, j].isZero {
                                term[o][j].addProduct(delta[o][i], connection.weights[i, j])
                            }
                        }
                    }
                    gradients[connection.source] = term
                }
            }
        }
        return Matrix(rows: points.count * k, columns: p, elements: jacobian)
            ?? Matrix(rows: points.count * k, columns: p, repeating: .zero)
    }
}
