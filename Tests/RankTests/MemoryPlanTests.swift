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

/// A network above the limit is refused with the plan of the engine the options chose: the QR
/// engine's 60·P², the streaming engine's 32·P² plus a chunk, and under `auto` the engine it
/// picks by size (Gram above 8,000: 16·P² plus a chunk).
@Test func refusalQuotesTheChosenEnginesPlan() throws {
    let net = try Fixtures.mlp([3, 6, 4, 2], [.relu, .relu, .identity], seed: 1)
    for method in FactorizationMethod.allCases {
        var options = RankOptions()
        options.maximumParameters = 5
        options.factorization = method
        #expect(throws: RankError.tooManyParameters(count: net.parameterCount, limit: 5, method: method)) {
            try RankPlan(network: net, options: options)
        }
    }
    let P = 10_201
    for (method, bytes) in [(FactorizationMethod.qr, 60 * P * P), (.streaming, 32 * P * P + (128 << 20)), (.auto, 16 * P * P + (128 << 20))] {
        let message = RankError.tooManyParameters(count: P, limit: 10_000, method: method).description
        #expect(message.contains("it would need about \(MemoryPlan.gigabytes(bytes)) of memory"), "\(message)")
        #expect(message.contains("with the \(method.rawValue) engine") == (method != .auto), "\(message)")
    }
    #expect(MemoryPlan.gigabytes(60 * P * P) == "6.2 GB" && MemoryPlan.gigabytes(16 * P * P + (128 << 20)) == "1.8 GB")
}
