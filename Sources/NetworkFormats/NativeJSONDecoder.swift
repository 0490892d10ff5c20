import Exact
import LinearAlgebra
import Networks

/// Walks a parsed document, tracking the JSON path for error messages.
struct NativeJSONDecoder {
    let file: String
    let limits: ReadLimits

    func fail(_ path: String, _ message: SettingMessage) -> FormatError {
        FormatError(file: file, place: path.isEmpty ? nil : path, message: message)
    }

    func network(from document: JSONValue) throws(FormatError) -> Network {
        guard case .object(let members) = document else { throw fail("", "expected a JSON object at the top level, found \(document.kindName)") }
        let known: Set<String> = ["format", "version", "name", "description", "inputs", "input_domain", "layers", "metadata"]
        for m in members where !known.contains(m.key) {
            throw fail(m.key, "unknown key (expected one of: \(known.sorted().joined(separator: ", ")))")
        }
        if let format = document["format"] {
            guard case .string(let f) = format, f == NativeJSONFormat.formatName else {
                throw fail("format", "expected \"\(NativeJSONFormat.formatName)\"")
            }
        }
        if let v = document["version"] {
            let version = try integer(v, "version")
            guard version == NativeJSONFormat.version else { throw fail("version", "version \(version) is not supported (this nnid reads version \(NativeJSONFormat.version))") }
        }
        var name: String? = nil
        if let n = document["name"] {
            guard case .string(let s) = n else { throw fail("name", "expected a string, found \(n.kindName)") }
            name = s
        }
        guard let inputsValue = document["inputs"] else { throw fail("inputs", "missing: the number of network inputs") }
        let inputs = try integer(inputsValue, "inputs")
        guard inputs > 0 else { throw fail("inputs", "a network needs at least one input, found \(inputs)") }
        guard let layersValue = document["layers"] else { throw fail("layers", "missing: the list of layers") }
        guard case .array(let layerValues) = layersValue, !layerValues.isEmpty else {
            throw fail("layers", "expected a non-empty array of layers")
        }
        var widths = [inputs]
        var layers: [Layer] = []
        // Weight entries (absent edges included: they take memory too) and biases still allowed.
        var budget = limits.maximumParameters
        for (k, layerValue) in layerValues.enumerated() {
            let layer = try self.layer(layerValue, path: "layers[\(k)]", number: k + 1, widths: widths, budget: &budget)
            widths.append(layer.units)
            layers.append(layer)
        }
        var domain: InputDomain? = nil
        if let d = document["input_domain"] { domain = try inputDomain(d, inputs: inputs) }
        var metadata: [String: String] = [:]
        if let meta = document["metadata"] {
            guard case .object(let ms) = meta else { throw fail("metadata", "expected an object of strings") }
            for m in ms {
                guard case .string(let s) = m.value else { throw fail("metadata.\(m.key)", "expected a string") }
                metadata[m.key] = s
            }
        }
        if let d = document["description"] {
            guard case .string(let s) = d else { throw fail("description", "expected a string") }
            metadata["description"] = s
        }
        do {
            return try Network(inputCount: inputs, layers: layers, name: name, inputDomain: domain, metadata: metadata)
        } catch {
            throw fail("layers", SettingMessage(verbatim: error.description))
        }
    }

    func integer(_ value: JSONValue, _ path: String) throws(FormatError) -> Int {
        guard case .number(let text) = value, let n = Int(text) else {
            throw fail(path, "expected a whole number, found \(value.kindName)")
        }
        return n
    }

    func rational(_ value: JSONValue, _ path: String) throws(FormatError) -> Rational {
        switch value {
        case .number(let text), .string(let text):
            do {
                return try Rational(parsing: text, limits: limits.numbers)
            } catch {
                throw fail(path, SettingMessage(verbatim: error.description))
            }
        default:
            throw fail(path, "expected an exact number (a string like \"3/4\" or a number literal), found \(value.kindName)")
        }
    }

    /// A weight matrix with `rows × columns` entries; `null` entries are absent edges.
    /// Fails unless `count` more parameters fit in what the limit leaves (`budget`), and takes them.
    func spend(_ count: (partialValue: Int, overflow: Bool), from budget: inout Int, _ path: String) throws(FormatError) {
        guard !count.overflow, count.partialValue <= budget else {
            throw fail(path, "the network has more than \(limits.maximumParameters) parameters (the limit; see \(setting: .maximumFileParameters))")
        }
        budget -= count.partialValue
    }

    /// A weight matrix with `rows × columns` entries; `null` entries are absent edges. The entries
    /// are charged to `budget` before anything is allocated.
    func weightMatrix(_ value: JSONValue, path: String, columns: Int, budget: inout Int) throws(FormatError) -> Connection.Parts {
        guard case .array(let rowValues) = value, !rowValues.isEmpty else {
            throw fail(path, "expected a non-empty array of rows")
        }
        try spend(rowValues.count.multipliedReportingOverflow(by: columns), from: &budget, path)
        var entries: [Rational] = []
        var present: [Bool] = []
        entries.reserveCapacity(rowValues.count * columns)
        present.reserveCapacity(rowValues.count * columns)
        for (i, rowValue) in rowValues.enumerated() {
            guard case .array(let row) = rowValue else { throw fail("\(path)[\(i)]", "expected a row (an array), found \(rowValue.kindName)") }
            guard row.count == columns else {
                throw fail("\(path)[\(i)]", "expected \(columns) entries (one per unit of the source layer), found \(row.count)")
            }
            for (j, entry) in row.enumerated() {
                if entry == .null {
                    entries.append(.zero)
                    present.append(false)
                } else {
                    entries.append(try rational(entry, "\(path)[\(i)][\(j)]"))
                    present.append(true)
                }
            }
        }
        return Connection.Parts(rows: rowValues.count, columns: columns, entries: entries, present: present)
    }

    func layer(_ value: JSONValue, path: String, number: Int, widths: [Int], budget: inout Int) throws(FormatError) -> Layer {
        guard case .object(let members) = value else { throw fail(path, "expected a layer object, found \(value.kindName)") }
        let known: Set<String> = ["activation", "weights", "bias", "skip", "name"]
        for m in members where !known.contains(m.key) {
            throw fail("\(path).\(m.key)", "unknown key (expected one of: \(known.sorted().joined(separator: ", ")))")
        }
        guard let actValue = value["activation"] else { throw fail("\(path).activation", "missing") }
        guard case .string(let actName) = actValue else { throw fail("\(path).activation", "expected a string") }
        guard let activation = Activation.named(actName) else {
            throw fail("\(path).activation", "unknown activation \"\(actName)\" (known: \(Activation.knownNames.joined(separator: ", ")))")
        }
        guard let weightsValue = value["weights"] else { throw fail("\(path).weights", "missing") }
        let primary = try weightMatrix(weightsValue, path: "\(path).weights", columns: widths[number - 1], budget: &budget)
        var connections = [primary.connection(source: number - 1)]
        if let skipValue = value["skip"] {
            guard case .array(let skips) = skipValue else { throw fail("\(path).skip", "expected an array of {from, weights}") }
            for (s, skip) in skips.enumerated() {
                let sp = "\(path).skip[\(s)]"
                guard case .object = skip, let fromValue = skip["from"], let w = skip["weights"] else {
                    throw fail(sp, "expected an object with \"from\" (a layer number) and \"weights\"")
                }
                try onlyKeys(skip, ["from", "weights"], sp)
                let from = try integer(fromValue, "\(sp).from")
                guard from >= 0, from < number - 1 else {
                    throw fail("\(sp).from", "a skip connection into layer \(number) must come from layer 0…\(number - 2), found \(from)")
                }
                let parts = try weightMatrix(w, path: "\(sp).weights", columns: widths[from], budget: &budget)
                guard parts.rows == primary.rows else {
                    throw fail("\(sp).weights", "expected \(primary.rows) rows (the layer's units), found \(parts.rows)")
                }
                connections.append(parts.connection(source: from))
            }
        }
        var layer = Layer(units: primary.rows, activation: activation, connections: connections, bias: nil)
        if let b = value["bias"], b != .null {
            guard case .array(let items) = b else { throw fail("\(path).bias", "expected an array of numbers or null") }
            guard items.count == primary.rows else {
                throw fail("\(path).bias", "expected \(primary.rows) biases (one per unit), found \(items.count)")
            }
            try spend((items.count, false), from: &budget, "\(path).bias")
            var out: [SymbolicConstant] = []
            for (i, item) in items.enumerated() { out.append(try biasValue(item, "\(path).bias[\(i)]", budget: &budget)) }
            layer.setBiases(out)
        }
        return layer
    }

    /// A bias: an exact number, or `{"rational": q, "tanh": [{"coefficient": c, "argument": r}, …]}`
    /// for the exact constant q + Σ c·tanh(r) (terms charged to `budget` like parameters).
    func biasValue(_ value: JSONValue, _ path: String, budget: inout Int) throws(FormatError) -> SymbolicConstant {
        guard case .object = value else { return SymbolicConstant(try rational(value, path)) }
        try onlyKeys(value, ["rational", "tanh"], path)
        let q = try value["rational"].map { v throws(FormatError) in try rational(v, "\(path).rational") } ?? .zero
        guard let termsValue = value["tanh"] else { throw fail("\(path).tanh", "missing: the terms c·tanh(r) of the constant") }
        guard case .array(let items) = termsValue else {
            throw fail("\(path).tanh", "expected an array of {\"coefficient\": c, \"argument\": r}, found \(termsValue.kindName)")
        }
        try spend((items.count, false), from: &budget, "\(path).tanh")
        var terms: [(coefficient: Rational, argument: Rational)] = []
        for (k, item) in items.enumerated() {
            let tp = "\(path).tanh[\(k)]"
            guard case .object = item, let c = item["coefficient"], let r = item["argument"] else {
                throw fail(tp, "expected {\"coefficient\": c, \"argument\": r} for the term c·tanh(r)")
            }
            try onlyKeys(item, ["coefficient", "argument"], tp)
            terms.append((try rational(c, "\(tp).coefficient"), try rational(r, "\(tp).argument")))
        }
        return SymbolicConstant(rational: q, tanhTerms: terms)
    }

    /// Fails on the first key of the object `value` that is not in `known`, naming its path.
    func onlyKeys(_ value: JSONValue, _ known: [String], _ path: String) throws(FormatError) {
        guard case .object(let members) = value else { return }
        for m in members where !known.contains(m.key) {
            throw fail("\(path).\(m.key)", "unknown key (expected \(known.map { "\"\($0)\"" }.joined(separator: " or ")))")
        }
    }

    /// `{"box": …}`, `{"gaussian": {"mean": …, "std": …}}` or `{"data": [[…], …]}`: exactly one
    /// of them, and no other key (a misspelt `"sd"` must not silently mean std 1).
    func inputDomain(_ value: JSONValue, inputs: Int) throws(FormatError) -> InputDomain {
        guard case .object(let members) = value else {
            throw fail("input_domain", "expected {\"box\": …} or {\"gaussian\": {\"mean\": …, \"std\": …}}, found \(value.kindName)")
        }
        try onlyKeys(value, ["box", "gaussian", "data"], "input_domain")
        guard members.count == 1 else {
            throw fail("input_domain", "give one of \"box\", \"gaussian\" or \"data\", not several")
        }
        if let box = value["box"] {
            guard case .array(let items) = box else { throw fail("input_domain.box", "expected [lower, upper] or one [lower, upper] per input") }
            var pairs: [JSONValue] = items
            if items.count == 2, items.allSatisfy({ if case .array = $0 { return false }; return true }) {
                pairs = Array(repeating: .array(items), count: inputs)
            }
            guard pairs.count == inputs else { throw fail("input_domain.box", "expected \(inputs) intervals (one per input), found \(pairs.count)") }
            var lower: [Rational] = [], upper: [Rational] = []
            for (i, p) in pairs.enumerated() {
                guard case .array(let ends) = p, ends.count == 2 else { throw fail("input_domain.box[\(i)]", "expected [lower, upper]") }
                let lo = try rational(ends[0], "input_domain.box[\(i)][0]"), hi = try rational(ends[1], "input_domain.box[\(i)][1]")
                guard lo < hi else { throw fail("input_domain.box[\(i)]", "lower end \(lo) is not below upper end \(hi)") }
                lower.append(lo)
                upper.append(hi)
            }
            return .box(lower: lower, upper: upper)
        }
        if let g = value["gaussian"] {
            guard case .object = g else {
                throw fail("input_domain.gaussian", "expected {\"mean\": …, \"std\": …} (either may be left out: mean 0, std 1), found \(g.kindName)")
            }
            try onlyKeys(g, ["mean", "std"], "input_domain.gaussian")
            let mean = try g["mean"].map { v throws(FormatError) in try rational(v, "input_domain.gaussian.mean") } ?? .zero
            let sd = try g["std"].map { v throws(FormatError) in try rational(v, "input_domain.gaussian.std") } ?? .one
            guard sd.signum > 0 else { throw fail("input_domain.gaussian.std", "the standard deviation must be positive") }
            return .gaussian(mean: mean, standardDeviation: sd)
        }
        if let data = value["data"] {
            guard case .array(let rows) = data, !rows.isEmpty else { throw fail("input_domain.data", "expected a nonempty array of inputs") }
            var points: [[Rational]] = []
            points.reserveCapacity(rows.count)
            for (k, row) in rows.enumerated() {
                guard case .array(let items) = row, items.count == inputs else {
                    throw fail("input_domain.data[\(k)]", "expected an array of \(inputs) numbers (one input)")
                }
                var point: [Rational] = []
                for (i, item) in items.enumerated() { point.append(try rational(item, "input_domain.data[\(k)][\(i)]")) }
                points.append(point)
            }
            return .data(points: points)
        }
        throw fail("input_domain", "expected {\"box\": …}, {\"gaussian\": {\"mean\": …, \"std\": …}} or {\"data\": [[…], …]}")
    }
}
