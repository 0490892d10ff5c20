/// What `nnid eval` reports: the outputs at one input, exactly where possible.
public struct EvaluationReport: Sendable, Equatable {
    public enum Outputs: Sendable, Equatable {
        /// Exact rational outputs (every activation was rational at the values it met).
        case exact([Rational])
        /// Floating-point outputs (`Double`, weights rounded to nearest): some activation value
        /// is irrational.
        case floatingPoint([Double], reason: String)
    }
    public let input: [Rational]
    public let outputs: Outputs
    /// Units whose pre-activation is exactly 0 at a kink (only known in exact evaluation).
    public let kinks: [UnitID]
    /// When the outputs are irrational: certified enclosures of the exact outputs (Arb ball
    /// arithmetic, precision raised until each is accurate to about 2⁻⁵³ relative), `nil` when
    /// the outputs are exact or the activations admit no certified evaluation.
    public let enclosures: CertifiedEvaluation?

    /// Evaluates exactly when possible, else in `Double`, and says which: an irrational
    /// activation value, or an exact value beyond `ExactEvaluationLimits.maximumBits`, makes
    /// the outputs floating point, with the reason.
    public init(network: Network, input: [Rational]) throws(NetworkError) {
        self.input = input
        do {
            let result = try network.evaluateExactly(input)
            outputs = .exact(result.outputs)
            kinks = result.kinks
            enclosures = nil
        } catch .notExact(let activation, let unit) {
            let y = try network.evaluate(input.map(\.doubleValue))
            outputs = .floatingPoint(y, reason: "\(activation) at \(unit) has an irrational value")
            kinks = []
            enclosures = network.evaluateCertified(input, accurateTo: 53)
        } catch .irrationalBias(let unit, let value) {
            let y = try network.evaluate(input.map(\.doubleValue))
            outputs = .floatingPoint(y, reason: "the bias of \(unit) is the irrational constant \(value)")
            kinks = []
            enclosures = network.evaluateCertified(input, accurateTo: 53)
        } catch .exactValueTooLarge(let unit, let bits, let limit) {
            let y = try network.evaluate(input.map(\.doubleValue))
            outputs = .floatingPoint(y, reason: "the exact pre-activation of \(unit) has \(bits) bits, beyond the limit of \(limit) bits for exact evaluation (ExactEvaluationLimits)")
            kinks = []
            enclosures = nil
        }
    }

    /// Why some floating-point outputs are infinite or NaN: weights, inputs or intermediate values
    /// beyond `Double`'s range (about 1.8e308). `nil` when every output is finite or exact.
    public var nonFiniteNote: String? {
        guard case .floatingPoint(let y, _) = outputs, y.contains(where: { !$0.isFinite }) else { return nil }
        return "some outputs are not finite: a weight, input or intermediate value exceeds Double's range (about 1.8e308); the exact value is not available (see the reason)"
    }

    /// Swift's shortest round-trip text of a `Double` (valid JSON for finite values); `inf`,
    /// `-inf`, and `nan` whatever the NaN's sign bit.
    static func text(of value: Double) -> String {
        value.isNaN ? "nan" : "\(value)"
    }

    public var text: String {
        var lines: [String] = []
        switch outputs {
        case .exact(let y):
            lines.append("outputs (exact): " + y.map(\.description).joined(separator: ", "))
        case .floatingPoint(let y, let reason):
            lines.append("outputs (floating point, Double): " + y.map(Self.text(of:)).joined(separator: ", "))
            if let e = enclosures {
                lines.append("certified enclosures (Arb, \(e.precision)-bit ball arithmetic): " + e.outputs.map(\.text).joined(separator: ", "))
            }
            lines.append("note: not exact: \(reason)" + (enclosures == nil ? "" : "; each exact output lies in its certified enclosure"))
            if let note = nonFiniteNote { lines.append("note: \(note)") }
        }
        if !kinks.isEmpty {
            lines.append("note: pre-activation exactly 0 at a kink: " + kinks.map(\.description).joined(separator: ", "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        var members = [JSONMember(key: "input", value: .array(input.map { .string($0.description) }))]
        switch outputs {
        case .exact(let y):
            members.append(JSONMember(key: "exact", value: .bool(true)))
            members.append(JSONMember(key: "outputs", value: .array(y.map { .string($0.description) })))
        case .floatingPoint(let y, let reason):
            members.append(JSONMember(key: "exact", value: .bool(false)))
            // JSON has no infinities or NaN: such outputs are the strings "inf", "-inf", "nan".
            members.append(JSONMember(key: "outputs", value: .array(y.map { $0.isFinite ? .number(Self.text(of: $0)) : .string(Self.text(of: $0)) })))
            members.append(JSONMember(key: "reason", value: .string(reason)))
            if let e = enclosures {
                members.append(JSONMember(key: "enclosures", value: .array(e.outputs.map { .string($0.text) })))
                members.append(JSONMember(key: "enclosure_precision_bits", value: .number("\(e.precision)")))
            }
            if let note = nonFiniteNote { members.append(JSONMember(key: "note", value: .string(note))) }
        }
        members.append(JSONMember(key: "kinks", value: .array(kinks.map { .string($0.description) })))
        return .object(members)
    }
}
