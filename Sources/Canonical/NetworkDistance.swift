import Certified
import Exact
import Networks

/// How far two networks are apart up to symmetry: B's canonical form aligned to A's
/// (``Alignment``), then exactly the largest parameter difference, a certified bound on the
/// largest output difference over an input box (``DifferenceBound``), and the largest difference
/// found at sampled inputs (certified from below).
public struct NetworkDistance: Sendable {
    /// The verdict on "f_A and f_B differ by at most ε on the box".
    public enum Verdict: Sendable, Equatable {
        /// The certified bound is at most ε.
        case within
        /// A sampled input where the certified difference exceeds ε.
        case notWithin
        /// The bound exceeds ε but no sampled input shows a difference above ε.
        case undecided
    }
    /// A sampled input with the largest Double difference, and a certified lower bound there.
    public struct Sample: Sendable {
        public let input: [Rational]
        public let doubleDifference: Double
        /// The gap between the two networks' disjoint output enclosures (0 if they meet).
        public let certifiedLowerBound: Rational
    }

    public let epsilon: Rational
    public let lower: [Rational]
    public let upper: [Rational]
    /// Permutations of B's canonical hidden units aligned to A's (see ``Alignment``).
    public let permutations: [[Int]]
    /// max |θ_A − θ_B| over the aligned canonical parameters, exactly.
    public let largestParameterDifference: Rational
    /// The parameter (of A's canonical form) where it occurs; `nil` if every difference is 0.
    public let worstParameter: Parameter?
    /// A certified bound on max |f_A(x) − f_B(x)| over the box; `nil` when no bound could be
    /// computed (an unbounded ball).
    public let outputBound: Rational?
    public let samples: Int
    public let sample: Sample?
    public let canonicalA: CanonicalForm
    public let canonicalB: CanonicalForm

    /// The largest k with max |Δθ| ≤ 2⁻ᵏ ("bits of precision" of B's parameters relative to A's);
    /// `nil` when the aligned parameters are equal.
    public var bitsOfPrecision: Int? { NetworkDistance.bits(largestParameterDifference) }

    public var verdict: Verdict {
        if let bound = outputBound, bound <= epsilon { return .within }
        if let s = sample, s.certifiedLowerBound > epsilon { return .notWithin }
        return .undecided
    }

    /// The largest k with d ≤ 2⁻ᵏ, exactly (`nil` for d = 0).
    static func bits(_ d: Rational) -> Int? {
        guard d.signum > 0 else { return nil }
        let e = d.denominator.bitWidth - d.numerator.bitWidth
        for k in stride(from: e + 1, through: e - 1, by: -1) where d.timesPowerOfTwo(k) <= 1 { return k }
        return e - 1
    }
}

extension NetworkDistance {
    /// Measures B against A on the box ∏[lowerⱼ, upperⱼ] with `samples` sampled inputs.
    public static func measure(
        _ a: Network, _ b: Network, epsilon: Rational, lower: [Rational], upper: [Rational], samples: Int = 64
    ) throws(DistanceError) -> NetworkDistance {
        let ca: CanonicalForm, cb: CanonicalForm
        do {
            ca = try Canonicalizer().canonicalize(a)
            cb = try Canonicalizer().canonicalize(b)
        } catch { throw .canonicalization(error) }
        let na = ca.network
        guard let alignment = Alignment(aligning: cb.network, to: na) else {
            throw .architecturesDiffer("widths \(na.widths.map(String.init).joined(separator: "-")) and \(cb.network.widths.map(String.init).joined(separator: "-")), or activations or connections")
        }
        let nb = alignment.aligned
        guard zip(na.layers, nb.layers).allSatisfy({ zip($0.connections, $1.connections).allSatisfy { $0.present == $1.present } }) else {
            throw .architecturesDiffer("different pruning masks after alignment")
        }
        // Where either bias is symbolic the difference must be rational (the tanh terms cancel);
        // then it is the difference of the rational parts, which the parameter vectors hold.
        for (unit, _) in na.symbolicBiases + nb.symbolicBiases {
            let d = na.layers[unit.layer - 1].biasValue(unit.unit) - nb.layers[unit.layer - 1].biasValue(unit.unit)
            guard d.isRational else { throw .irrationalDifference(unit: unit, difference: d) }
        }
        let ta = na.parameterVector, tb = nb.parameterVector
        var worst = Rational.zero, worstIndex: Int?
        for k in ta.indices where ta[k] != tb[k] {
            let d = (ta[k] - tb[k]).magnitude
            if d > worst { worst = d; worstIndex = k }
        }
        // One set of 128-bit balls serves the bound and the certified sample.
        let balls = (CertifiedNetwork(na, precision: 128), CertifiedNetwork(nb, precision: 128))
        var bound: Rational?, sample: Sample?
        if let ba = balls.0, let bb = balls.1 {
            bound = DifferenceBound.maximumDifference(na, nb, ba, bb, lower: lower, upper: upper)
            sample = largestSampledDifference(na, nb, ba, bb, lower: lower, upper: upper, count: samples)
        }
        return NetworkDistance(
            epsilon: epsilon, lower: lower, upper: upper, permutations: alignment.permutations,
            largestParameterDifference: worst, worstParameter: worstIndex.map { na.parameters[$0] },
            outputBound: bound, samples: samples, sample: sample, canonicalA: ca, canonicalB: cb)
    }

    /// Deterministic dyadic inputs in the box (its centre first); the one with the largest Double
    /// output difference, certified from below by the ball arithmetic of `ba`, `bb`.
    static func largestSampledDifference(
        _ a: Network, _ b: Network, _ ba: CertifiedNetwork, _ bb: CertifiedNetwork, lower: [Rational], upper: [Rational], count: Int
    ) -> Sample? {
        var rng = SplitMix64(seed: 0x5EED)
        let na = NumericNetwork(a), nb = NumericNetwork(b)
        var best: ([Rational], Double)?
        for s in 0..<max(1, count) {
            let x: [Rational] = lower.indices.map { j in
                let t = s == 0 ? Rational(1, 2) : Rational(Int(rng.next() % 1025), 1024)
                return lower[j] + t * (upper[j] - lower[j])
            }
            guard let ya = try? na.evaluate(x.map(\.doubleValue)), let yb = try? nb.evaluate(x.map(\.doubleValue)) else { continue }
            let d = zip(ya, yb).map { Swift.abs($0 - $1) }.max() ?? 0
            if d.isFinite, best == nil || d > best!.1 { best = (x, d) }
        }
        guard let (x, d) = best, let ea = ba.evaluate(x), let eb = bb.evaluate(x) else { return nil }
        let gap = zip(ea.outputs, eb.outputs).compactMap { Equivalence.gap($0, $1) }.max() ?? .zero
        return Sample(input: x, doubleDifference: d, certifiedLowerBound: gap)
    }
}
