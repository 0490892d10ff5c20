import Exact
import Identifiability

extension LLCEstimate {
    /// The text report of `nnid llc`, with the library's names of the settings it recommends.
    public var text: String { text(naming: OptionNames()) }

    /// The text report of `nnid llc`, naming the settings it recommends by `names`.
    public func text(naming names: OptionNames) -> String {
        var lines: [String] = []
        let o = options
        lines.append("local learning coefficient by SGLD (numeric estimate)")
        lines.append("  loss: \(lossName), n = \(samples), nβ = \(fixed(nBeta, 2))\(o.nBeta == nil ? " (n/log n)" : "")")
        lines.append("  sampler: ε = \(scientific(o.epsilon)), γ = \(scientific(o.gamma)), \(o.chains) chains × \(o.draws) draws after \(o.burnIn) burn-in\(o.burnInEpsilon.map { " (at ε_b = \(scientific($0)))" } ?? ""), minibatch \(batchSize), seed \(o.seed)")
        lines.append("  L_n(θ) = \(scientific(lossAtTheta))")
        lines.append("λ̂ = \(fixed(mean, 3)) ± \(fixed(standardDeviation, 3))  (mean ± std over chains; standard error \(fixed(standardError, 3)))")
        lines.append("effective parameters 2λ̂ = \(fixed(effectiveParameters, 2))")
        lines.append("  per chain: " + perChain.map { fixed($0, 3) }.joined(separator: ", "))
        lines.append("  loss trace (mean per tenth of the draws, chain 0): " + traceSummary(chain: 0).map(scientific).joined(separator: " "))
        if let interval {
            let where_ = outsideInterval ? "OUTSIDE (by more than 2 standard errors): the sampler is mis-tuned, not the bound wrong" : "inside (within 2 standard errors)"
            lines.append("certified interval: \(interval.lower) ≤ λ ≤ \(interval.upper)  (rank/2 ≤ λ ≤ rank/2 + (P − rank)/4): λ̂ \(where_)")
            if interval.rankIsAmbiguous { lines.append("  caveat: " + LearningCoefficientBounds.ambiguityCaveat) }
        } else {
            lines.append("certified interval: none (an activation is not analytic, so the rank bounds do not apply)")
        }
        if let proven {
            lines.append("proven value: λ = \(proven.value) = \(fixed(proven.value.doubleValue, 3))\(proven.multiplicity > 1 ? " (multiplicity \(proven.multiplicity))" : "") — \(proven.explanation)")
            if let e = relativeError { lines.append("  relative error of λ̂: \(fixed(100 * e, 1))%") }
        }
        lines += diagnosticLines(naming: names)
        return lines.joined(separator: "\n") + "\n"
    }

    /// One line: every warning, or that there is none (one line always, so that reports keep their shape).
    func diagnosticLines(naming names: OptionNames) -> [String] {
        var out: [String] = []
        for (chain, step) in diagnostics.diverged {
            out.append("chain \(chain) diverged at step \(step) (loss or iterate not finite): ε is too large")
        }
        if !diagnostics.nonStationary.isEmpty {
            out.append("chains \(diagnostics.nonStationary.map(String.init).joined(separator: ", ")) still drift after burn-in: lengthen \(names[.burnIn]) or raise ε")
        }
        if diagnostics.chainsDisagree, let r = diagnostics.rHat {
            out.append("the chains disagree (R̂ = \(fixed(r, 3)) > 1.1): run longer or check for several basins")
        }
        if outsideInterval { out.append("λ̂ lies outside the certified interval") }
        if out.isEmpty { return ["diagnostics: no divergence, stationary after burn-in\(diagnostics.rHat.map { ", R̂ = \(fixed($0, 3))" } ?? "")"] }
        return ["warning: " + out.joined(separator: "; ")]
    }

    /// The mean loss in each tenth of one chain's draws.
    public func traceSummary(chain: Int, parts: Int = 10) -> [Double] {
        guard chain < chains.count else { return [] }
        let draws = Array(chains[chain].draws)
        guard draws.count >= parts else { return draws }
        let size = draws.count / parts
        return (0..<parts).map { LearningCoefficient.mean(draws[($0 * size)..<(($0 + 1) * size)]) }
    }

    /// The JSON report.
    public var json: JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "estimate", value: jsonValue(mean)),
            JSONMember(key: "standard_deviation", value: jsonValue(standardDeviation)),
            JSONMember(key: "effective_parameters", value: jsonValue(effectiveParameters)),
            JSONMember(key: "per_chain", value: .array(perChain.map { jsonValue($0) })),
            JSONMember(key: "n", value: .number(String(samples))),
            JSONMember(key: "nbeta", value: jsonValue(nBeta)),
            JSONMember(key: "epsilon", value: jsonValue(options.epsilon)),
            JSONMember(key: "gamma", value: jsonValue(options.gamma)),
            JSONMember(key: "chains", value: .number(String(options.chains))),
            JSONMember(key: "draws", value: .number(String(options.draws))),
            JSONMember(key: "burn_in", value: .number(String(options.burnIn))),
            JSONMember(key: "burn_in_epsilon", value: jsonValue(options.burnInEpsilon ?? options.epsilon)),
            JSONMember(key: "batch_size", value: .number(String(batchSize))),
            JSONMember(key: "seed", value: .number(String(options.seed))),
            JSONMember(key: "loss", value: .string(lossName)),
            JSONMember(key: "loss_at_theta", value: jsonValue(lossAtTheta)),
            JSONMember(key: "loss_traces", value: .array(chains.indices.map { c in .array(traceSummary(chain: c).map { jsonValue($0) }) })),
            JSONMember(key: "diverged", value: .array(diagnostics.diverged.map { .object([
                JSONMember(key: "chain", value: .number(String($0.chain))), JSONMember(key: "step", value: .number(String($0.step)))]) })),
            JSONMember(key: "non_stationary", value: .array(diagnostics.nonStationary.map { .number(String($0)) })),
            JSONMember(key: "r_hat", value: jsonValue(diagnostics.rHat ?? .nan)),
            JSONMember(key: "outside_interval", value: .bool(outsideInterval)),
        ]
        members.append(JSONMember(key: "certified_interval", value: interval.map { .object([
            JSONMember(key: "lower", value: .string($0.lower.description)), JSONMember(key: "upper", value: .string($0.upper.description))]) } ?? .null))
        members.append(JSONMember(key: "proven", value: proven.map { .object([
            JSONMember(key: "lambda", value: .string($0.value.description)),
            JSONMember(key: "multiplicity", value: .number(String($0.multiplicity))),
            JSONMember(key: "reason", value: .string($0.explanation))]) } ?? .null))
        return .object(members)
    }
}

/// x with `digits` decimals, rounded half away from zero on its exact value (``DecimalText``;
/// `nan`, `inf` as such; magnitudes of 9·10¹⁵ units and more in ``scientific(_:)``).
func fixed(_ x: Double, _ digits: Int) -> String {
    if x.isFinite, Swift.abs(x) * DecimalText.power10(digits).doubleValue >= 9e15 { return scientific(x) }
    return DecimalText.fixed(x, decimals: digits)
}

/// x as m.mme±k: three significant digits, rounded half away from zero on its exact value.
func scientific(_ x: Double) -> String { DecimalText.scientific(x, digits: 2) }

/// x as a JSON number (Swift's shortest round-trip decimal), or `null` when not finite.
func jsonValue(_ x: Double) -> JSONValue { x.isFinite ? .number("\(x)") : .null }
