import Certified
import Exact
import Networks

extension Equivalence {
    /// Working precisions (bits) tried in turn for certified witnesses: the budget of the search.
    public static let certifiedPrecisions = [64, 128, 256, 512, 1024]

    /// A certified witness: the first precision of ``certifiedPrecisions`` and sample input at
    /// which some output's enclosures for the two networks are disjoint. Disjoint enclosures
    /// prove f_A(x) ≠ f_B(x); the gap between them bounds |f_A(x) − f_B(x)| from below.
    static func certifiedWitness(_ a: Network, _ b: Network, inputs: [[Rational]]) -> Witness? {
        for p in certifiedPrecisions {
            guard let na = CertifiedNetwork(a, precision: p), let nb = CertifiedNetwork(b, precision: p) else { return nil }
            for x in inputs {
                guard let ya = na.evaluate(x)?.outputs, let yb = nb.evaluate(x)?.outputs else { return nil }
                let gaps = zip(ya, yb).compactMap { gap($0, $1) }
                guard let largest = gaps.max() else { continue }
                return Witness(input: x, exact: false, precision: p, differenceLowerBound: largest,
                               outputsA: ya.map(\.text), outputsB: yb.map(\.text))
            }
        }
        return nil
    }

    /// The distance between two disjoint enclosures (a lower bound on the distance of any two
    /// points in them), `nil` if they meet.
    static func gap(_ u: Enclosure, _ v: Enclosure) -> Rational? {
        if let hi = u.upper, let lo = v.lower, hi < lo { return lo - hi }
        if let hi = v.upper, let lo = u.lower, hi < lo { return lo - hi }
        return nil
    }

    /// The exact decision for piecewise-linear networks of any depth (on the canonical forms,
    /// which compute the same functions); a difference is re-checked by exact evaluation of the
    /// input networks. `nil` when the networks are not both piecewise linear.
    static func deepPiecewiseLinearVerdict(_ a: Network, _ b: Network, _ ca: Network, _ cb: Network) -> EquivalenceVerdict? {
        guard let outcome = DeepPiecewiseLinearEquivalence.decide(ca, cb) else { return nil }
        let proof = "(proofs/deep-piecewise-linear-equivalence.md)"
        switch outcome {
        case .equivalent(let regions):
            return .equivalent(basis: "the two piecewise-linear functions have equal affine pieces on every one of the \(regions) regions of their joint activation pattern, found by exact linear programs \(proof)")
        case .notEquivalent(let x, let regions):
            guard let witness = exactWitness(a, b, at: x) else { return nil }
            return .notEquivalent(witness: witness, basis: "the affine pieces differ on region \(regions) of the joint activation pattern, at an exact interior input \(proof)")
        case .budgetExhausted(let regions, let pending, let programs):
            return .undecided(reason: "the region search ended after its budget of \(programs) exact linear programs: the outputs agree on the \(regions) regions visited, \(pending) parts of the input space remain unvisited \(proof)")
        }
    }
}
