import Exact
import Networks
import Symmetries

/// Deciding whether two networks compute the same function.
///
/// 1. **Equal canonical forms ⇒ equivalent**, always: every canonicalisation step preserves the
///    function (proofs/function-preservation.md).
/// 2. For one hidden layer of piecewise-linear units and a linear output layer, an exact and
///    complete decision: the normal form of ``ShallowPiecewiseLinearForm`` is unique, so the
///    networks are equivalent iff their normal forms are equal; when they are not, an exact
///    witness input is constructed next to a hyperplane where they differ.
/// 3. Otherwise a search for a **witness**: inputs where the outputs differ. For piecewise-linear
///    networks outputs are compared exactly; for analytic ones by certified ball arithmetic, the
///    precision raised until the two output enclosures are disjoint or the ladder
///    ``certifiedPrecisions`` ends.
/// 4. For piecewise-linear networks of any depth, an exact decision by visiting the regions of
///    the joint activation pattern (``DeepPiecewiseLinearEquivalence``), within a budget of linear
///    programs; at the budget's end the answer is undecided with how far the search got.
/// 5. Without a witness, a theorem: for one hidden layer of tanh (or sigmoid with output biases),
///    the same injective output activation and no skip connections, different canonical forms
///    imply different functions (Sussmann 1992; proofs/sussmann-one-hidden-layer.md).
///    Otherwise the answer is **undecided**: Fefferman 1994 (deep tanh) and Phuong & Lampert
///    2020 (ReLU) need genericity conditions that are not checked here.
public enum Equivalence {
    /// Decides whether `a` and `b` compute the same function (module comment above), with
    /// `samples` sampled inputs in the search for a witness. Networks on different input or
    /// output spaces are decided (not equivalent), not refused.
    /// - Throws: ``CanonicalizationError`` when canonicalising either network fails, the only
    ///   step that can.
    public static func decide(_ a: Network, _ b: Network, samples: Int = 64) throws(CanonicalizationError) -> EquivalenceResult {
        let canonicalizer = Canonicalizer()
        let ca = try canonicalizer.canonicalize(a)
        let cb = try canonicalizer.canonicalize(b)
        func result(_ v: EquivalenceVerdict) -> EquivalenceResult { EquivalenceResult(verdict: v, canonicalA: ca, canonicalB: cb) }
        // Functions ℚᵐ → ℚᵏ and ℚⁿ → ℚˡ with (m, k) ≠ (n, l) have different domains or
        // codomains, so they are different functions: decided without a witness.
        guard a.inputCount == b.inputCount else {
            return result(.notEquivalent(witness: nil, basis: "the networks take \(a.inputCount) and \(b.inputCount) inputs: functions on different spaces are different"))
        }
        guard a.outputCount == b.outputCount else {
            return result(.notEquivalent(witness: nil, basis: "the networks have \(a.outputCount) and \(b.outputCount) outputs: functions into different spaces are different"))
        }

        if sameCanonicalNetwork(ca.network, cb.network) {
            return result(.equivalent(basis: "equal canonical forms; every canonicalisation step preserves the function exactly"))
        }
        if let fa = ShallowPiecewiseLinearForm(a), let fb = ShallowPiecewiseLinearForm(b) {
            let basis = "one hidden layer of piecewise-linear units: f = Lx + c + Σ γ_H·relu(u_H·x + β_H) over distinct hyperplanes has a unique normal form, and the two normal forms are"
            if fa == fb {
                return result(.equivalent(basis: basis + " equal (proofs/shallow-piecewise-linear-equivalence.md)"))
            }
            // A simple sampled input when one separates them; else one built next to a hyperplane.
            let witness = findWitness(ca.network, cb.network, samples: samples)
                ?? fa.separatingInput(from: fb).flatMap { exactWitness(a, b, at: $0) }
            return result(.notEquivalent(witness: witness, basis: basis + " different (proofs/shallow-piecewise-linear-equivalence.md)"))
        }
        if let witness = findWitness(ca.network, cb.network, samples: samples) {
            let how = witness.exact
                ? "exact evaluation at a rational input"
                : "certified ball arithmetic (Arb) at \(witness.precision ?? 0) bits: the output enclosures are disjoint"
            return result(.notEquivalent(witness: witness, basis: how))
        }
        if let verdict = deepPiecewiseLinearVerdict(a, b, ca.network, cb.network) { return result(verdict) }
        if sussmannApplies(ca.network) && sussmannApplies(cb.network)
            && ca.network.layers[0].activation == cb.network.layers[0].activation
            && ca.network.layers[1].activation == cb.network.layers[1].activation
        {
            return result(.notEquivalent(
                witness: nil,
                basis: "Sussmann 1992: one tanh-form hidden layer, reduced networks computing the same function differ only by permutations and sign flips, so different canonical forms compute different functions"))
        }
        var reason = "the canonical forms differ, no sampled input separated the networks, and no theorem covers this pair"
        if a.layers.count > 2 && a.layers.allSatisfy({ $0.activation.tanhForm != nil || $0.activation.isLinear }) {
            reason += " (Fefferman 1994 covers deep tanh networks only under genericity conditions, which are not checked)"
        } else if a.isPiecewiseLinear && b.isPiecewiseLinear {
            reason += " (Phuong & Lampert 2020 cover ReLU networks only under general-position conditions, which are not checked)"
        }
        return result(.undecided(reason: reason))
    }

    /// Canonical networks compared as functions' normal forms: architecture and parameters
    /// (names and metadata ignored).
    static func sameCanonicalNetwork(_ a: Network, _ b: Network) -> Bool {
        a.inputCount == b.inputCount && a.layers == b.layers
    }

    /// One hidden layer with a tanh-form activation whose sign flips are available (odd, or odd
    /// up to an offset with output biases), an injective output activation, and the output layer
    /// reading only the hidden layer.
    static func sussmannApplies(_ n: Network) -> Bool {
        guard n.layers.count == 2 else { return false }
        let hidden = n.layers[0].activation, output = n.layers[1]
        guard hidden.tanhForm != nil, output.activation.isInjective else { return false }
        guard output.connections.count == 1, output.connections[0].source == 1 else { return false }
        return n.flipKind(ofLayer: 1) != nil
    }

    /// Deterministic sample inputs: the origin, then pseudo-random dyadic rationals (exact
    /// Doubles) in the network's input box, or in [−s, s] for scales s = 1, 4, 16, drawn from the
    /// shared seeded ``SplitMix64``.
    static func sampleInputs(_ n: Network, count: Int) -> [[Rational]] {
        var rng = SplitMix64(seed: 0x9E37_79B9_7F4A_7C15)
        var out: [[Rational]] = [Array(repeating: .zero, count: n.inputCount)]
        for s in 0..<max(0, count - 1) {
            let point: [Rational] = (0..<n.inputCount).map { j in
                let t = Rational(rng.nextInt(in: 0...1024), 1024)  // in [0, 1]
                if case .box(let lower, let upper)? = n.inputDomain, j < lower.count, j < upper.count {
                    return lower[j] + t * (upper[j] - lower[j])
                }
                let scale = Rational([1, 4, 16][s % 3])
                return scale * (2 * t - 1)
            }
            out.append(point)
        }
        return out
    }

    static func findWitness(_ a: Network, _ b: Network, samples: Int) -> Witness? {
        let inputs = sampleInputs(a, count: samples)
        // Exact rational outputs need rational parameters; a symbolic bias goes to Arb.
        if a.isPiecewiseLinear && b.isPiecewiseLinear && !a.hasSymbolicBiases && !b.hasSymbolicBiases {
            for x in inputs { if let witness = exactWitness(a, b, at: x) { return witness } }
            return nil
        }
        return certifiedWitness(a, b, inputs: inputs)
    }

    /// `x` as a witness when the exact outputs of `a` and `b` differ there.
    static func exactWitness(_ a: Network, _ b: Network, at x: [Rational]) -> Witness? {
        guard let ya = try? a.evaluateExactly(x).outputs, let yb = try? b.evaluateExactly(x).outputs, ya != yb else { return nil }
        let d = zip(ya, yb).map { ($0 - $1).magnitude }.max() ?? .zero
        return Witness(input: x, exact: true, precision: nil, differenceLowerBound: d,
                       outputsA: ya.map(\.description), outputsB: yb.map(\.description))
    }
}
