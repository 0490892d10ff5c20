/// What `nnid info` reports about a network: its architecture and parameter counts.
public struct NetworkSummary: Sendable, Equatable {
    public struct LayerSummary: Sendable, Equatable {
        public let number: Int
        public let units: Int
        public let activation: String
        public let sources: [Int]
        public let hasBias: Bool
        public let absentEdges: Int
    }
    public let name: String?
    public let inputs: Int
    public let layers: [LayerSummary]
    public let parameterCount: Int
    public let weightCount: Int
    public let biasCount: Int
    public let hiddenUnits: Int
    public let inputDomain: InputDomain?

    public init(_ network: Network) {
        name = network.name
        inputs = network.inputCount
        layers = network.layers.enumerated().map { k, layer in
            LayerSummary(
                number: k + 1, units: layer.units, activation: layer.activation.name,
                sources: layer.connections.map(\.source), hasBias: layer.bias != nil,
                absentEdges: layer.connections.reduce(0) { $0 + ($1.present?.elements.filter { !$0 }.count ?? 0) })
        }
        parameterCount = network.parameterCount
        biasCount = network.layers.reduce(0) { $0 + ($1.bias?.count ?? 0) }
        weightCount = parameterCount - biasCount
        hiddenUnits = network.hiddenUnits.count
        inputDomain = network.inputDomain
    }

    /// `2 → 3 relu → 1 identity`.
    public var architecture: String {
        ([String(inputs)] + layers.map { "\($0.units) \($0.activation)" }).joined(separator: " → ")
    }

    public var text: String {
        var lines: [String] = []
        if let name { lines.append("network:      \(name.escapingControlCharacters)") }
        lines.append("architecture: \(architecture)")
        lines.append("parameters:   \(parameterCount) (\(weightCount) weights, \(biasCount) biases)")
        lines.append("hidden units: \(hiddenUnits)")
        let skips = layers.flatMap { l in l.sources.filter { $0 != l.number - 1 }.map { "layer\($0) → layer\(l.number)" } }
        if !skips.isEmpty { lines.append("skip edges:   \(skips.joined(separator: ", "))") }
        let absent = layers.reduce(0) { $0 + $1.absentEdges }
        if absent > 0 { lines.append("absent edges: \(absent) (pruned; not parameters)") }
        let noBias = layers.filter { !$0.hasBias }.map { "layer\($0.number)" }
        if !noBias.isEmpty { lines.append("no biases in: \(noBias.joined(separator: ", "))") }
        lines.append("input domain: \(inputDomain.map(Self.describe) ?? "not given (analyses default to the box [-1, 1]^\(inputs))")")
        return lines.joined(separator: "\n") + "\n"
    }

    public var json: JSONValue {
        var members: [JSONMember] = []
        if let name { members.append(JSONMember(key: "name", value: .string(name))) }
        members.append(JSONMember(key: "inputs", value: .number("\(inputs)")))
        members.append(JSONMember(key: "layers", value: .array(layers.map { l in
            .object([
                JSONMember(key: "layer", value: .number("\(l.number)")),
                JSONMember(key: "units", value: .number("\(l.units)")),
                JSONMember(key: "activation", value: .string(l.activation)),
                JSONMember(key: "sources", value: .array(l.sources.map { .number("\($0)") })),
                JSONMember(key: "bias", value: .bool(l.hasBias)),
                JSONMember(key: "absent_edges", value: .number("\(l.absentEdges)")),
            ])
        })))
        members.append(JSONMember(key: "parameters", value: .number("\(parameterCount)")))
        members.append(JSONMember(key: "weights", value: .number("\(weightCount)")))
        members.append(JSONMember(key: "biases", value: .number("\(biasCount)")))
        members.append(JSONMember(key: "hidden_units", value: .number("\(hiddenUnits)")))
        members.append(JSONMember(key: "input_domain", value: inputDomain.map { .string(Self.describe($0)) } ?? .null))
        return .object(members)
    }

    static func describe(_ domain: InputDomain) -> String {
        switch domain {
        case .box(let lower, let upper):
            let intervals = zip(lower, upper).map { "[\($0), \($1)]" }
            if Set(intervals).count == 1, let first = intervals.first { return "box \(first)^\(intervals.count)" }
            return "box " + intervals.joined(separator: " × ")
        case .gaussian(let mean, let sd): return "gaussian, mean \(mean), standard deviation \(sd)"
        case .data(let points): return "data, \(points.count) point\(points.count == 1 ? "" : "s")"
        }
    }
}
