import Exact

/// A closed polyhedron {x ∈ ℝⁿ : aᵢ·x ≤ bᵢ for every i} in exact rationals.
public struct Polyhedron: Sendable, Equatable {
    public let dimension: Int
    /// The constraints aᵢ·x ≤ bᵢ (each aᵢ of length ``dimension``).
    public private(set) var constraints: [(normal: [Rational], bound: Rational)]

    /// ℝⁿ (no constraints).
    public init(dimension: Int) {
        self.dimension = dimension
        constraints = []
    }

    /// The polyhedron with the extra constraint a·x ≤ b.
    public func adding(_ normal: [Rational], atMost bound: Rational) -> Polyhedron {
        precondition(normal.count == dimension)
        var copy = self
        copy.constraints.append((normal, bound))
        return copy
    }

    public static func == (p: Polyhedron, q: Polyhedron) -> Bool {
        p.dimension == q.dimension && p.constraints.count == q.constraints.count
            && zip(p.constraints, q.constraints).allSatisfy { $0.normal == $1.normal && $0.bound == $1.bound }
    }

    /// A point strictly inside every constraint, with its smallest slack min bᵢ − aᵢ·x > 0, or
    /// `nil` when the polyhedron has empty interior (is empty or lies in a hyperplane).
    ///
    /// Solves the linear program max t subject to aᵢ·x + t ≤ bᵢ, t ≤ 1, exactly: the interior is
    /// nonempty iff its optimum t* is positive, and the optimal x has every slack ≥ t*. The
    /// substitution t = t₀ + t′ with t₀ = min(0, minᵢ bᵢ) makes every right-hand side nonnegative,
    /// so x = 0, t′ = 0 is a feasible basis and one phase of the simplex method suffices; the free
    /// x is split as x⁺ − x⁻. Bland's rule (smallest-index entering and leaving variables) never
    /// cycles (Bland 1977), and the objective is bounded by t′ ≤ 1 − t₀, so the method ends.
    public func interiorPoint() -> (point: [Rational], slack: Rational)? {
        if constraints.isEmpty { return (Array(repeating: .zero, count: dimension), 1) }
        var tableau = SimplexTableau(self)
        tableau.maximise()
        let (x, t) = tableau.solution()
        return t.signum > 0 ? (x, t) : nil
    }
}
