import Exact
import Networks

/// The region sample points are drawn from, validated against a network.
///
/// Points are rational: a box coordinate is lower + (upper − lower)·k/2²⁰ for a uniform integer
/// 0 < k < 2²⁰ (dyadic whenever the box corners are), and a Gaussian coordinate is
/// mean + sd·z with z a standard normal deviate rounded to the grid 2⁻²⁰. Points found by the
/// kink search are rounded to the grid 2⁻³⁰ and clamped into the box. Rational points are what
/// makes exact evaluation, exact Jacobians and exact kink detection possible.
///
/// Searches range over the domain's support (``InputDomain/lineRange(origin:direction:)``): the
/// box, or all of ℝⁿ for a Gaussian. Their length scale comes from the typical box
/// (``InputDomain/typicalBox(inputCount:)``), the window region pictures show too.
public struct SamplingDomain: Sendable, Equatable {
    public let domain: InputDomain
    /// The typical box (``InputDomain/typicalBox(inputCount:)``) in `Double`: searches start and
    /// restart inside it; only a box domain also keeps them inside.
    let searchLower: [Double]
    let searchUpper: [Double]

    /// The domain of `options`, else the network's, else [−1, 1]ⁿ.
    /// - Throws: ``RankError/invalidOption(_:reason:)`` for a box of the wrong dimension, a
    ///   box with lower > upper, a Gaussian with a nonpositive standard deviation, or a data set
    ///   that is empty or has an input of the wrong length.
    public init(network: Network, options: RankOptions) throws(RankError) {
        let n = network.inputCount
        let chosen = options.domain ?? network.inputDomain
            ?? .box(lower: Array(repeating: Rational(-1), count: n), upper: Array(repeating: Rational(1), count: n))
        switch chosen {
        case .box(let lower, let upper):
            guard lower.count == n, upper.count == n else {
                throw .invalidOption(.domain, reason: "the box has \(lower.count)/\(upper.count) bounds for a network with \(n) inputs")
            }
            for i in 0..<n where upper[i] < lower[i] {
                throw .invalidOption(.domain, reason: "input \(i): lower bound \(lower[i]) exceeds upper bound \(upper[i])")
            }
            searchLower = lower.map(\.doubleValue)
            searchUpper = upper.map(\.doubleValue)
        case .gaussian(_, let sd):
            guard sd.signum > 0 else {
                throw .invalidOption(.domain, reason: "the Gaussian standard deviation \(sd) is not positive")
            }
            let (lower, upper) = chosen.typicalBox(inputCount: n)
            searchLower = lower.map(\.doubleValue)
            searchUpper = upper.map(\.doubleValue)
        case .data(let points):
            guard !points.isEmpty else { throw .invalidOption(.data, reason: "the data set has no points") }
            if let k = points.firstIndex(where: { $0.count != n }) {
                throw .invalidOption(.data, reason: "input \(k) has \(points[k].count) values for a network with \(n) inputs")
            }
            let (lower, upper) = chosen.typicalBox(inputCount: n)
            searchLower = lower.map(\.doubleValue)
            searchUpper = upper.map(\.doubleValue)
        }
        domain = chosen
    }

    /// The number of points of a data-set domain; `nil` for a box or a Gaussian.
    var dataCount: Int? {
        if case .data(let points) = domain { return points.count }
        return nil
    }

    static let drawBits = 20
    static let searchGridBits = 30

    /// One random point.
    func draw(using rng: inout SplitMix64) -> [Rational] {
        switch domain {
        case .box(let lower, let upper):
            return rng.nextPoint(in: lower, upper, bits: Self.drawBits)
        case .gaussian(let mean, let sd):
            let scale = Double(1 << Self.drawBits)
            return (0..<searchLower.count).map { _ in
                let z = Int((rng.nextGaussian() * scale).rounded())
                return mean + sd * Rational(z, 1 << Self.drawBits)
            }
        case .data(let points):
            return points[Int(rng.nextBits(32)) % points.count]
        }
    }

    /// `x` clamped into a box domain (floating point); a Gaussian's support is all of ℝⁿ.
    func clamped(_ x: [Double]) -> [Double] {
        guard domain.isBounded else { return x }
        return (0..<x.count).map { i in Swift.min(Swift.max(x[i], searchLower[i]), searchUpper[i]) }
    }

    /// The rational point nearest `x` on the grid 2⁻³⁰, clamped exactly into the box; `nil`
    /// when a coordinate is not finite.
    func rationalPoint(_ x: [Double]) -> [Rational]? {
        var out: [Rational] = []
        let scale = Double(1 << Self.searchGridBits)
        for (i, value) in x.enumerated() {
            let rounded = (value * scale).rounded() / scale
            guard rounded.isFinite, var q = try? Rational(exactly: rounded) else { return nil }
            if case .box(let lower, let upper) = domain {
                if q < lower[i] { q = lower[i] }
                if upper[i] < q { q = upper[i] }
            }
            out.append(q)
        }
        return out
    }

    /// A typical length of the domain: the mean box side, or 2·sd.
    var scale: Double {
        let sides = zip(searchLower, searchUpper).map { $1 - $0 }
        if case .gaussian = domain { return sides.reduce(0, +) / Double(max(1, sides.count)) / 3 }
        return sides.reduce(0, +) / Double(max(1, sides.count))
    }
}
