import Exact
import LinearAlgebra
import Networks

/// How named tensors (safetensors, npz) describe a dense MLP, and back.
///
/// **Names.** Every tensor is a layer's weight matrix or bias vector, named in one of these
/// conventions:
///
/// - PyTorch: `<module>.weight` (shape [out, in], as `nn.Linear` stores it) and the optional
///   `<module>.bias` (shape [out]). The module path is anything: `0` and `2` for an
///   `nn.Sequential`, `model.0`, `layers.3`, `fc1`, `net.fc2`.
/// - numpy: `W<i>` (shape [out, in], like PyTorch) and the optional `b<i>` (shape [out]).
///
/// **Order.** Layers are ordered by module path in *natural order*: paths are compared piece by
/// piece, runs of digits numerically and other text character by character. So `0 < 2 < 10`,
/// `layers.2 < layers.10`, `fc1 < fc2 < fc10`, `W0 < W1`. Indices need not be consecutive
/// (`nn.Sequential` numbers the activation modules too). In that order, each layer's `in` must
/// equal the previous layer's `out`; the first layer's `in` is the input count.
///
/// **Activations** are not tensors. They come from, in order of precedence: the caller (the CLI
/// option `--activations relu,relu,identity`), metadata `nnid.activations` (safetensors
/// `__metadata__`), or metadata `activations` (an npz string array entry). One name per
/// non-input layer, comma separated, as ``Activation/named(_:)`` reads them.
///
/// **Other metadata.** `nnid.input_domain` (or `input_domain`) is an ``InputDomain`` in the text
/// form of ``InputDomain/init(metadataText:inputCount:)``; `nnid.name` (or `name`) names the
/// network. Every other metadata entry is kept in ``Network/metadata``.
public enum TensorLayout {
    /// Metadata keys the layout reads (the `nnid.` form first, then the bare npz form).
    public static let activationsKeys = ["nnid.activations", "activations"]
    public static let inputDomainKeys = ["nnid.input_domain", "input_domain"]
    public static let nameKeys = ["nnid.name", "name"]

    /// The naming convention used when writing.
    public enum Naming: Sendable {
        /// `0.weight`, `0.bias`, `2.weight`, …: the state dict of `nn.Sequential(Linear, act,
        /// Linear, act, …, Linear)` (layer ℓ is module 2(ℓ − 1)).
        case pytorch
        /// `W0`, `b0`, `W1`, `b1`, … (layer ℓ is index ℓ − 1).
        case numpy
    }

    struct Module {
        var path: String
        var weight: NamedTensor?
        var bias: NamedTensor?
    }

    /// The network the tensors describe.
    /// - Parameter activations: overrides the file's activations when given.
    /// - Parameter preservingOrder: order layers as their tensors first appear (a PyTorch
    ///   state dict lists modules in definition order) instead of by natural order of names.
    public static func network(from stored: TensorArchive, activations explicit: [Activation]? = nil, preservingOrder: Bool = false) throws(TensorFormatError) -> Network {
        var archive = stored
        let inputs = try dataDomainInputs(&archive)
        var modules: [String: Module] = [:]
        var firstSeen: [String: Int] = [:]
        for tensor in archive.tensors {
            guard let (path, isWeight) = moduleName(tensor.name) else {
                throw .layout(reason: "tensor \"\(tensor.name)\" is not a layer weight or bias; expected names like 0.weight, 0.bias, fc1.weight, layers.2.bias or W0, b0")
            }
            var module = modules[path] ?? Module(path: path)
            if let other = isWeight ? module.weight : module.bias {
                throw .layout(reason: "tensors \"\(other.name)\" and \"\(tensor.name)\" are both the \(isWeight ? "weight" : "bias") of layer \"\(path)\"; keep one naming convention")
            }
            if isWeight { module.weight = tensor } else { module.bias = tensor }
            modules[path] = module
            if firstSeen[path] == nil { firstSeen[path] = firstSeen.count }
        }
        guard !modules.isEmpty else { throw .layout(reason: "the file holds no weight tensors") }
        let ordered = preservingOrder
            ? modules.values.sorted { firstSeen[$0.path, default: 0] < firstSeen[$1.path, default: 0] }
            : modules.values.sorted { naturalOrder($0.path, $1.path) }

        let transposeHint = transposedChains(ordered)
            ? " (the weights chain as [in, out]: store them [out, in] as PyTorch does; transpose them, e.g. W.T, before saving)" : ""
        var widths: [Int] = []
        var weights: [Matrix<Rational>] = []
        var biases: [[Rational]?] = []
        for (k, module) in ordered.enumerated() {
            guard let w = module.weight else {
                let biasName = module.bias?.name ?? module.path
                throw .layout(reason: "tensor \"\(biasName)\" is a bias without a weight (expected a tensor named like \(weightName(for: biasName)))")
            }
            guard w.shape.count == 2 else {
                throw .layout(reason: "tensor \"\(w.name)\" has shape \(w.shape); a layer weight is a matrix [out, in] (only dense Linear layers are read)")
            }
            let (out, inp) = (w.shape[0], w.shape[1])
            guard out > 0, inp > 0 else { throw .layout(reason: "tensor \"\(w.name)\" has shape \(w.shape); a layer needs at least one input and one unit") }
            if k == 0 {
                widths.append(inp)
            } else if inp != widths[k] {
                let previous = ordered[k - 1].weight?.name ?? ordered[k - 1].path
                throw .layout(reason: "tensor \"\(w.name)\" has shape \(w.shape) [out, in], but the previous layer \"\(previous)\" has \(widths[k]) outputs (layers are ordered by name: \(ordered.map(\.path).joined(separator: ", ")))\(transposeHint)")
            }
            widths.append(out)
            guard let matrix = Matrix(rows: out, columns: inp, elements: w.values) else {
                throw .layout(reason: "tensor \"\(w.name)\" has \(w.values.count) values for shape \(w.shape)")
            }
            weights.append(matrix)
            if let b = module.bias {
                guard b.shape == [out] else { throw .layout(reason: "tensor \"\(b.name)\" has shape \(b.shape); the layer has \(out) units, so its bias must have shape [\(out)]\(transposeHint)") }
                biases.append(b.values)
            } else {
                biases.append(nil)
            }
        }
        let layerCount = ordered.count
        let acts = try activations(explicit: explicit, metadata: archive.metadata, layerCount: layerCount)

        var layers: [Layer] = []
        for l in 0..<layerCount {
            layers.append(Layer(activation: acts[l], weights: weights[l], bias: biases[l], source: l))
        }
        var metadata = archive.metadata
        var name: String?
        var domain: InputDomain?
        for key in nameKeys { if let n = metadata.removeValue(forKey: key), name == nil { name = n } }
        for key in inputDomainKeys {
            guard let text = metadata.removeValue(forKey: key), domain == nil else { continue }
            if let inputs {
                guard inputs.columns == widths[0] else {
                    throw .layout(reason: "tensor \"\(inputs.tensor ?? "")\" holds inputs of \(inputs.columns) values for a network with \(widths[0]) inputs")
                }
                domain = .data(points: inputs.rows)
            } else {
                domain = try InputDomain(metadataText: text, inputCount: widths[0])
            }
        }
        for key in activationsKeys { metadata.removeValue(forKey: key) }
        do {
            return try Network(inputCount: widths[0], layers: layers, name: name, inputDomain: domain, metadata: metadata)
        } catch {
            throw .layout(reason: error.description)
        }
    }

    /// With metadata `nnid.input_domain = data`, removes the inputs tensor (`nnid.inputs` or
    /// `inputs`) from `archive` and returns its rows; `nil` for any other domain.
    static func dataDomainInputs(_ archive: inout TensorArchive) throws(TensorFormatError) -> InputData? {
        let metadata = archive.metadata
        guard let text = inputDomainKeys.lazy.compactMap({ metadata[$0] }).first,
            Substring(text).trimmingCharacters(in: " ") == InputDomain.dataMetadataText
        else { return nil }
        guard let index = archive.tensors.firstIndex(where: { InputDataReader.inputTensorNames.contains($0.name) }) else {
            throw .invalidInputDomain(text: text, reason: "the file has no tensor named nnid.inputs or inputs holding the data")
        }
        let tensor = archive.tensors.remove(at: index)
        do { return try InputDataReader.rows(of: tensor, file: "") } catch { throw .layout(reason: error.message) }
    }

    /// Whether the weights chain when read as [in, out] (to suggest transposing).
    static func transposedChains(_ ordered: [Module]) -> Bool {
        let shapes = ordered.compactMap { $0.weight?.shape }
        guard shapes.count == ordered.count, shapes.allSatisfy({ $0.count == 2 }) else { return false }
        return zip(shapes, shapes.dropFirst()).allSatisfy { $0[1] == $1[0] }
    }

    static func weightName(for biasName: String) -> String {
        if biasName.hasSuffix(".bias") { return String(biasName.dropLast(4)) + "weight" }
        return "W" + biasName.dropFirst()
    }

    /// The module path of a tensor name and whether it is a weight (else a bias), or `nil`.
    static func moduleName(_ name: String) -> (String, Bool)? {
        if name.hasSuffix(".weight") { return (String(name.dropLast(7)), true) }
        if name.hasSuffix(".bias") { return (String(name.dropLast(5)), false) }
        if let first = name.first, "Wb".contains(first), name.count > 1, name.dropFirst().allSatisfy(\.isASCIIDigitCharacter) {
            return (String(name.dropFirst()), first == "W")
        }
        return nil
    }

    /// Natural order: digit runs compare as numbers, everything else character by character.
    static func naturalOrder(_ a: String, _ b: String) -> Bool {
        let x = naturalPieces(a), y = naturalPieces(b)
        for (p, q) in zip(x, y) where p != q {
            switch (p, q) {
            case (.number(let m), .number(let n)):
                let m1 = m.drop { $0 == "0" }, n1 = n.drop { $0 == "0" }
                if m1.count != n1.count { return m1.count < n1.count }
                if m1 != n1 { return m1 < n1 }
                return m < n
            case (.text(let s), .text(let t)): return s < t
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
        return x.count < y.count
    }

    enum Piece: Equatable { case number(Substring), text(Substring) }

    static func naturalPieces(_ s: String) -> [Piece] {
        var pieces: [Piece] = []
        var i = s.startIndex
        while i < s.endIndex {
            let digit = s[i].isASCIIDigitCharacter
            var j = i
            while j < s.endIndex, s[j].isASCIIDigitCharacter == digit { j = s.index(after: j) }
            pieces.append(digit ? .number(s[i..<j]) : .text(s[i..<j]))
            i = j
        }
        return pieces
    }

    /// The activations of the layers: `explicit`, else the metadata's, else an error saying how
    /// to give them.
    static func activations(explicit: [Activation]?, metadata: [String: String], layerCount: Int) throws(TensorFormatError) -> [Activation] {
        let example = (Array(repeating: "relu", count: layerCount - 1) + ["identity"]).joined(separator: ",")
        let list: [Activation]
        let source: SettingMessage
        if let explicit {
            list = explicit
            source = "\(setting: .activations)"
        } else if let key = activationsKeys.first(where: { metadata[$0] != nil }), let value = metadata[key] {
            list = try parseActivations(value)
            source = "metadata \"\(key)\""
        } else {
            throw .missingActivations(
                layerCount: layerCount,
                hint: "give one per layer with \(setting: .activations) \(example), or store them in the file: safetensors __metadata__ {\"nnid.activations\": \"\(example)\"}, or an npz string array entry named activations")
        }
        guard list.count == layerCount else {
            throw .invalidActivations(reason: "\(source) names \(list.count) activations, but the network has \(layerCount) layers (one per non-input layer, e.g. \(example))")
        }
        return list
    }

    /// Parses a comma-separated activation list such as `relu,relu,identity`.
    public static func parseActivations(_ text: String) throws(TensorFormatError) -> [Activation] {
        var out: [Activation] = []
        for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = piece.trimmingCharacters(in: " ")
            guard let act = Activation.named(name) else {
                throw .invalidActivations(reason: "unknown activation \"\(name)\" (known: \(Activation.knownNames.joined(separator: ", ")))")
            }
            out.append(act)
        }
        return out
    }

    // MARK: writing

    /// A tensor to write: its values and the parameter each element is (for error messages).
    struct OutputTensor {
        var name: String
        var shape: [Int]
        var values: [Rational]
        /// `parameterName(k)` names element k (row-major), e.g. `layer2.unit0.weight[1]`.
        var parameterName: (Int) -> String
    }

    /// The network's tensors and metadata in the given naming convention.
    /// - Throws: ``TensorFormatError/notWritable(reason:)`` for skip connections and pruned
    ///   edges, which tensor files cannot express.
    static func tensors(for network: Network, naming: Naming, format: String) throws(TensorFormatError) -> (tensors: [OutputTensor], metadata: [String: String]) {
        var out: [OutputTensor] = []
        for (index, layer) in network.layers.enumerated() {
            let l = index + 1
            guard layer.connections.count == 1, let c = layer.connections.first, c.source == l - 1 else {
                let skip = layer.connections.first { $0.source != l - 1 }.map { "a connection from layer\($0.source)" } ?? "no connection from the previous layer"
                throw .notWritable(reason: "\(format) holds plain layer-to-layer MLPs, but layer\(l) has \(skip); write native JSON instead")
            }
            if let mask = c.present, mask.elements.contains(false) {
                throw .notWritable(reason: "\(format) cannot mark absent edges, but layer\(l) is pruned; write native JSON instead")
            }
            let module = naming == .pytorch ? "\(2 * index)." : ""
            let columns = c.weights.columns
            out.append(OutputTensor(
                name: naming == .pytorch ? module + "weight" : "W\(index)", shape: [c.weights.rows, columns], values: c.weights.elements,
                parameterName: { k in Parameter(unit: UnitID(layer: l, unit: k / columns), role: .weight(from: UnitID(layer: l - 1, unit: k % columns))).description }))
            if let bias = layer.bias {
                out.append(OutputTensor(
                    name: naming == .pytorch ? module + "bias" : "b\(index)", shape: [bias.count], values: bias,
                    parameterName: { k in Parameter(unit: UnitID(layer: l, unit: k), role: .bias).description }))
            }
        }
        if case .data(let points) = network.inputDomain {
            // The data domain's inputs travel beside the weights, one input per row.
            let columns = network.inputCount
            out.append(OutputTensor(
                name: naming == .pytorch ? InputDataReader.inputTensorNames[0] : InputDataReader.inputTensorNames[1],
                shape: [points.count, columns], values: points.flatMap { $0 },
                parameterName: { k in "input_domain.data[\(k / columns)][\(k % columns)]" }))
        }
        var metadata = network.metadata
        metadata["nnid.activations"] = network.layers.map(\.activation.name).joined(separator: ",")
        if let domain = network.inputDomain { metadata["nnid.input_domain"] = domain.metadataText }
        if let name = network.name { metadata["nnid.name"] = name }
        return (out, metadata)
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
