import Testing

@testable import Rank

/// The default parameter limit is the largest P whose plan fits in ¾ of the memory: the plan at
/// the limit fits, one parameter more does not (or the limit is LAPACK's 32-bit bound); it grows
/// with the memory; unknown memory gives the fixed 10,000.
@Test func defaultParameterLimitIsTheLargestPlanThatFits() {
    for memory in [1 << 30, 24 << 30, 64 << 30, 1 << 40] {
        let limit = MemoryPlan.defaultParameterLimit(memory: memory)
        #expect(MemoryPlan.analysisBytes(parameters: limit)! <= memory / 4 * 3)
        #expect(MemoryPlan.analysisBytes(parameters: limit + 1)! > memory / 4 * 3 || limit == MemoryPlan.largestParameterCount)
    }
    // 24 GiB: the Gram plan 16·P² + 128 MiB fits up to P = 34,634 (MNIST's 25,720 included).
    #expect(MemoryPlan.defaultParameterLimit(memory: 24 << 30) == 34_634)
    #expect(MemoryPlan.defaultParameterLimit(memory: 1 << 40) == MemoryPlan.largestParameterCount)
    #expect(MemoryPlan.defaultParameterLimit(memory: nil) == 10_000)
    #expect(MemoryPlan.analysisBytes(parameters: 25_720) == 16 * 25_720 * 25_720 + 128 << 20)
    #expect(MemoryPlan.analysisBytes(parameters: 5000) == 32 * 5000 * 5000 + 128 << 20)
    #expect(MemoryPlan.analysisBytes(parameters: 2000) == 60 * 2000 * 2000)
    #expect(MemoryPlan.analysisBytes(parameters: Int.max / 2) == nil)
    #expect(MemoryPlan.gigabytes(6_243_000_000) == "6.2 GB" && MemoryPlan.gigabytes(39_690_000_000) == "40 GB")
}
