import Exact
import LinearAlgebra
import Networks

/// Exact equivalence of two piecewise-linear networks of any depth, by visiting the regions of
/// their joint activation pattern (proofs/deep-piecewise-linear-equivalence.md).
///
/// Every unit of either network computes a continuous piecewise-linear function of the input.
/// Starting from ℝⁿ, the units are taken in order (network A's layers, then B's); on a region
/// where every earlier unit is one affine form, the next unit's pre-activation z is affine too,
/// and the region splits into its parts z ≥ 0 and z ≤ 0 when the hyperplane z = 0 passes through
/// its interior (decided by an exact linear program, ``Polyhedron/interiorPoint()``); parts with
/// empty interior are dropped. On every final region both networks are affine, and f_A = f_B
/// there iff the two affine output maps are equal. The final regions cover ℝⁿ (what is dropped
/// has measure zero and f_A − f_B is continuous), so f_A = f_B everywhere iff they agree on every
/// final region; a region where they differ yields an exact witness input in its interior.
public enum DeepPiecewiseLinearEquivalence {
    public enum Outcome: Sendable, Equatable {
        /// f_A = f_B on ℝⁿ: the affine output maps agree on each of `regions` regions.
        case equivalent(regions: Int)
        /// f_A(x) ≠ f_B(x) at the exact input `witness`, found after `regions` regions.
        case notEquivalent(witness: [Rational], regions: Int)
        /// The budget of linear programs ended: `regions` regions agreed and `pending` parts of
        /// ℝⁿ were not yet visited.
        case budgetExhausted(regions: Int, pending: Int, linearPrograms: Int)
    }

    /// The default number of exact linear programs allowed.
    public static let defaultBudget = 20_000

    /// Decides f_A = f_B for piecewise-linear networks with the same input and output counts,
    /// solving at most `budget` linear programs; `nil` when either is not piecewise linear or
    /// has a symbolic bias (the linear programs are over the rationals).
    public static func decide(_ a: Network, _ b: Network, budget: Int = defaultBudget) -> Outcome? {
        guard a.isPiecewiseLinear, b.isPiecewiseLinear, !a.hasSymbolicBiases, !b.hasSymbolicBiases, a.inputCount == b.inputCount, a.outputCount == b.outputCount else { return nil }
        var search = RegionSearch(networks: [a, b], budget: budget)
        return search.run()
    }
}
