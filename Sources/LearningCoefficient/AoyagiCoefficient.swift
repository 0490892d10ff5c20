import Exact

/// The exact learning coefficient of a deep linear network, x ↦ W_L ⋯ W_1·x without biases,
/// learning a true linear map of rank r under squared loss, inputs with a positive-definite
/// covariance and a prior positive on a neighbourhood of the true parameters.
///
/// λ and its multiplicity m are those of the free energy F_n = nS_n + λ·log n − (m − 1)·log log n + O(1).
public struct AoyagiCoefficient: Sendable, Equatable, CustomStringConvertible {
    public let lambda: Rational
    public let multiplicity: Int

    public var description: String { "λ = \(lambda) (multiplicity \(multiplicity))" }

    /// Two layers, reduced-rank regression (Aoyagi & Watanabe 2005, "Stochastic complexities of
    /// reduced rank regression in Bayesian estimation", Neural Networks 18(7), Main Theorem):
    /// input width M, hidden width H, output width N, true rank r ≤ min(M, H, N).
    ///
    /// 1. If N + r ≤ M + H, M + r ≤ N + H and H + r ≤ M + N:
    ///    λ = [2(H + r)(M + N) − (M − N)² − (H + r)²]/8 with m = 1 when M + H + N + r is even;
    ///    λ = [2(H + r)(M + N) − (M − N)² − (H + r)² + 1]/8 with m = 2 when it is odd.
    /// 2. If M + H < N + r: λ = (HM − Hr + Nr)/2, m = 1.
    /// 3. If N + H < M + r: λ = (HN − Hr + Mr)/2, m = 1.
    /// 4. If M + N < H + r: λ = MN/2, m = 1.
    ///
    /// `nil` when a width is not positive or r is out of range.
    public static func twoLayer(input m: Int, hidden h: Int, output n: Int, rank r: Int) -> AoyagiCoefficient? {
        guard m > 0, h > 0, n > 0, r >= 0, r <= min(m, h, n) else { return nil }
        let M = Rational(m), H = Rational(h), N = Rational(n), R = Rational(r)
        if m + h < n + r { return AoyagiCoefficient(lambda: (H * M - H * R + N * R) / 2, multiplicity: 1) }
        if n + h < m + r { return AoyagiCoefficient(lambda: (H * N - H * R + M * R) / 2, multiplicity: 1) }
        if m + n < h + r { return AoyagiCoefficient(lambda: M * N / 2, multiplicity: 1) }
        let core = 2 * (H + R) * (M + N) - (M - N) * (M - N) - (H + R) * (H + R)
        let even = (m + h + n + r) % 2 == 0
        return AoyagiCoefficient(lambda: (even ? core : core + 1) / 8, multiplicity: even ? 1 : 2)
    }

    /// Any depth (Aoyagi 2024, "Consideration on the learning efficiency of multiple-layered
    /// neural networks with linear units", Neural Networks 172, 106132, Main Theorem).
    ///
    /// Widths H₁ (input), …, H_{L+1} (output), true rank r; reduced widths M_j = H_j − r. There is
    /// a subset Σ ⊂ {1, …, L+1} of ℓ + 1 ≥ 2 indices with
    /// max_{σ∈Σ} M_σ < min_{k∉Σ} M_k, Σ_{σ∈Σ} M_σ ≥ ℓ·max_{σ∈Σ} M_σ and Σ_{σ∈Σ} M_σ < ℓ·min_{k∉Σ} M_k.
    /// With S = Σ_{σ∈Σ} M_σ, M = ⌈S/ℓ⌉ and a = S − (M − 1)·ℓ (so 1 ≤ a ≤ ℓ):
    ///
    /// λ = [−r² + r(H₁ + H_{L+1})]/2 + a(ℓ − a)/(4ℓ) − ℓ(ℓ − 1)/4·(S/ℓ)² + ½·Σ_{σ<σ′ in Σ} M_σ·M_σ′,
    /// m = 1 if a = ℓ, else a(ℓ − a) + 1 (`multiplicity`, from the same theorem).
    ///
    /// The first condition makes Σ a set of smallest reduced widths, so Σ is found among the
    /// L prefixes of the sorted widths (ties straddling the cut fail it). `nil` for bad widths or
    /// rank, or if no prefix satisfies the conditions (the theorem says one always does; the
    /// tests check it on every shape they try).
    public static func deepLinear(widths: [Int], rank r: Int) -> AoyagiCoefficient? {
        guard widths.count >= 2, widths.allSatisfy({ $0 > 0 }), r >= 0, r <= widths.min()! else { return nil }
        let reduced = widths.map { $0 - r }.sorted()
        for size in 2...reduced.count {
            let sigma = reduced[0..<size]
            let ell = size - 1
            let s = sigma.reduce(0, +)
            let top = sigma.last!
            if size < reduced.count {
                let next = reduced[size]
                guard top < next, s < ell * next else { continue }
            }
            guard s >= ell * top else { continue }
            return value(sigma: Array(sigma), ell: ell, widths: widths, rank: r)
        }
        return nil
    }

    static func value(sigma: [Int], ell: Int, widths: [Int], rank r: Int) -> AoyagiCoefficient {
        let s = sigma.reduce(0, +)
        let bigM = (s + ell - 1) / ell  // ⌈S/ℓ⌉ for S ≥ 0
        let a = s - (bigM - 1) * ell
        let R = Rational(r), L = Rational(ell), S = Rational(s), A = Rational(a)
        let outer = Rational(widths.first! + widths.last!)
        var pairs = Rational.zero
        for i in 0..<sigma.count { for j in (i + 1)..<sigma.count { pairs += Rational(sigma[i] * sigma[j]) } }
        let lambda = (R * outer - R * R) / 2 + A * (L - A) / (4 * L) - L * (L - 1) / 4 * (S / L) * (S / L) + pairs / 2
        return AoyagiCoefficient(lambda: lambda, multiplicity: a == ell ? 1 : a * (ell - a) + 1)
    }
}
