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
                JSONMember(key: "value", value: c.value.map(NativeJSONFormat.constantJSON) ?? .null),
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
            form.network.symbolicBiases.map { JSONMember(key: $0.unit.description, value: NativeJSONFormat.constantJSON($0.value)) })))
        members.append(JSONMember(key: "effective_biases", value: .object(
            form.effectiveBiases.sorted { $0.key < $1.key }.map { JSONMember(key: $0.key.description, value: NativeJSONFormat.constantJSON($0.value)) })))
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
            case .constant(let value): return JSONMember(key: operand.key, value: NativeJSONFormat.constantJSON(value))
            }
        })
    }
}
