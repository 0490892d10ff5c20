import Exact
import LinearAlgebra
import Networks

/// nnid's native network format: JSON with exact numbers. Specified in `docs/network-format.md`.
///
/// ```json
/// {
///   "format": "nnid-network", "version": 1,
///   "name": "relu-2-2-1",
///   "inputs": 2,
///   "input_domain": {"box": [["-1", "1"], ["-1", "1"]]},
///   "layers": [
///     {"activation": "relu", "weights": [["1", "-1/2"], [2, 0.5]], "bias": ["0", "1/4"]},
///     {"activation": "identity", "weights": [["1", "1"]], "bias": ["0"],
///      "skip": [{"from": 0, "weights": [["1", null]]}]}
///   ]
/// }
/// ```
///
/// Numbers are strings in ``Rational/init(parsing:limits:)`` syntax (`"3/4"`, `"-0.125"`,
/// `"1e-3"`) or JSON number literals read exactly **from their decimal text** (`0.1` is 1/10).
/// `null` in a weight matrix marks an absent edge (not a parameter). A bias may be an exact
/// irrational constant q + Σ cₖ·tanh(rₖ) (what `nnid canon` writes where it folded a constant
/// unit with an irrational output), written as an object:
/// `{"rational": "1/2", "tanh": [{"coefficient": "2", "argument": "2/5"}]}` for 1/2 + 2·tanh(2/5).
public enum NativeJSONFormat {
    /// The value of the `format` key.
    public static let formatName = "nnid-network"
    public static let version = 1

    /// Reads a network from the format's JSON text.
    /// - Parameter file: the file name used in error messages.
    public static func decode(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws(FormatError) -> Network {
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes, limits: limits.json)
        } catch {
            throw FormatError(file: file, message: "invalid JSON at \(error)")
        }
        return try NativeJSONDecoder(file: file, limits: limits).network(from: document)
    }

    /// Writes a network as the format's JSON text (numbers as exact strings, one matrix row a line).
    public static func encode(_ network: Network) -> String { document(network).serialized(indent: 2) + "\n" }

    /// The native JSON document of `network`, as a value (what ``encode(_:)`` serialises).
    public static func document(_ network: Network) -> JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "format", value: .string(formatName)),
            JSONMember(key: "version", value: .number("\(version)")),
        ]
        if let name = network.name { members.append(JSONMember(key: "name", value: .string(name))) }
        // The reader keeps the top-level `description` in the metadata; it goes back where it came from.
        if let description = network.metadata["description"] {
            members.append(JSONMember(key: "description", value: .string(description)))
        }
        members.append(JSONMember(key: "inputs", value: .number("\(network.inputCount)")))
        if let domain = network.inputDomain {
            switch domain {
            case .box(let lower, let upper):
                let intervals = zip(lower, upper).map { JSONValue.array([.string($0.description), .string($1.description)]) }
                members.append(JSONMember(key: "input_domain", value: .object([JSONMember(key: "box", value: .array(intervals))])))
            case .gaussian(let mean, let sd):
                let g = JSONValue.object([JSONMember(key: "mean", value: .string(mean.description)), JSONMember(key: "std", value: .string(sd.description))])
                members.append(JSONMember(key: "input_domain", value: .object([JSONMember(key: "gaussian", value: g)])))
            case .data(let points):
                let rows = JSONValue.array(points.map { .array($0.map { .string($0.description) }) })
                members.append(JSONMember(key: "input_domain", value: .object([JSONMember(key: "data", value: rows)])))
            }
        }
        var layers: [JSONValue] = []
        for (index, layer) in network.layers.enumerated() {
            var m: [JSONMember] = [JSONMember(key: "activation", value: .string(layer.activation.name))]
            func matrix(_ c: Connection) -> JSONValue {
                .array((0..<c.weights.rows).map { i in
                    .array((0..<c.weights.columns).map { j in c.hasEdge(i, j) ? .string(c.weights[i, j].description) : .null })
                })
            }
            let primary = layer.connections.first { $0.source == index }
            if let primary { m.append(JSONMember(key: "weights", value: matrix(primary))) }
            if let bias = layer.bias {
                m.append(JSONMember(key: "bias", value: .array(bias.indices.map { i in
                    layer.symbolicBias[i].map(constantJSON) ?? .string(bias[i].description)
                })))
            }
            let skips = layer.connections.filter { $0.source != index }
            if !skips.isEmpty {
                m.append(JSONMember(key: "skip", value: .array(skips.map {
                    .object([JSONMember(key: "from", value: .number("\($0.source)")), JSONMember(key: "weights", value: matrix($0))])
                })))
            }
            layers.append(.object(m))
        }
        members.append(JSONMember(key: "layers", value: .array(layers)))
        let metadataKeys = network.metadata.keys.filter { $0 != "description" }.sorted()
        if !metadataKeys.isEmpty {
            members.append(JSONMember(key: "metadata", value: .object(metadataKeys.map {
                JSONMember(key: $0, value: .string(network.metadata[$0] ?? ""))
            })))
        }
        return JSONValue.object(members)
    }
}

extension NativeJSONFormat {
    /// A constant q + Σ c·tanh(r) in its one JSON form, the network file's (a bias): the exact
    /// number q as a string when there is no tanh term, else
    /// `{"rational": q, "tanh": [{"coefficient": c, "argument": r}, …]}`. Reports use it too.
    public static func constantJSON(_ s: SymbolicConstant) -> JSONValue {
        guard !s.isRational else { return .string(s.rational.description) }
        return .object([
            JSONMember(key: "rational", value: .string(s.rational.description)),
            JSONMember(key: "tanh", value: .array(s.terms.map { t in
                .object([
                    JSONMember(key: "coefficient", value: .string(t.coefficient.description)),
                    JSONMember(key: "argument", value: .string(t.argument.description)),
                ])
            })),
        ])
    }
}

extension Connection {
    /// A decoded weight matrix before it knows its source layer.
    struct Parts {
        let rows: Int
        let columns: Int
        let entries: [Rational]
        let present: [Bool]

        func connection(source: Int) -> Connection {
            let dense = present.allSatisfy { $0 }
            return Connection(
                source: source,
                weights: Matrix(rows: rows, columns: columns, elements: entries) ?? Matrix(rows: 0, columns: 0, repeating: .zero),
                present: dense ? nil : Matrix(rows: rows, columns: columns, elements: present))
        }
    }
}
