/// What `nnid canon` reports: the canonical form's size, what was removed or merged and why,
/// the symmetry group stripped, constants kept, and the steps.
public struct CanonicalReport: Sendable {
    public let input: Network
    public let form: CanonicalForm

    public init(input: Network, form: CanonicalForm) {
        self.input = input
        self.form = form
    }

    private var widths: (String, String) {
        (input.widths.map(String.init).joined(separator: "-"), form.network.widths.map(String.init).joined(separator: "-"))
    }

    public var text: String {
        let (before, after) = widths
        var lines = [
            "canonical form: widths \(before) → \(after), parameters \(input.parameterCount) → \(form.network.parameterCount)",
            "symmetry stripped: \(form.inputSymmetry)",
        ]
        let removed = form.removedUnits.filter { if case .duplicate = $0.reason { false } else { true } }
        if removed.isEmpty && form.mergedUnits.isEmpty {
            lines.append("irreducible: no unit removed or merged")
        }
        for unit in removed { lines.append("removed \(unit)") }
        for unit in form.mergedUnits { lines.append("merged \(unit)") }
        for constant in form.constants { lines.append("constant \(constant)") }
        for (unit, value) in form.network.symbolicBiases {
            lines.append("exact bias of \(unit): \(value)")
        }
        for (unit, value) in form.effectiveBiases.sorted(by: { $0.key < $1.key }) {
            lines.append("effective bias of \(unit): \(value)")
        }
        lines.append("steps: \(form.record.steps.count)")
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        func unit(_ u: UnitID?) -> JSONValue { u.map { .string($0.description) } ?? .null }
        var members: [JSONMember] = [
            JSONMember(key: "input_widths", value: .array(input.widths.map { .number("\($0)") })),
            JSONMember(key: "canonical_widths", value: .array(form.network.widths.map { .number("\($0)") })),
            JSONMember(key: "input_parameters", value: .number("\(input.parameterCount)")),
            JSONMember(key: "canonical_parameters", value: .number("\(form.network.parameterCount)")),
            JSONMember(key: "symmetry_stripped", value: .string(form.inputSymmetry.description)),
            JSONMember(key: "symmetry_dimension", value: .number("\(form.inputSymmetry.dimension)")),
        ]
        members.append(JSONMember(key: "removed", value: .array(form.removedUnits.map { r in
            var m = [JSONMember(key: "unit", value: unit(r.unit))]
            switch r.reason {
            case .zeroOutgoing: m.append(JSONMember(key: "reason", value: .string("zero_outgoing")))
            case .constant(let v):
                m.append(JSONMember(key: "reason", value: .string("constant")))
                m.append(JSONMember(key: "value", value: .string(v.description)))
            case .duplicate(let of):
                m.append(JSONMember(key: "reason", value: .string("duplicate")))
                m.append(JSONMember(key: "of", value: unit(of)))
            case .linearRank(let rank):
                m.append(JSONMember(key: "reason", value: .string("linear_rank")))
                m.append(JSONMember(key: "rank", value: .number("\(rank)")))
            }
            return .object(m)
        })))
        members.append(JSONMember(key: "constants", value: .array(form.constants.map { c in
            .object([
                JSONMember(key: "unit", value: .string(c.unit.description)),
                JSONMember(key: "value", value: c.value.map { .string($0.description) } ?? .null),
                JSONMember(key: "bias", value: .string(c.bias.description)),
                JSONMember(key: "kept_because", value: .string({
                    switch c.whyKept {
                    case .noBiasDownstream(let layer): return "layer\(layer) has no biases"
                    case .notRepresentable: return "not of the form q + Σ c·tanh(r)"
                    }
                }())),
            ])
        })))
        members.append(JSONMember(key: "symbolic_biases", value: .object(
            form.network.symbolicBiases.map { JSONMember(key: $0.unit.description, value: .string($0.value.description)) })))
        members.append(JSONMember(key: "effective_biases", value: .object(
            form.effectiveBiases.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key.description, value: .string($0.value.description)) })))
        members.append(JSONMember(key: "steps", value: .array(form.record.steps.map(Self.stepJSON))))
        members.append(JSONMember(key: "network", value: NativeJSONFormat.document(form.network)))
        return .object(members)
    }

    /// One step in its one JSON form (`CanonicalizationStep.operands`): `op`, then the operands.
    public static func stepJSON(_ step: CanonicalizationStep) -> JSONValue {
        .object([JSONMember(key: "op", value: .string(step.operation))] + step.operands.map { operand in
            switch operand.value {
            case .integer(let n): return JSONMember(key: operand.key, value: .number("\(n)"))
            case .integers(let ns): return JSONMember(key: operand.key, value: .array(ns.map { .number("\($0)") }))
            case .text(let text): return JSONMember(key: operand.key, value: .string(text))
            case .constant(let value):
                return JSONMember(key: operand.key, value: value.isRational ? .string(value.rational.description) : NativeJSONFormat.symbolicDocument(value))
            }
        })
    }
}

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
