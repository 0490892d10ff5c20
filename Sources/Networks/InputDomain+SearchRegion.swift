import Exact

/// The one definition of each domain's search region, shared by sampling and pictures.
///
/// The **support** is where inputs can occur: a box is its own support; a Gaussian's support
/// is all of ℝⁿ, so a kink far from the mean is crossed with positive probability and counts.
/// Searches for kinks and activation regions range over the support. The **typical box** is
/// where most of the probability lies — the box itself, or mean ± 3·sd in each coordinate of a
/// Gaussian (99.7% of each coordinate) — and sets the length scale of searches and the window
/// of region pictures. A data set is its own support (its points), and its typical box is the
/// smallest box holding them.
extension InputDomain {
    /// Whether the support is bounded (a box or a data set) rather than all of ℝⁿ (a Gaussian).
    public var isBounded: Bool {
        if case .gaussian = self { return false }
        return true
    }

    /// The typical box, per coordinate, for a network with `inputCount` inputs.
    public func typicalBox(inputCount: Int) -> (lower: [Rational], upper: [Rational]) {
        switch self {
        case .box(let lower, let upper):
            return (lower, upper)
        case .gaussian(let mean, let sd):
            let r = Rational(3) * sd.magnitude
            return (Array(repeating: mean - r, count: inputCount), Array(repeating: mean + r, count: inputCount))
        case .data(let points):
            guard var lower = points.first, var upper = points.first else { return ([], []) }
            for p in points.dropFirst() {
                for i in 0..<min(p.count, lower.count) {
                    if p[i] < lower[i] { lower[i] = p[i] }
                    if upper[i] < p[i] { upper[i] = p[i] }
                }
            }
            return (lower, upper)
        }
    }

    /// The parameters t for which origin + t·direction lies in the support, as an interval with
    /// `nil` for an unbounded end; `nil` when the line misses a box (or touches it in one point)
    /// and for a data set (a finite set holds no segment).
    /// Exact: a box's ends are (boundᵢ − originᵢ)/directionᵢ.
    public func lineRange(origin: [Rational], direction: [Rational]) -> (lower: Rational?, upper: Rational?)? {
        if case .data = self { return nil }
        guard case .box(let lower, let upper) = self else { return (nil, nil) }
        var lo: Rational? = nil, hi: Rational? = nil
        for i in 0..<min(origin.count, direction.count, lower.count, upper.count) {
            let d = direction[i]
            if d.isZero {
                guard lower[i] <= origin[i], origin[i] <= upper[i] else { return nil }
                continue
            }
            var a = (lower[i] - origin[i]) / d, b = (upper[i] - origin[i]) / d
            if b < a { swap(&a, &b) }
            if lo.map({ $0 < a }) ?? true { lo = a }
            if hi.map({ b < $0 }) ?? true { hi = b }
        }
        if let l = lo, let h = hi, !(l < h) { return nil }
        return (lo, hi)
    }
}
