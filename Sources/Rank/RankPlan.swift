import Networks

/// What a rank analysis will do, decided from the network and the options before any point is
/// drawn: the options validated, the sampling domain, and whether the exact rank is computed.
///
/// The exact rank needs a rational Jacobian, so only piecewise-linear networks get one; under
/// ``RankOptions/ExactMode/automatic`` it is also skipped above ``RankOptions/exactParameterLimit``.
struct RankPlan {
    /// P, the number of parameters.
    let parameterCount: Int
    let outputCount: Int
    let domain: SamplingDomain
    /// Compute the exact rank (and decide kink signs exactly while sampling).
    let useExact: Bool
    /// Why no exact rank is computed, when it is not.
    let exactSkippedReason: String?

    /// - Throws: ``RankError/tooManyParameters(count:limit:)`` above ``RankOptions/maximumParameters``;
    ///   ``RankError/invalidOption(_:reason:)`` for a point count, tolerance,
    ///   ambiguity ratio or domain out of range.
    init(network: Network, options: RankOptions) throws(RankError) {
        let P = network.parameterCount
        guard P <= options.maximumParameters else { throw .tooManyParameters(count: P, limit: options.maximumParameters, method: options.factorization) }
        if let n = options.points, n < 1 || n > options.maximumPoints {
            throw .invalidOption(.points, reason: "\(n) is outside 1…\(options.maximumPoints)")
        }
        guard (0...10_000).contains(options.lineWalks) else {
            throw .invalidOption(.lineWalks, reason: "\(options.lineWalks) is outside 0…10000")
        }
        if let s = options.maximumSeconds, !(s > 0 && s <= 1e7) {
            throw .invalidOption(.maximumSeconds, reason: "\(s) is outside (0, 10⁷]")
        }
        guard (0...1).contains(options.minimumRankGain) else {
            throw .invalidOption(.minimumRankGain, reason: "\(options.minimumRankGain) is outside [0, 1]")
        }
        if let t = options.tolerance, !(t >= 0 && t.isFinite) {
            throw .invalidOption(.tolerance, reason: "\(t) is not a finite nonnegative number")
        }
        guard RankOptions.validAmbiguityRatios.contains(options.ambiguityRatio) else {
            throw .invalidOption(.ambiguityRatio, reason: "\(options.ambiguityRatio) is outside (1, 10¹⁵]")
        }
        parameterCount = P
        outputCount = network.outputCount
        domain = try SamplingDomain(network: network, options: options)
        switch options.exact {
        case .never:
            (useExact, exactSkippedReason) = (false, "switched off")
        case .always, .automatic:
            if !network.isPiecewiseLinear {
                (useExact, exactSkippedReason) = (false, "not every activation is piecewise linear, so the Jacobian is not rational")
            } else if options.exact == .automatic && P > options.exactParameterLimit {
                (useExact, exactSkippedReason) = (
                    false, "P = \(P) exceeds the automatic limit \(options.exactParameterLimit) (use \(options.optionNames[.exact]) to force it)"
                )
            } else {
                (useExact, exactSkippedReason) = (true, nil)
            }
        }
    }
}
