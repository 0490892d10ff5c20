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

/// The dense simplex tableau of ``Polyhedron/interiorPoint()``. Columns: x⁺ (n), x⁻ (n), t′,
/// then one slack per row; rows: the m constraints and t′ ≤ 1 − t₀.
struct SimplexTableau {
    let n: Int
    let columns: Int
    let t0: Rational
    /// Row-major, `rows × (columns + 1)`; the last entry of a row is its right-hand side.
    var entries: [[Rational]]
    /// Reduced costs: −cⱼ + (c_B B⁻¹ Aⱼ); a negative entry may enter.
    var objective: [Rational]
    var basis: [Int]

    init(_ p: Polyhedron) {
        n = p.dimension
        let m = p.constraints.count
        let rows = m + 1
        columns = 2 * n + 1 + rows
        t0 = min(.zero, p.constraints.map(\.bound).min()!)
        entries = []
        for (i, c) in p.constraints.enumerated() {
            var row = Array(repeating: Rational.zero, count: columns + 1)
            for j in 0..<n {
                row[j] = c.normal[j]
                row[n + j] = -c.normal[j]
            }
            row[2 * n] = 1
            row[2 * n + 1 + i] = 1
            row[columns] = c.bound - t0
            entries.append(row)
        }
        var last = Array(repeating: Rational.zero, count: columns + 1)
        last[2 * n] = 1
        last[2 * n + 1 + m] = 1
        last[columns] = 1 - t0
        entries.append(last)
        objective = Array(repeating: .zero, count: columns + 1)
        objective[2 * n] = -1
        let first = 2 * n + 1
        basis = (0..<rows).map { first + $0 }
    }

    mutating func maximise() {
        while let enter = (0..<columns).first(where: { objective[$0].signum < 0 }) {
            // Minimum ratio; ties broken by the smallest basic variable (Bland).
            var leave: Int?
            var best = Rational.zero
            for r in entries.indices where entries[r][enter].signum > 0 {
                let ratio = entries[r][columns] / entries[r][enter]
                if leave == nil || ratio < best || (ratio == best && basis[r] < basis[leave!]) {
                    leave = r
                    best = ratio
                }
            }
            // The objective is bounded (t′ ≤ 1 − t₀), so a pivot row always exists.
            guard let r = leave else { return }
            pivot(row: r, column: enter)
        }
    }

    mutating func pivot(row r: Int, column c: Int) {
        let p = entries[r][c]
        for j in 0...columns where !entries[r][j].isZero { entries[r][j] = entries[r][j] / p }
        for i in entries.indices where i != r && !entries[i][c].isZero {
            let f = entries[i][c]
            for j in 0...columns where !entries[r][j].isZero { entries[i][j] -= f * entries[r][j] }
        }
        if !objective[c].isZero {
            let f = objective[c]
            for j in 0...columns where !entries[r][j].isZero { objective[j] -= f * entries[r][j] }
        }
        basis[r] = c
    }

    /// x = x⁺ − x⁻ and t = t₀ + t′ at the current basic solution.
    func solution() -> ([Rational], Rational) {
        var value = Array(repeating: Rational.zero, count: columns)
        for (r, v) in basis.enumerated() { value[v] = entries[r][columns] }
        let x = (0..<n).map { value[$0] - value[n + $0] }
        return (x, t0 + value[2 * n])
    }
}
