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

    /// Evaluates exactly when possible, else in `Double`, and says which.
    public init(network: Network, input: [Rational]) throws(NetworkError) {
        self.input = input
        do {
            let result = try network.evaluateExactly(input)
            outputs = .exact(result.outputs)
            kinks = result.kinks
        } catch .notExact(let activation, let unit) {
            let y = try network.evaluate(input.map(\.doubleValue))
            outputs = .floatingPoint(y, reason: "\(activation) at \(unit) has an irrational value")
            kinks = []
        }
    }

    public var text: String {
        var lines: [String] = []
        switch outputs {
        case .exact(let y):
            lines.append("outputs (exact): " + y.map(\.description).joined(separator: ", "))
        case .floatingPoint(let y, let reason):
            lines.append("outputs (floating point, Double): " + y.map { "\($0)" }.joined(separator: ", "))
            lines.append("note: not exact: \(reason)")
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
            members.append(JSONMember(key: "outputs", value: .array(y.map { .number("\($0)") })))
            members.append(JSONMember(key: "reason", value: .string(reason)))
        }
        members.append(JSONMember(key: "kinks", value: .array(kinks.map { .string($0.description) })))
        return .object(members)
    }
}
