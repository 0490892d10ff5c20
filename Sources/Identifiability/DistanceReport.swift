/// What `nnid equiv A B --within EPS` reports: the distance of two networks up to symmetry.
public struct DistanceReport: Sendable {
    public let distance: NetworkDistance
    public init(distance: NetworkDistance) { self.distance = distance }

    public var verdictName: String {
        switch distance.verdict {
        case .within: return "within"
        case .notWithin: return "not within"
        case .undecided: return "undecided"
        }
    }

    var boxText: String {
        let d = distance
        if Set(d.lower).count == 1 && Set(d.upper).count == 1, let l = d.lower.first, let u = d.upper.first {
            return "[\(l), \(u)]^\(d.lower.count)"
        }
        return zip(d.lower, d.upper).map { "[\($0), \($1)]" }.joined(separator: " × ")
    }

    public var text: String {
        let d = distance
        var lines = ["aligned: B's canonical form to A's (a minimum-cost assignment of hidden units per layer; the canonical forms fix scalings and signs)"]
        if let p = d.worstParameter {
            let bits = d.bitsOfPrecision.map { "; \($0) bits of precision (max |Δθ| ≤ 2^-\($0))" } ?? ""
            lines.append("largest parameter difference: \(d.largestParameterDifference) ≈ \(Self.decimal(d.largestParameterDifference, up: false)) at \(p)\(bits)")
        } else {
            lines.append("largest parameter difference: 0 (the aligned canonical forms are equal)")
        }
        lines.append("input box: \(boxText)")
        if let bound = d.outputBound {
            lines.append("certified bound: max |f_A − f_B| ≤ \(Self.decimal(bound, up: true)) on the box (interval propagation of the differences in ball arithmetic)")
        } else {
            lines.append("certified bound: none (an enclosure was unbounded)")
        }
        if let s = d.sample {
            lines.append("largest difference at \(d.samples) sampled inputs: \(short(s.doubleDifference)) (Double), certified ≥ \(Self.decimal(s.certifiedLowerBound, up: false)), at input " + s.input.map(\.description).joined(separator: ", "))
        }
        let why: String
        switch d.verdict {
        case .within: why = "the certified bound is at most ε"
        case .notWithin: why = "a sampled input differs by more than ε, certified"
        case .undecided: why = "the certified bound exceeds ε and no sampled input differs by more than ε"
        }
        lines.append("verdict: \(verdictName) ε = \(d.epsilon) on the box (\(why))")
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        let d = distance
        var members = [
            JSONMember(key: "verdict", value: .string(String(verdictName.map { $0 == " " ? "_" : $0 }))),
            JSONMember(key: "epsilon", value: .string(d.epsilon.description)),
            JSONMember(key: "box_lower", value: .array(d.lower.map { .string($0.description) })),
            JSONMember(key: "box_upper", value: .array(d.upper.map { .string($0.description) })),
            JSONMember(key: "largest_parameter_difference", value: .string(d.largestParameterDifference.description)),
            JSONMember(key: "permutations", value: .array(d.permutations.map { .array($0.map { .number("\($0)") }) })),
        ]
        if let p = d.worstParameter { members.append(JSONMember(key: "worst_parameter", value: .string(p.description))) }
        if let b = d.bitsOfPrecision { members.append(JSONMember(key: "bits_of_precision", value: .number("\(b)"))) }
        if let bound = d.outputBound { members.append(JSONMember(key: "output_difference_bound", value: .string(bound.description))) }
        if let s = d.sample {
            members.append(JSONMember(key: "sampled", value: .object([
                JSONMember(key: "samples", value: .number("\(d.samples)")),
                JSONMember(key: "input", value: .array(s.input.map { .string($0.description) })),
                JSONMember(key: "double_difference", value: .number(EvaluationReport.text(of: s.doubleDifference))),
                JSONMember(key: "certified_lower_bound", value: .string(s.certifiedLowerBound.description)),
            ])))
        }
        return .object(members)
    }

    /// q > 0 in decimal with four significant digits, `m.mmme±k`, rounded up (`up`) or down, so
    /// that the text is itself a bound on the same side; `0` for q = 0.
    static func decimal(_ q: Rational, up: Bool) -> String {
        DecimalText.scientific(q, digits: 3, tie: up ? .up : .down)
    }
}
