/// What `nnid equiv` reports: the verdict, the fact it rests on, and a witness if any.
public struct EquivalenceReport: Sendable {
    public let result: EquivalenceResult
    public init(result: EquivalenceResult) { self.result = result }

    public var verdictName: String {
        switch result.verdict {
        case .equivalent: return "equivalent"
        case .notEquivalent: return "not equivalent"
        case .undecided: return "undecided"
        }
    }

    public var text: String {
        var lines = ["verdict: \(verdictName)"]
        switch result.verdict {
        case .equivalent(let basis): lines.append("because: \(basis)")
        case .notEquivalent(let witness, let basis):
            lines.append("because: \(basis)")
            if let w = witness {
                lines.append("witness input: " + w.input.map(\.description).joined(separator: ", "))
                lines.append("outputs A: " + w.outputsA.joined(separator: ", "))
                lines.append("outputs B: " + w.outputsB.joined(separator: ", "))
                if let p = w.precision {
                    lines.append("certified at \(p) bits: |f_A − f_B| ≥ \(w.difference) at this input (the gap between disjoint enclosures)")
                }
            }
        case .undecided(let reason): lines.append("because: \(reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        var members = [JSONMember(key: "verdict", value: .string(verdictName.replacingSpaces))]
        switch result.verdict {
        case .equivalent(let basis): members.append(JSONMember(key: "basis", value: .string(basis)))
        case .notEquivalent(let witness, let basis):
            members.append(JSONMember(key: "basis", value: .string(basis)))
            if let w = witness {
                var m = [
                    JSONMember(key: "input", value: .array(w.input.map { .string($0.description) })),
                    JSONMember(key: "exact", value: .bool(w.exact)),
                    JSONMember(key: "outputs_a", value: .array(w.outputsA.map { .string($0) })),
                    JSONMember(key: "outputs_b", value: .array(w.outputsB.map { .string($0) })),
                ]
                if let p = w.precision {
                    m.append(JSONMember(key: "precision_bits", value: .number("\(p)")))
                    m.append(JSONMember(key: "difference_lower_bound", value: .string(w.differenceLowerBound.description)))
                }
                members.append(JSONMember(key: "witness", value: .object(m)))
            }
        case .undecided(let reason): members.append(JSONMember(key: "reason", value: .string(reason)))
        }
        return .object(members)
    }
}

extension String {
    fileprivate var replacingSpaces: String { String(map { $0 == " " ? "_" : $0 }) }
}
