extension RankAnalysis {
    /// The text block `nnid rank` prints (and `nnid check` includes), with the library's names.
    public var text: String { text(naming: OptionNames()) }

    /// The text block line by line, naming the settings it recommends by `names`.
    public func lines(naming names: OptionNames) -> [ReportLine] {
        var lines: [String] = []
        let n = numeric
        lines.append("parameters:            \(parameterCount)")
        var rankLine = "functional dimension:  \(rank)"
        if let exact {
            rankLine += " (exact, certificate \(exact.certificateVerified ? "verified" : "NOT VERIFIED"); numeric \(n.rank) \(n.rank == exact.rank ? "agrees" : "DISAGREES"))"
        } else {
            rankLine += " (numeric\(exactSkippedReason.map { "; exact rank skipped: \($0)" } ?? ""))"
        }
        lines.append(rankLine)
        if bracket.undetermined > 0 {
            lines.append("bracket:               \(bracket.seen) ≤ functional dimension ≤ \(bracket.bound) (\(bracket.stop.rawValue)\(bracket.unsettled.map { ", but \($0)" } ?? ""))")
        }
        if let size = batch.dataSetSize {
            let which = batch.coversDataSet ? "all \(size) points" : "a seeded subset of \(batch.count + batch.dataOnKink) of \(size) points"
            lines.append("batch:                 the data set: \(which)\(batch.dataOnKink > 0 ? " (\(batch.dataOnKink) on a kink, left out)" : ""), \(n.rows)×\(n.columns) Jacobian, seed \(seed)")
        } else {
        lines.append("batch:                 \(batch.count) points (\(batch.kinkPointCount) placed at kinks, \(placedPointsText)\(batch.replacedOnKink) replaced on a kink), \(n.rows)×\(n.columns) Jacobian, seed \(seed)")
        }
        if let cap = batch.placementCap { lines.append("placement cap:         " + Self.describe(cap)) }
        if let claim = domainClaim { lines.append("on this domain:        " + claim) }
        if growth.count > 1 { lines.append("growth:                " + growth.map { "\($0.points) pts → rank \($0.rank)" }.joined(separator: ", ")) }
        let spectrum = n.spectrumAroundCut().map { "σ\($0.index) = \(short($0.value))" + ($0.index == n.rank ? " |" : "") }
        lines.append("spectrum at the cut:   " + (n.rank == 0 ? "| " : "") + spectrum.joined(separator: "  ")
            + (spectrumSource == .selectedRows ? "  (of the \(selectionEvidence?.rank ?? n.rank) selected rows; σᵢ(J) ≥ σᵢ(S)" + skippedText + ")" : "")
            + (spectrumSource == .gram ? gramSpectrumNote : ""))
        lines.append("tolerance:             \(short(n.tolerance))" + (n.gapRatio.map { "; gap σ\(n.rank)/σ\(n.rank + 1) = \(short($0))" } ?? "") + (n.isAmbiguous ? " (ambiguous: \(ambiguityEvidence))" : ""))
        // After a budget stop, or when the kernel does not settle them, the unexplained directions
        // are undetermined, not hidden (NNID009).
        let unexplained = bracket.undetermined > 0 ? "undetermined" : "hidden"
        if let e = selectionEvidence {
            lines.append("row selection:         \(e.rank) of \(e.rowsRead) rows kept (null-space component > τ = \(short(e.threshold)) of the row's norm); "
                + "rows left out: components ≤ \(short(e.largestRejectedComponent)), ‖E‖_F = \(short(e.rejectedResidualNorm)) ≥ σ\(e.rank + 1)(J)")
        }
        if let g = gramEvidence { lines.append("Gram method:           " + g.text(short: short)) }
        lines.append("degeneracy P − rank:   \(degeneracy) = \(explained) explained + \(hidden) \(unexplained)")
        for (category, count) in explainedByCategory { lines.append("  \(count) by \(category)") }
        lines.append("continuous symmetries: \(continuousSymmetryDimension) dimension\(continuousSymmetryDimension == 1 ? "" : "s")")
        // A long list (data sets can leave hundreds) is cut after 5; JSON keeps every direction.
        for (k, d) in hiddenDirections.prefix(5).enumerated() { lines.append("  \(unexplained) \(k + 1): \(Analysis.describe(d))") }
        if hiddenDirections.count > 5 {
            lines.append("  … \(hiddenDirections.count - 5) more \(unexplained) directions (all of them with \(names[.jsonReport]))")
        }
        return lines.map { ReportLine($0) }
    }

    /// What the batch's rank says about a data-set domain: on a finite set the rank over all
    /// its points is the functional dimension there (decided); over a subset, a lower bound.
    /// `nil` for a box or a Gaussian.
    public var domainClaim: String? {
        guard batch.dataSetSize != nil else { return nil }
        if batch.coversDataSet {
            return "decided: the domain is a finite data set and the batch is all of it"
                + (batch.dataOnKink > 0 ? " (but the points on a kink, where the Jacobian does not exist)" : "")
        }
        return "lower bound: the batch is a seeded subset of the data set"
    }

    /// Which ratio fell below the ambiguity threshold the analysis used (``RankOptions/ambiguityRatio``,
    /// default 10³): the gap σ_r/σ_{r+1}; at full rank σ_r/τ; at rank 0 τ/σ₁. After a Schur
    /// deflation whose lower bound on σ_r does not clear its cut no ratio is compared (the
    /// threshold is ∞): that is the reason given.
    var ambiguityEvidence: String {
        let n = numeric, threshold = Self.ratioText(n.ambiguityRatio)
        if n.ambiguityRatio.isInfinite, let d = gramEvidence?.deflation, d.lowerBound <= d.cut {
            return "the deflation's bound σ\(n.rank) ≥ \(short(d.lowerBound)) is not above its cut \(short(d.cut))"
        }
        if n.gapRatio != nil { return "gap below \(threshold)" }
        if n.rank == 0 {
            let s1 = n.singularValues.first ?? 0
            return "τ/σ1 = \(short(s1 > 0 ? n.tolerance / s1 : .infinity)), below \(threshold)"
        }
        let sr = n.singularValue(n.rank) ?? 0
        return "σ\(n.rank)/τ = \(short(n.tolerance > 0 ? sr / n.tolerance : .infinity)), below \(threshold)"
    }

    /// The ambiguity ratio as set: a whole number below 10⁵ in full (`1000`, `50`), else as
    /// ``short(_:)`` writes it (`2.500`, `1.000e6`).
    static func ratioText(_ ratio: Double) -> String {
        ratio == ratio.rounded() && ratio < 1e5 ? String(Int(ratio)) : short(ratio)
    }

    /// How the Gram engine's spectrum was read: from JᵀJ, or — after a growth round that settled
    /// without refactoring — bounds from σ(J_new·N), not the batch's singular values.
    var gramSpectrumNote: String {
        guard gramEvidence?.readByGrowth == true else { return "  (from JᵀJ: pivots above the cut, Ritz bounds below, none shown under the floor)" }
        return "  (growth bounds, not the batch's singular values: σ\(numeric.rank) ≥ the lower bound, √(β² + c²) ≥ σ below the cut from σ(J_new·N), values before carried by interlacing)"
    }

    /// "; near the cut: σ2…σ3116 not computed" for a spectrum computed near the cut only
    /// (``NumericRank/skipped``), else empty.
    var skippedText: String {
        numeric.skipped > 0 ? "; near the cut: σ2…σ\(numeric.skipped + 1) not computed" : ""
    }

    /// The JSON object `nnid rank` prints (stable key order).
    public var json: JSONValue {
        func num(_ i: Int) -> JSONValue { .integer(i) }
        func dbl(_ x: Double) -> JSONValue { .double(x) }
        let n = numeric
        var members: [JSONMember] = [
            JSONMember(key: "parameters", value: num(parameterCount)),
            JSONMember(key: "functional_dimension", value: num(rank)),
            JSONMember(key: "rank_source", value: .string(exact == nil ? "numeric" : "exact")),
            JSONMember(key: "numeric", value: .object([
                JSONMember(key: "rank", value: num(n.rank)),
                JSONMember(key: "rows", value: num(n.rows)),
                JSONMember(key: "columns", value: num(n.columns)),
                JSONMember(key: "tolerance", value: dbl(n.tolerance)),
                JSONMember(key: "gap_ratio", value: n.gapRatio.map(dbl) ?? .null),
                JSONMember(key: "ambiguous", value: .bool(n.isAmbiguous)),
                JSONMember(key: "spectrum_at_cut", value: .array(n.spectrumAroundCut().map { .object([
                    JSONMember(key: "index", value: num($0.index)), JSONMember(key: "value", value: dbl($0.value)),
                ]) })),
            ] + (n.skipped > 0 ? [JSONMember(key: "not_computed", value: .object([
                JSONMember(key: "first", value: num(2)), JSONMember(key: "last", value: num(n.skipped + 1)),
            ]))] : []))),
            JSONMember(key: "exact", value: exact.map { e in .object([
                JSONMember(key: "rank", value: num(e.rank)),
                JSONMember(key: "certificate_verified", value: .bool(e.certificateVerified)),
                JSONMember(key: "agrees_with_numeric", value: .bool(e.rank == n.rank)),
            ]) } ?? .null),
            JSONMember(key: "exact_skipped", value: exactSkippedReason.map { .string($0) } ?? .null),
            JSONMember(key: "batch", value: .object([
                JSONMember(key: "points", value: num(batch.count)),
                JSONMember(key: "kink_points", value: num(batch.kinkPointCount)),
                JSONMember(key: "line_walk_points", value: num(batch.lineWalkPointCount)),
                JSONMember(key: "rare_side_points", value: num(batch.rareSidePointCount)),
                JSONMember(key: "unsaturated_points", value: num(batch.unsaturatedPointCount)),
                JSONMember(key: "directed_search_points", value: num(batch.directedSearchPointCount)),
                JSONMember(key: "placement_cap", value: batch.placementCap.map { cap in .object([
                    JSONMember(key: "budget", value: num(cap.budget)),
                    JSONMember(key: "kink_units", value: .array(cap.kinkUnits.map { .string($0.description) })),
                    JSONMember(key: "kink_points_per_side", value: num(cap.kinkPointsPerSide)),
                    JSONMember(key: "stopped", value: .array(cap.stopped.map { .string($0) })),
                ]) } ?? .null),
                JSONMember(key: "replaced_on_kink", value: num(batch.replacedOnKink)),
                JSONMember(key: "seed", value: .number(String(seed))),
                JSONMember(key: "growth", value: .array(growth.map { .object([
                    JSONMember(key: "points", value: num($0.points)), JSONMember(key: "rank", value: num($0.rank)),
                ]) })),
            ])),
            JSONMember(key: "degeneracy", value: num(degeneracy)),
            JSONMember(key: "explained", value: num(explained)),
            JSONMember(key: "explained_by", value: .object(explainedByCategory.map { JSONMember(key: $0.category.key, value: num($0.count)) })),
            JSONMember(key: "hidden", value: num(hidden)),
            JSONMember(key: "continuous_symmetry_dimension", value: num(continuousSymmetryDimension)),
            JSONMember(key: "hidden_directions", value: .array(hiddenDirections.map { d in .array(d.terms.map { t in .object([
                JSONMember(key: "parameter", value: .string(t.parameter)),
                JSONMember(key: "coefficient", value: t.exact.map { .string($0.description) } ?? dbl(t.numeric)),
            ]) }) })),
            JSONMember(key: "dead_units", value: .array(deadUnits.map { .string($0.description) })),
            JSONMember(key: "linear_units", value: .array(linearUnits.map { .string($0.unit.description) })),
        ]
        if !onWholeDomain.isEmpty {
            members.append(JSONMember(key: "degenerate_on_domain", value: .array(onWholeDomain.map { p in .object([
                JSONMember(key: "unit", value: .string(p.unit.description)),
                JSONMember(key: "behaviour", value: .string(p.behaviour == .dead ? "dead" : "linear")),
                JSONMember(key: "evidence", value: .string(p.evidence)),
            ]) })))
        }
        if let size = batch.dataSetSize {
            members.append(JSONMember(key: "data_set", value: .object([
                JSONMember(key: "points", value: num(size)),
                JSONMember(key: "used", value: num(batch.count)),
                JSONMember(key: "on_kink", value: num(batch.dataOnKink)),
                JSONMember(key: "claim", value: .string(batch.coversDataSet ? "decided" : "lower_bound")),
            ])))
        }
        if bracket.undetermined > 0 {
            // Present only when directions are undetermined (a budget stop, or an unsettled kernel).
            members.append(JSONMember(key: "bracket", value: .object([
                JSONMember(key: "seen", value: num(bracket.seen)), JSONMember(key: "bound", value: num(bracket.bound)),
                JSONMember(key: "stop", value: .string(bracket.stop.rawValue)),
            ] + (bracket.unsettled.map { [JSONMember(key: "unsettled", value: .string($0))] } ?? []))))
        }
        if let gramEvidence {
            // Present only when the Gram engine ran (its own rank, or the one a stronger engine replaced).
            members.append(JSONMember(key: "gram", value: gramEvidence.json))
        }
        if !tangentsNotInKernel.isEmpty {
            members.append(JSONMember(key: "tangents_not_in_kernel", value: .array(tangentsNotInKernel.map { .string($0.description) })))
        }
        return .object(members)
    }
}

extension CheckReport {
    /// Compiler-diagnostic style text: the summary, then one block per finding, then the verdict.
    public var text: String { text(naming: OptionNames()) }

    /// The text with each finding's heading, help line and the verdict marked, naming the
    /// settings it recommends by `names`.
    public func lines(naming names: OptionNames) -> [ReportLine] {
        var lines: [ReportLine] = []
        if let name = summary.name { lines.append(ReportLine("network:               \(name.escapingControlCharacters)")) }
        lines.append(ReportLine("architecture:          \(summary.architecture)"))
        lines += analysis.lines(naming: names)
        lines.append(ReportLine("after canonicalisation: \(reducedParameterCount) parameters" + (canonical.removedUnits.isEmpty ? " (irreducible)" : " (\(NetworkSummary(canonical.network).architecture))")))
        if let lc = learningCoefficient {
            lines.append(ReportLine("learning coefficient:  \(lc.lower) ≤ λ ≤ \(lc.upper)  (rank/2 ≤ λ ≤ rank/2 + (P − rank)/4)"))
            lines.append(ReportLine("  assuming: " + LearningCoefficientBounds.hypotheses.joined(separator: "; ")))
            if lc.rankIsAmbiguous { lines.append(ReportLine("  caveat: " + LearningCoefficientBounds.ambiguityCaveat)) }
        }
        for f in findings {
            lines.append(ReportLine(""))
            lines.append(ReportLine("\(f.code.severity.rawValue)[\(f.code.rawValue)]: \(f.message)", .finding(f.code.severity)))
            if !f.locations.isEmpty { lines.append(ReportLine("  --> " + f.locations.joined(separator: ", "))) }
            for note in f.notes { lines.append(ReportLine("  = note: \(note)")) }
            lines.append(ReportLine("  = help: \(names[.explanation]) \(f.code.rawValue)", .help))
        }
        lines.append(ReportLine(""))
        let named = verdict == .degenerateOnDomain
            ? ": " + analysis.onWholeDomain.map { "\($0.unit) \($0.behaviour == .dead ? "dead" : "linear")" }.joined(separator: ", ")
            : ""
        lines.append(ReportLine(
            "verdict: \(verdict.text)" + named + (findings.isEmpty ? "" : " (\(findings.count) finding\(findings.count == 1 ? "" : "s"))"),
            .verdict(settled: verdict == .identifiable && findings.isEmpty)))
        return lines
    }

    public var json: JSONValue {
        var members: [JSONMember] = []
        if let name = summary.name { members.append(JSONMember(key: "name", value: .string(name))) }
        members.append(JSONMember(key: "architecture", value: .string(summary.architecture)))
        members.append(JSONMember(key: "verdict", value: .string(verdict.rawValue)))
        members.append(JSONMember(key: "parameters", value: .number(String(parameterCount))))
        members.append(JSONMember(key: "reduced_parameters", value: .number(String(reducedParameterCount))))
        members.append(JSONMember(key: "reduced_architecture", value: .string(NetworkSummary(canonical.network).architecture)))
        members.append(JSONMember(key: "removed_units", value: .array(canonical.removedUnits.map { r in .object([
            JSONMember(key: "unit", value: r.unit.map { .string($0.description) } ?? .null),
            JSONMember(key: "reason", value: .string(r.reason.description)),
        ]) })))
        members.append(JSONMember(key: "functional_dimension", value: .number(String(functionalDimension))))
        members.append(JSONMember(key: "learning_coefficient", value: learningCoefficient.map { lc in .object([
            JSONMember(key: "lower", value: .string(lc.lower.description)),
            JSONMember(key: "upper", value: .string(lc.upper.description)),
            JSONMember(key: "hypotheses", value: .array(LearningCoefficientBounds.hypotheses.map { .string($0) })),
            JSONMember(key: "rank_ambiguous", value: .bool(lc.rankIsAmbiguous)),
        ]) } ?? .null))
        members.append(JSONMember(key: "rank", value: analysis.json))
        members.append(JSONMember(key: "findings", value: .array(findings.map { f in .object([
            JSONMember(key: "code", value: .string(f.code.rawValue)),
            JSONMember(key: "title", value: .string(f.code.title)),
            JSONMember(key: "message", value: .string(f.message)),
            JSONMember(key: "locations", value: .array(f.locations.map { .string($0) })),
            JSONMember(key: "notes", value: .array(f.notes.map { .string($0) })),
        ]) })))
        return .object(members)
    }
}
