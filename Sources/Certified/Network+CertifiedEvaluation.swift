import Exact
import Networks

extension Network {
    /// Whether ``evaluateCertified(_:precision:)`` applies: every activation is piecewise linear
    /// or of tanh form (tanh, sigmoid).
    public var admitsCertifiedEvaluation: Bool {
        layers.allSatisfy { $0.activation.isPiecewiseLinear || $0.activation.tanhForm != nil }
    }

    /// Enclosures of the outputs at the rational input `x`, computed in Arb's ball arithmetic
    /// at `precision` bits: each exact output f(x)ₖ lies in its enclosure. `nil` when some
    /// activation is neither piecewise linear nor of tanh form, or `x` has the wrong length.
    ///
    /// Higher precision gives narrower enclosures (about 2^−precision relative to the values met,
    /// times the network's amplification of rounding); correctness never depends on it.
    public func evaluateCertified(_ x: [Rational], precision: Int) -> CertifiedEvaluation? {
        guard let net = CertifiedNetwork(self, precision: precision) else { return nil }
        return net.evaluate(x)
    }

    /// The first precision in `ladder` at which every output enclosure is narrower than
    /// `2^−bits` relative to its magnitude (or absolutely, for outputs of magnitude below 1),
    /// or the evaluation at the last precision of the ladder when none is.
    public func evaluateCertified(_ x: [Rational], accurateTo bits: Int, ladder: [Int] = [64, 128, 256, 512, 1024]) -> CertifiedEvaluation? {
        var last: CertifiedEvaluation?
        for p in ladder {
            guard let e = evaluateCertified(x, precision: p) else { return nil }
            last = e
            let tolerance = Rational.one.timesPowerOfTwo(-bits)
            let accurate = e.outputs.allSatisfy { enc in
                guard let w = enc.width, let l = enc.lower, let u = enc.upper else { return false }
                let scale = max(Rational.one, max(l.magnitude, u.magnitude))
                return w <= tolerance * scale
            }
            if accurate { return e }
        }
        return last
    }
}
