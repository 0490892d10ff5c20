import Exact
import Testing
@testable import LearningCoefficient

/// Aoyagi's exact learning coefficients against values computed by hand, and the general-depth
/// formula against the two-layer one.
@Suite struct AoyagiCoefficientTests {
    typealias Case = (m: Int, h: Int, n: Int, r: Int, lambda: Rational, multiplicity: Int)

    /// Hand-computed: (1,1,1,0) is K = (ab)², λ = 1/2 with multiplicity 2; (2,1,2,0) is
    /// K = |a|²|b|², λ = min(1, 1) = 1, multiplicity 2; (1,1,3,0) is K = a²|b|², λ = 1/2;
    /// (1,3,1,0) is K = (a·b)², the square of a nondegenerate quadratic form, λ = 1/2; (3,2,3,0)
    /// is case 1 with an even sum, [2·2·6 − 0 − 4]/8 = 5/2; (3,2,4,2) is a point where both
    /// factors have full rank 2: λ = dim/2 of the rank-2 matrices, 2·(3 + 4 − 2)/2 = 5.
    static let handCases: [Case] = [
        (1, 1, 1, 0, Rational(1, 2), 2),
        (2, 1, 2, 0, 1, 2),
        (1, 1, 3, 0, Rational(1, 2), 1),
        (1, 3, 1, 0, Rational(1, 2), 1),
        (3, 2, 3, 0, Rational(5, 2), 1),
        (3, 2, 4, 2, 5, 1),
    ]

    @Test(arguments: handCases.indices)
    func twoLayerMatchesHandValues(_ k: Int) {
        let c = Self.handCases[k]
        let value = AoyagiCoefficient.twoLayer(input: c.m, hidden: c.h, output: c.n, rank: c.r)
        #expect(value == AoyagiCoefficient(lambda: c.lambda, multiplicity: c.multiplicity))
    }

    /// (1,1,1,1), K = (abc)²: λ = 1/2 with multiplicity 3 (Σ = all four reduced widths, ℓ = 3,
    /// S = 4, M = 2, a = 1: 1·2/12 − (3·2/4)·(4/3)² + 6/2 = 1/2; m = 1·2 + 1).
    @Test func threeLayerScalarChain() {
        #expect(AoyagiCoefficient.deepLinear(widths: [1, 1, 1, 1], rank: 0) == AoyagiCoefficient(lambda: Rational(1, 2), multiplicity: 3))
    }

    /// One layer is a regular model: λ = MN/2 at every true rank.
    @Test func oneLayerIsRegular() {
        for m in 1...5 { for n in 1...5 { for r in 0...min(m, n) {
            #expect(AoyagiCoefficient.deepLinear(widths: [m, n], rank: r) == AoyagiCoefficient(lambda: Rational(m * n, 2), multiplicity: 1))
        } } }
    }

    /// The general formula at depth 2 is the two-layer one, on every shape with widths 1…7
    /// (343 shapes, 1,000-odd ranks).
    @Test func depthTwoIsTheTwoLayerFormula() {
        var shapes = 0
        for m in 1...7 { for h in 1...7 { for n in 1...7 {
            shapes += 1
            for r in 0...min(m, h, n) {
                let deep = AoyagiCoefficient.deepLinear(widths: [m, h, n], rank: r)
                let two = AoyagiCoefficient.twoLayer(input: m, hidden: h, output: n, rank: r)
                #expect(deep != nil && deep == two, "(\(m), \(h), \(n)), r = \(r)")
            }
        } } }
        #expect(shapes >= 100)
    }

    /// The subset Σ of the theorem exists for every shape tried (depths 1…5, widths 1…5), and λ
    /// is nonnegative and at most P/2 (the regular value) — and at least r(H₁ + H_{L+1} − r)/2,
    /// half the dimension of the rank-r maps the network realises near the truth.
    @Test func formulaIsDefinedAndBracketed() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<400 {
            let depth = rng.nextInt(in: 1...5)
            let widths = (0...depth).map { _ in rng.nextInt(in: 1...5) }
            let r = rng.nextInt(in: 0...widths.min()!)
            guard let value = AoyagiCoefficient.deepLinear(widths: widths, rank: r) else {
                Issue.record("no subset Σ for \(widths), r = \(r)")
                continue
            }
            let p = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
            let floor = Rational(r * (widths.first! + widths.last! - r), 2)
            #expect(value.lambda >= floor && value.lambda <= Rational(p, 2), "\(widths), r = \(r): \(value)")
            #expect(value.multiplicity >= 1)
        }
    }

    /// Bad shapes have no value.
    @Test func rejectsBadShapes() {
        #expect(AoyagiCoefficient.twoLayer(input: 0, hidden: 1, output: 1, rank: 0) == nil)
        #expect(AoyagiCoefficient.twoLayer(input: 2, hidden: 1, output: 2, rank: 2) == nil)
        #expect(AoyagiCoefficient.deepLinear(widths: [3], rank: 0) == nil)
        #expect(AoyagiCoefficient.deepLinear(widths: [3, 2, 3], rank: -1) == nil)
    }
}

/// The reduction of `proofs/deep-linear-local-coefficient.md`, part 2:
/// λ_AW(M, H, N, r) = λ_AW(M − r, H − r, N − r, 0) + r(M + N − r)/2 whenever every reduced width is
/// positive, with the same multiplicity.
@Suite struct ReductionIdentityTests {
    @Test func reductionIdentity() {
        var checked = 0
        for m in 1...7 { for h in 1...7 { for n in 1...7 { for r in 0..<min(m, h, n) {
            guard let full = AoyagiCoefficient.twoLayer(input: m, hidden: h, output: n, rank: r),
                let reduced = AoyagiCoefficient.twoLayer(input: m - r, hidden: h - r, output: n - r, rank: 0)
            else { Issue.record("(\(m), \(h), \(n)), r = \(r) has no value"); continue }
            #expect(full.lambda == reduced.lambda + Rational(r * (m + n - r), 2), "(\(m), \(h), \(n)), r = \(r)")
            #expect(full.multiplicity == reduced.multiplicity)
            checked += 1
        } } } }
        #expect(checked >= 700)
    }
}
