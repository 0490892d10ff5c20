/// The minimum-cost assignment problem: given an n×n cost matrix c, a permutation π minimising
/// Σᵢ c[i, π(i)].
public enum Assignment {
    /// π with `π[i]` the column assigned to row i, by the Hungarian method with potentials
    /// (Kuhn 1955, Munkres 1957; the O(n³) shortest-augmenting-path form). Each of the n phases
    /// adds one row and ends after at most n + 1 column scans, so the method always ends.
    /// Non-finite costs are treated as larger than every finite one.
    public static func minimumCost(_ cost: Matrix<Double>) -> [Int] {
        let n = cost.rows
        precondition(cost.columns == n, "the cost matrix must be square")
        if n == 0 { return [] }
        let finiteMax = cost.elements.filter(\.isFinite).map { Swift.abs($0) }.max() ?? 0
        let big = 4 * (finiteMax + 1) * Double(n)
        func c(_ i: Int, _ j: Int) -> Double { let x = cost[i - 1, j - 1]; return x.isFinite ? x : big }
        var u = [Double](repeating: 0, count: n + 1), v = u
        var p = [Int](repeating: 0, count: n + 1), way = p
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: .infinity, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = Double.infinity, j1 = 0
                for j in 1...n where !used[j] {
                    let cur = c(i0, j) - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                if j1 == 0 { break }  // cannot happen with finite costs; a safeguard
                for j in 0...n {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var assignment = [Int](repeating: 0, count: n)
        for j in 1...n where p[j] != 0 { assignment[p[j] - 1] = j - 1 }
        return assignment
    }
}
