import Exact

/// The recursion of ``Network/walkLine(origin:direction:lower:upper:maximumPieces:limits:)``.
struct LineWalker {
    let network: Network
    let limits: ExactEvaluationLimits
    let maximumPieces: Int
    var pieces: [LineWalk.Piece] = []
    var breakpoints: [LineWalk.Breakpoint] = []
    var truncated = false

    /// A parameter strictly inside (lower, upper).
    static func interior(_ lower: Rational?, _ upper: Rational?) -> Rational {
        switch (lower, upper) {
        case (let l?, let u?): return (l + u) / 2
        case (nil, let u?): return u - 1
        case (let l?, nil): return l + 1
        case (nil, nil): return .zero
        }
    }

    /// Layer ℓ's pre-activations as affine functions of t, from the outputs of layers < ℓ.
    func preActivations(_ l: Int, outputs: [[AffineInT]]) throws(NetworkError) -> [AffineInT] {
        let layer = network.layers[l - 1]
        if let (i, value) = layer.symbolicBias.min(by: { $0.key < $1.key }) {
            throw .irrationalBias(unit: UnitID(layer: l, unit: i), value: value)
        }
        var z = (layer.bias ?? Array(repeating: .zero, count: layer.units)).map { AffineInT(a: $0, b: .zero) }
        for connection in layer.connections {
            let x = outputs[connection.source]
            for i in 0..<layer.units {
                for j in 0..<connection.weights.columns {
                    let w = connection.weights[i, j]
                    if w.isZero { continue }
                    if !x[j].a.isZero { z[i].a.addProduct(w, x[j].a) }
                    if !x[j].b.isZero { z[i].b.addProduct(w, x[j].b) }
                }
                let bits = z[i].bitSize
                if bits > limits.maximumBits { throw .exactValueTooLarge(unit: UnitID(layer: l, unit: i), bits: bits, limit: limits.maximumBits) }
            }
        }
        return z
    }

    /// Walks (lower, upper), on which the outputs of layers < `layer` are the given affine functions.
    mutating func walk(lower: Rational?, upper: Rational?, from layer: Int, outputs: [[AffineInT]], signs: [[Int8]]) throws(NetworkError) {
        var outputs = outputs
        var signs = signs
        for l in layer...network.layers.count {
            guard !truncated else { return }
            let activation = network.layers[l - 1].activation
            let z = try preActivations(l, outputs: outputs)
            if activation.hasKink {
                // Roots strictly inside the interval, with the units vanishing there.
                var roots: [Rational: [UnitID]] = [:]
                for (i, f) in z.enumerated() where !f.b.isZero {
                    let t = -f.a / f.b
                    if let lower, !(lower < t) { continue }
                    if let upper, !(t < upper) { continue }
                    roots[t, default: []].append(UnitID(layer: l, unit: i))
                }
                if !roots.isEmpty {
                    let cuts = roots.keys.sorted()
                    let ends: [Rational?] = [lower] + cuts.map { Optional($0) } + [upper]
                    for k in 0..<(ends.count - 1) {
                        if k > 0 {
                            guard !truncated else { return }
                            guard pieces.count < maximumPieces else { truncated = true; return }
                            breakpoints.append(LineWalk.Breakpoint(t: cuts[k - 1], units: roots[cuts[k - 1]] ?? []))
                        }
                        try walk(lower: ends[k], upper: ends[k + 1], from: l, outputs: outputs, signs: signs)
                    }
                    return
                }
            }
            // No sign change inside: each unit keeps the sign it has at an interior point.
            let t = Self.interior(lower, upper)
            let s = z.map { Int8($0.value(t).signum) }
            let (negative, positive) = activation.linearPieces ?? (.one, .one)
            outputs.append(zip(z, s).map { f, sign in
                let slope = sign < 0 ? negative : positive
                return AffineInT(a: slope * f.a, b: slope * f.b)
            })
            signs.append(activation.hasKink ? s : [])
        }
        guard pieces.count < maximumPieces else { truncated = true; return }
        pieces.append(LineWalk.Piece(lower: lower, upper: upper, interior: Self.interior(lower, upper), signs: signs))
    }
}
