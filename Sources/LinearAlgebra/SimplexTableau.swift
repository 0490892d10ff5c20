import Exact

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
