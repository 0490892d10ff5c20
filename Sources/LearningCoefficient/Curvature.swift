import Exact

extension MinibatchModel {
    /// The largest eigenvalue of nβ·G_m(w) + γ·I, where G_m(w) = (1/m)·Σᵢ J_i(w)ᵀJ_i(w) is the
    /// Gauss–Newton matrix of the minibatch in `work` (the Hessian of L_m at a point that fits
    /// the targets), by `iterations` steps of power iteration from a seeded random start.
    ///
    /// Each step forms G·v = (1/m)·Jᵀ(J·v): J·v by central differences of the outputs
    /// (f(w + hv) − f(w − hv))/2h, exact for the quadratic part, then Jᵀ·u by one backward pass.
    func curvature(at w: [Double], _ work: inout MinibatchWorkspace, nBeta: Double, gamma: Double, rng: inout SplitMix64, iterations: Int = 12) -> Double {
        let p = storageCount, m = work.rows, depth = layers.count
        var v = (0..<p).map { k in (mask?[k] ?? 1) * rng.nextGaussian() }
        var gv = [Double](repeating: 0, count: p)
        var eigenvalue = 0.0
        let scale = w.reduce(0) { max($0, Swift.abs($1)) }
        for _ in 0..<iterations {
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            guard norm > 0, norm.isFinite else { break }
            for k in 0..<p { v[k] /= norm }
            let h = 1e-5 * max(1, scale)
            forward(zip(w, v).map { $0 + h * $1 }, &work)
            let plus = work.outputs
            forward(zip(w, v).map { $0 - h * $1 }, &work)
            let minus = work.outputs
            forward(w, &work)
            for k in 0..<plus.count { work.sensitivity[depth][k] = (plus[k] - minus[k]) / (2 * h) / Double(m) }
            backward(w, &work, gradient: &gv)
            eigenvalue = zip(v, gv).reduce(0) { $0 + $1.0 * $1.1 }
            v = gv
        }
        return nBeta * max(0, eigenvalue) + gamma
    }
}
