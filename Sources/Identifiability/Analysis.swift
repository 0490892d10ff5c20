/// The library's front door: the same operations as `nnid rank` and `nnid check`.
public enum Analysis {
    /// The batch functional dimension of `network` and the attribution of its degenerate
    /// directions (see `RankAnalysis` in the Rank module).
    public static func rank(
        _ network: Network, options: RankOptions = RankOptions(), progress: ProgressSink? = nil
    ) throws(RankError) -> RankAnalysis {
        try RankAnalysis.run(network, options: options, progress: progress)
    }

    /// Canonicalisation, rank analysis and verdict.
    ///
    /// Verdict, first match wins: **reducible** when the canonicaliser removes a unit (NNID001);
    /// **ambiguous** when no exact rank is available and the numeric cut is shallow (NNID003);
    /// **hidden degeneracy** when some null direction of the Jacobian is not explained by known
    /// symmetries (NNID002) — unless units are proven dead or linear on the whole domain, which
    /// makes it **degenerate on this domain** naming them (NNID005/NNID006), or **undetermined**
    /// when the batch stopped growing on a budget or an interruption (the directions may yet be
    /// seen: NNID009, with the bracket seen rank ≤ functional dimension ≤ bound); otherwise
    /// **locally identifiable up to its symmetries**. Findings
    /// NNID004–NNID008 (disagreements, dead and linear units, failed self-checks) are reported
    /// alongside and make the exit status 1 too.
    public static func check(
        _ network: Network, options: CheckOptions = CheckOptions(), progress: ProgressSink? = nil
    ) throws -> CheckReport {
        progress?(.step("canonicalising"))
        let canonical = try Canonicalizer().canonicalize(network)
        let (analysis, onKink) = try rankReducingIfOnKink(network, canonical: canonical, options: options.rank, progress: progress)
        var result = report(network, canonical: canonical, analysis: analysis, naming: options.rank.optionNames)
        if let onKink { result = result.noting(reducedAnalysisFinding(onKink, canonical: canonical, naming: options.rank.optionNames)) }
        return result
    }

    /// The rank analysis of `network`; or, when a unit's pre-activation is exactly 0 at
    /// (almost) every input (the Jacobian does not exist there) and the canonicaliser removes
    /// units, the rank analysis of the reduced network, with the unit that forced it. The
    /// reduction preserves the function exactly, so the reduced network's functional dimension
    /// is that of the function; an irreducible network on a kink everywhere stays an error.
    public static func rankReducingIfOnKink(
        _ network: Network, canonical: CanonicalForm? = nil, options: RankOptions = RankOptions(),
        progress: ProgressSink? = nil
    ) throws -> (analysis: RankAnalysis, unitOnKink: UnitID?) {
        do {
            return (try RankAnalysis.run(network, options: options, progress: progress), nil)
        } catch RankError.unitOnKinkEverywhere(let unit) {
            let reduced = try canonical ?? Canonicalizer().canonicalize(network)
            // The rank analysis computes with rational parameters: not with a symbolic bias.
            guard !reduced.removedUnits.isEmpty, !reduced.network.hasSymbolicBiases else { throw RankError.unitOnKinkEverywhere(unit) }
            return (try RankAnalysis.run(reduced.network, options: options, progress: progress), unit)
        }
    }

    /// The finding that says the rank analysis is of the reduced network, and why.
    static func reducedAnalysisFinding(_ unit: UnitID, canonical: CanonicalForm, naming names: OptionNames) -> Finding {
        let reduced = NetworkSummary(canonical.network)
        return Finding(
            code: .reducible,
            message: "the rank analysis is of the reduced network \(reduced.architecture) (\(reduced.parameterCount) parameters): \(unit) sits on the kink of its activation at every sampled input, so the Jacobian of the given parameters does not exist there",
            locations: [unit.description],
            notes: ["the reduction preserves the function exactly (see \(names[.canonicalForm])); parameter names in the analysis are the reduced network's"])
    }

    /// Assembles findings and verdict from a canonical form and a rank analysis.
    static func report(
        _ network: Network, canonical: CanonicalForm, analysis: RankAnalysis, naming names: OptionNames = OptionNames()
    ) -> CheckReport {
        var findings: [Finding] = []
        let reduced = canonical.network.parameterCount
        let smaller = NetworkSummary(canonical.network)
        for removed in canonical.removedUnits {
            findings.append(Finding(
                code: .reducible,
                message: "\(removed.unit.map(\.description) ?? "a normal-form unit") can be removed: \(removed.reason)",
                locations: removed.unit.map { [$0.description] } ?? [],
                notes: ["the same function is computed by \(smaller.architecture) with \(reduced) parameters (was \(network.parameterCount))"]))
        }
        let ambiguous = analysis.exact == nil && analysis.numeric.isAmbiguous
        if ambiguous {
            let gap = analysis.numeric.gapRatio.map { "σ_r/σ_{r+1} = \(short($0))" } ?? "σ_r = \(short(analysis.numeric.singularValue(max(1, analysis.numeric.rank)) ?? 0))"
            findings.append(Finding(
                code: .ambiguousRank,
                message: "numeric rank \(analysis.numeric.rank) has a shallow cut (\(gap), tolerance \(short(analysis.numeric.tolerance)))",
                locations: [], notes: ["the functional dimension and hidden-degeneracy count are not reliable; see the spectrum"]))
        }
        let undetermined = analysis.bracket.undetermined > 0 && analysis.hidden > 0
        if undetermined { findings.append(undeterminedFinding(analysis, naming: names)) }
        for (k, direction) in analysis.hiddenDirections.enumerated() where !undetermined {
            findings.append(Finding(
                code: .hiddenDegeneracy,
                message: "null direction \(k + 1) of \(analysis.hiddenDirections.count) is not explained by any known symmetry",
                locations: direction.terms.map(\.parameter),
                notes: ["direction: " + describe(direction)]))
        }
        if let exact = analysis.exact, exact.rank != analysis.numeric.rank {
            findings.append(Finding(
                code: .exactNumericDisagreement,
                message: "exact rank \(exact.rank) but numeric rank \(analysis.numeric.rank) on the same batch",
                locations: [], notes: ["the exact rank stands (certificate \(exact.certificateVerified ? "verified" : "NOT verified"))"]))
        }
        let proven = Dictionary(analysis.onWholeDomain.map { ($0.unit, $0) }, uniquingKeysWith: { a, _ in a })
        for u in analysis.deadUnits where proven[u] == nil {
            findings.append(Finding(
                code: .deadUnit, message: "\(u) is dead on all \(analysis.batch.count) points of the batch",
                locations: [u.description], notes: ["no point of the domain with the unit active was found; its parameters are degenerate"]))
        }
        for p in analysis.onWholeDomain {
            let what: String
            switch p.behaviour {
            case .dead: what = "is dead on the whole domain"
            case .linear(let slope): what = "acts linearly (slope \(slope)) on the whole domain"
            case .crossed: continue
            }
            findings.append(Finding(
                code: p.behaviour == .dead ? .deadUnit : .alwaysActiveUnit, message: "\(p.unit) \(what)",
                locations: [p.unit.description], notes: [p.evidence + "; its parameters are degenerate on this domain"]))
        }
        for (u, slope) in analysis.linearUnits where proven[u] == nil {
            findings.append(Finding(
                code: .alwaysActiveUnit, message: "\(u) acts linearly (slope \(slope)) on all \(analysis.batch.count) points of the batch",
                locations: [u.description], notes: ["no point of the domain on the other side of its kink was found"]))
        }
        for kind in analysis.tangentsNotInKernel {
            findings.append(Finding(code: .tangentNotInKernel, message: "tangent not in the kernel: \(kind)", locations: [], notes: []))
        }
        if let exact = analysis.exact, !exact.certificateVerified {
            findings.append(Finding(code: .certificateFailed, message: "the exact-rank certificate did not verify", locations: [], notes: []))
        }
        let verdict: Verdict
        if !canonical.removedUnits.isEmpty { verdict = .reducible }
        else if ambiguous { verdict = .ambiguous }
        else if !analysis.onWholeDomain.isEmpty { verdict = .degenerateOnDomain }
        else if undetermined { verdict = .undetermined }
        else if analysis.hidden > 0 { verdict = .hiddenDegeneracy }
        else { verdict = .identifiable }
        let analytic = network.layers.allSatisfy { $0.activation.isAnalytic }
        let r = Rational(analysis.rank), P = Rational(network.parameterCount)
        let bounds = analytic ? LearningCoefficientBounds(lower: r / 2, upper: r / 2 + (P - r) / 4, rankIsAmbiguous: ambiguous) : nil
        return CheckReport(
            summary: NetworkSummary(network), canonical: canonical, reducedParameterCount: reduced, analysis: analysis,
            learningCoefficient: bounds, findings: findings.sorted { $0.code < $1.code }, verdict: verdict)
    }

    /// NNID009: the bracket, the units the unexplained directions involve and the units seen on
    /// one side of their kink, and what to do (the settings named by `names`).
    static func undeterminedFinding(_ analysis: RankAnalysis, naming names: OptionNames) -> Finding {
        let b = analysis.bracket
        var units: [String] = []
        for d in analysis.hiddenDirections {
            for t in d.terms {
                let unit = t.parameter.split(separator: ".").prefix(2).joined(separator: ".")
                if !units.contains(unit) { units.append(unit) }
            }
        }
        let oneSided = analysis.coverage.filter { $0.behaviour != .crossed }.map(\.unit.description)
        let size = "(\(b.points) points, \(b.rows) Jacobian rows)"
        let why = b.unsettled.map { "\(b.stop.rawValue) \(size), but \($0)" } ?? "\(b.stop.rawValue) \(size) while the rank was still rising"
        var notes = [
            "\(b.seen) ≤ functional dimension ≤ \(b.bound): growth stopped because \(why)",
            "the \(analysis.hidden) unexplained null direction\(analysis.hidden == 1 ? "" : "s") of this batch may be seen by a larger one, "
                + "or be a hidden degeneracy: no hidden degeneracy is claimed",
        ]
        if !oneSided.isEmpty { notes.append("units seen on one side of their kink only: " + oneSided.joined(separator: ", ")) }
        notes.append((b.unsettled == nil
                ? "rerun with a larger budget (\(names[.maximumPoints]), \(names[.maximumSeconds]))"
                : "rerun with the exact rank and the directed search on (\(names[.exact]), \(names[.lineWalks]))")
            + (oneSided.isEmpty ? "" : " or a sampling domain that reaches the kinks of the units above"))
        return Finding(
            code: .undeterminedDirections,
            message: "\(b.bound - b.seen) direction\(b.bound - b.seen == 1 ? "" : "s") undetermined: seen rank \(b.seen) ≤ functional dimension ≤ \(b.bound)",
            locations: units, notes: notes)
    }

    /// `layer1.unit0.weight[0] − 3/2·layer1.unit0.bias + …`.
    static func describe(_ d: DegenerateDirection) -> String {
        var out = ""
        for (k, t) in d.terms.enumerated() {
            let value = t.exact.map(\.description) ?? short(t.numeric)
            let negative = value.hasPrefix("-")
            let magnitude = negative ? String(value.dropFirst()) : value
            let sign = k == 0 ? (negative ? "−" : "") : (negative ? " − " : " + ")
            out += sign + (magnitude == "1" ? "" : magnitude + "·") + t.parameter
        }
        return out
    }
}
