import LinearAlgebra
import Testing

@Suite struct AssignmentTests {
    /// All permutations of 0..<n.
    static func permutations(_ n: Int) -> [[Int]] {
        if n == 0 { return [[]] }
        return permutations(n - 1).flatMap { p in (0...p.count).map { k in var q = p; q.insert(n - 1, at: k); return q } }
    }

    @Test("the Hungarian method finds the minimum over all 720 permutations of random 6×6 costs")
    func matchesBruteForce() {
        var state: UInt64 = 99
        let all = Self.permutations(6)
        for _ in 0..<40 {
            var cost = Matrix<Double>(rows: 6, columns: 6, repeating: 0)
            for i in 0..<6 {
                for j in 0..<6 {
                    state = state &* 6364136223846793005 &+ 1442695040888963407
                    cost[i, j] = Double((state >> 33) % 50)  // integers: sums are exact
                }
            }
            let p = Assignment.minimumCost(cost)
            #expect(Set(p).count == 6)
            let found = (0..<6).reduce(0.0) { $0 + cost[$1, p[$1]] }
            let best = all.map { q in (0..<6).reduce(0.0) { $0 + cost[$1, q[$1]] } }.min()!
            #expect(found == best)
        }
    }

    @Test("a permuted identity cost is undone exactly")
    func recoversPermutation() {
        let sigma = [3, 0, 4, 1, 2]
        var cost = Matrix<Double>(rows: 5, columns: 5, repeating: 1)
        for i in 0..<5 { cost[i, sigma[i]] = 0 }
        #expect(Assignment.minimumCost(cost) == sigma)
    }
}
