import Exact
import LinearAlgebra
import Networks

/// Builds a ``Network`` from an ONNX graph: the architecture, activations included, comes from
/// the graph itself.
///
/// Nodes are visited in dependency order (Kahn's algorithm; a graph with a cycle is refused,
/// naming a node on it). Each value is tracked as an affine function of the layers built so far
/// (``OnnxAffine``); the operators read are
///
/// - `Gemm(A, B, C)` with `alpha`, `beta`, `transB` (`transA = 0`): Y = alpha·A·B′ + beta·C, where
///   B′ = Bᵀ when `transB = 1`; on a row vector a this is the layer W·a + b with
///   W = alpha·B′ᵀ and b = beta·C (broadcast);
/// - `MatMul(A, B)` (W = Bᵀ) and `Add` of a constant (a bias) or of two values (a skip connection);
/// - `Relu`, `LeakyRelu` (its `alpha`, a float32, is read as that float's exact rational), `Tanh`,
///   `Sigmoid`, `Abs`: each makes a layer with that activation; `Identity` makes an
///   identity-activation layer unless its input already is one layer's output;
/// - `Flatten` (axis 1) and `Reshape` to [1 or −1 or 0, width] or [width]: no-ops on vectors;
/// - `Constant`: a constant tensor (such as `Reshape`'s shape).
///
/// Any other operator is refused, naming the node and its op. The graph output becomes the
/// output layer (an identity layer unless it already is the last layer's output).
struct OnnxGraphReader {
    let graph: Onnx_GraphProto
    let file: String
    var budget: Int
    var layers: [Layer] = []
    var values: [String: OnnxAffine] = [:]
    var constants: [String: NamedTensor] = [:]
    var initializers: [String: Onnx_TensorProto] = [:]

    /// LeakyRelu's default alpha: the float32 nearest 0.01, exactly.
    static let defaultLeakyAlpha: Rational = (try? Rational(exactly: Float(0.01))) ?? .zero

    init(graph: Onnx_GraphProto, file: String, maximumParameters: Int) {
        self.graph = graph
        self.file = file
        self.budget = maximumParameters
    }

    func fail(_ node: Onnx_NodeProto?, _ message: SettingMessage) -> FormatError {
        FormatError(file: file, place: node.map { "node \"\($0.name.isEmpty ? $0.output.first ?? "?" : $0.name)\" (\($0.opType))" }, message: message)
    }

    /// The network: (input count, layers).
    mutating func read() throws(FormatError) -> (inputs: Int, layers: [Layer]) {
        for t in graph.initializer { initializers[t.name] = t }
        let inputs = try inputWidth()
        values[inputs.name] = .output(of: 0, width: inputs.width)
        for node in try dependencyOrder() { try apply(node) }
        guard graph.output.count == 1, let out = values[graph.output[0].name] else {
            throw FormatError(file: file, message: "the graph must have one output computed by its nodes (found \(graph.output.count) outputs)")
        }
        if out.bareSource != layers.count || layers.isEmpty {
            if let s = out.bareSource, s < layers.count, s > 0 {
                throw FormatError(file: file, message: "the graph's output is layer \(s), but later layers do not feed it")
            }
            try addLayer(out, activation: .identity, node: nil)
        }
        return (inputs.width, layers)
    }

    /// The one graph input that is not an initializer, and its width (the last dimension).
    func inputWidth() throws(FormatError) -> (name: String, width: Int) {
        let real = graph.input.filter { initializers[$0.name] == nil }
        guard real.count == 1, let input = real.first else {
            throw FormatError(file: file, message: "the graph must have exactly one input besides its initializers (found \(real.map(\.name)))")
        }
        let dims = input.type.tensorType.shape.dim
        guard let last = dims.last, case .dimValue(let w)? = last.value, w > 0, w <= Int64(budget) else {
            throw FormatError(file: file, place: "input \"\(input.name)\"", message: "its last dimension must be a fixed number of features")
        }
        guard dims.dropLast().allSatisfy({ if case .dimValue(let d)? = $0.value { return d == 1 } else { return true } }) else {
            throw FormatError(file: file, place: "input \"\(input.name)\"", message: "only a batch of vectors [N, features] is read")
        }
        return (input.name, Int(w))
    }

    /// The nodes in an order where every input is computed before it is used.
    func dependencyOrder() throws(FormatError) -> [Onnx_NodeProto] {
        var producer: [String: Int] = [:]
        for (k, node) in graph.node.enumerated() {
            for out in node.output where !out.isEmpty {
                guard producer.updateValue(k, forKey: out) == nil, initializers[out] == nil else {
                    throw fail(node, "value \"\(out)\" is produced twice")
                }
            }
        }
        var waiting = [Int](repeating: 0, count: graph.node.count)
        var consumers: [Int: [Int]] = [:]
        for (k, node) in graph.node.enumerated() {
            for input in node.input where !input.isEmpty {
                if let p = producer[input] {
                    waiting[k] += 1
                    consumers[p, default: []].append(k)
                } else if initializers[input] == nil, !graph.input.contains(where: { $0.name == input }) {
                    throw fail(node, "input \"\(input)\" is produced by no node, initializer or graph input")
                }
            }
        }
        var ready = (0..<graph.node.count).filter { waiting[$0] == 0 }
        var order: [Onnx_NodeProto] = []
        while let k = ready.popLast() {
            order.append(graph.node[k])
            for c in consumers[k] ?? [] {
                waiting[c] -= 1
                if waiting[c] == 0 { ready.append(c) }
            }
        }
        if let stuck = waiting.firstIndex(where: { $0 > 0 }) {
            throw fail(graph.node[stuck], "the graph has a cycle through this node (an ONNX graph must be acyclic)")
        }
        return order
    }

    // MARK: operators

    mutating func apply(_ node: Onnx_NodeProto) throws(FormatError) {
        guard node.domain.isEmpty || node.domain == "ai.onnx" else { throw fail(node, "operators of domain \"\(node.domain)\" are not read") }
        guard node.output.count >= 1, !node.output[0].isEmpty else { throw fail(node, "the node has no output") }
        let result: OnnxAffine?
        switch node.opType {
        case "Gemm": result = try gemm(node)
        case "MatMul":
            let a = try value(node, 0), b = try matrix(node, 1)
            guard b.rows == a.width else { throw fail(node, "B is \(b.rows)×\(b.columns), but A has \(a.width) features") }
            result = try compose(a, b.transposed, plus: nil, node)
        case "Add": result = try add(node)
        case "Relu": result = try activate(node, .relu)
        case "LeakyRelu":
            let alpha = try floatAttribute(node, "alpha", default: Self.defaultLeakyAlpha)
            result = try activate(node, .leakyReLU(slope: alpha))
        case "Tanh": result = try activate(node, .tanh)
        case "Sigmoid": result = try activate(node, .sigmoid)
        case "Abs": result = try activate(node, .abs)
        case "Identity":
            let a = try value(node, 0)
            result = a.bareSource != nil ? a : try activate(node, .identity)
        case "Flatten":
            let axis = try intAttribute(node, "axis", default: 1)
            guard axis == 1 || axis == -1 else { throw fail(node, "Flatten with axis \(axis) is not a no-op on a batch of vectors") }
            result = try value(node, 0)
        case "Reshape": result = try reshape(node)
        case "Constant":
            guard let t = node.attribute.first(where: { $0.name == "value" && $0.hasT })?.t else { throw fail(node, "a Constant without a tensor value") }
            try constant(t, named: node.output[0], node: node)
            result = nil
        default:
            throw fail(node, "operator \(node.opType) is not read (nnid reads Gemm, MatMul, Add, Relu, LeakyRelu, Tanh, Sigmoid, Abs, Identity, Flatten, Reshape, Constant)")
        }
        if let result { values[node.output[0]] = result }
    }

    mutating func gemm(_ node: Onnx_NodeProto) throws(FormatError) -> OnnxAffine {
        guard try intAttribute(node, "transA", default: 0) == 0 else { throw fail(node, "transA = 1 is not read (the input must be a batch of rows)") }
        let a = try value(node, 0)
        let b = try matrix(node, 1)
        let alpha = try floatAttribute(node, "alpha", default: 1), beta = try floatAttribute(node, "beta", default: 1)
        var w = try intAttribute(node, "transB", default: 0) != 0 ? b : b.transposed
        guard w.columns == a.width else { throw fail(node, "B gives a \(w.rows)×\(w.columns) layer, but A has \(a.width) features") }
        if alpha != 1 { w = w.map { $0 * alpha } }
        var c: [Rational]?
        if node.input.count > 2, !node.input[2].isEmpty {
            c = try vector(node, 2, width: w.rows).map { $0 * beta }
        }
        return try compose(a, w, plus: c, node)
    }

    mutating func add(_ node: Onnx_NodeProto) throws(FormatError) -> OnnxAffine {
        guard node.input.count == 2 else { throw fail(node, "Add needs two inputs") }
        let (x, y) = (values[node.input[0]], values[node.input[1]])
        switch (x, y) {
        case let (x?, y?):
            guard x.width == y.width else { throw fail(node, "adds values of \(x.width) and \(y.width) features") }
            for t in x.terms where y.terms.contains(where: { $0.source == t.source }) { try checkIdentity(x.width, node) }
            return x.adding(y)
        case let (x?, nil): return x.adding(constant: try vector(node, 1, width: x.width))
        case let (nil, y?): return y.adding(constant: try vector(node, 0, width: y.width))
        default: throw fail(node, "adds two constants")
        }
    }

    mutating func activate(_ node: Onnx_NodeProto, _ activation: Activation) throws(FormatError) -> OnnxAffine {
        try addLayer(try value(node, 0), activation: activation, node: node)
        return .output(of: layers.count, width: layers[layers.count - 1].units)
    }

    mutating func reshape(_ node: Onnx_NodeProto) throws(FormatError) -> OnnxAffine {
        let a = try value(node, 0)
        let shape = try constantTensor(node, 1).values
        let w = Rational(a.width)
        let fits = (shape.count == 1 && (shape[0] == w || shape[0] == -1))
            || (shape.count == 2 && [Rational(1), Rational(-1), .zero].contains(shape[0]) && (shape[1] == w || shape[1] == -1))
        guard fits else { throw fail(node, "Reshape to \(shape) is not a no-op on vectors of \(a.width) features") }
        return a
    }

    /// W·a + c, after checking that the composed matrices fit the parameter limit and cost at
    /// most 100 multiplications per allowed parameter.
    func compose(_ a: OnnxAffine, _ w: Matrix<Rational>, plus c: [Rational]?, _ node: Onnx_NodeProto) throws(FormatError) -> OnnxAffine {
        for term in a.terms {
            guard let m = term.matrix else { continue }
            let (size, o1) = w.rows.multipliedReportingOverflow(by: m.columns)
            let (work, o2) = size.multipliedReportingOverflow(by: m.rows)
            guard !o1, !o2, size <= budget, work / 100 <= budget else {
                throw fail(node, "composing two linear maps without an activation between them would build a \(w.rows)×\(m.columns) matrix from \(m.rows) terms each, beyond the limit (see \(setting: .maximumFileParameters))")
            }
        }
        return a.applying(w, plus: c)
    }

    /// An identity connection of `width` units must fit the parameter limit (width² weights).
    func checkIdentity(_ width: Int, _ node: Onnx_NodeProto?) throws(FormatError) {
        let (square, overflow) = width.multipliedReportingOverflow(by: width)
        guard !overflow, square <= budget else {
            throw fail(node, "an identity connection of \(width) units would have \(overflow ? "more than Int.max" : String(square)) weights, beyond the limit (see \(setting: .maximumFileParameters))")
        }
    }

    /// Appends the layer act(Σ Mₖ·h_{sₖ} + b).
    mutating func addLayer(_ a: OnnxAffine, activation: Activation, node: Onnx_NodeProto?) throws(FormatError) {
        guard !a.terms.isEmpty else { throw fail(node, "the layer has no input") }
        for term in a.terms where term.matrix == nil { try checkIdentity(a.width, node) }
        let connections = a.terms.map { term in
            Connection(source: term.source, weights: term.matrix ?? OnnxAffine.identity(a.width))
        }
        let units = connections[0].weights.rows
        let (parameters, overflow) = connections.reduce((0, false)) { acc, c in
            let (p, o) = acc.0.addingReportingOverflow(c.weights.elements.count)
            return (p, acc.1 || o)
        }
        guard !overflow, parameters <= budget else { throw fail(node, "the network has more parameters than the limit (see \(setting: .maximumFileParameters))") }
        budget -= parameters
        layers.append(Layer(units: units, activation: activation, connections: connections, bias: a.bias))
    }
}
