import Exact
import Networks
import Foundation
import SwiftProtobuf

/// Writes a network as an ONNX model (IR version 8, opset 13) that ``Onnx/read(_:file:limits:)``
/// reads back as the same network.
///
/// Layer ℓ is one `Gemm` per incoming connection (`transB = 1`, weights [out, in] named
/// `layerℓ.weight`, or `layerℓ.weight_from<s>` for a skip connection from layer s, and the bias
/// `layerℓ.bias` on the first), an `Add` chain joining them, then the activation node: `Relu`,
/// `LeakyRelu`, `Tanh`, `Sigmoid`, `Abs`, or `Identity` (omitted on the output layer). The input
/// is `input` [N, inputs], the output `output` [N, outputs]. The network's name, input domain
/// and metadata go into `metadata_props` (`nnid.name`, `nnid.input_domain`).
enum OnnxWriter {
    static func encode(_ network: Network, as type: TensorElementType, lossy: Bool) throws(TensorFormatError) -> (bytes: [UInt8], report: RoundingReport) {
        guard let dataType = OnnxTensorDecoding.dataType(of: type), TensorElementType.writableFloats.contains(type) else {
            throw .notWritable(reason: "ONNX weights are written as F64, F32, F16 or BF16, not \(type.safetensorsName)")
        }
        var graph = Onnx_GraphProto()
        graph.name = network.name ?? "nnid"
        var report = RoundingReport()
        let last = network.layers.count
        for (index, layer) in network.layers.enumerated() {
            let l = index + 1
            let outputName = l == last ? "output" : "layer\(l)"
            var sum = ""
            for (k, c) in layer.connections.enumerated() {
                if let mask = c.present, mask.elements.contains(false) {
                    throw .notWritable(reason: "ONNX cannot mark absent edges, but layer\(l) is pruned; write native JSON instead")
                }
                let weightName = k == 0 ? "layer\(l).weight" : "layer\(l).weight_from\(c.source)"
                let columns = c.weights.columns
                let weights = TensorLayout.OutputTensor(
                    name: weightName, shape: [c.weights.rows, columns], values: c.weights.elements,
                    parameterName: { n in Parameter(unit: UnitID(layer: l, unit: n / columns), role: .weight(from: UnitID(layer: c.source, unit: n % columns))).description })
                graph.initializer.append(try tensor(weights, dataType: dataType, type: type, lossy: lossy, report: &report))
                var inputs = [c.source == 0 ? "input" : "layer\(c.source)", weightName]
                if k == 0, let bias = layer.bias {
                    let b = TensorLayout.OutputTensor(
                        name: "layer\(l).bias", shape: [bias.count], values: bias,
                        parameterName: { n in Parameter(unit: UnitID(layer: l, unit: n), role: .bias).description })
                    graph.initializer.append(try tensor(b, dataType: dataType, type: type, lossy: lossy, report: &report))
                    inputs.append(b.name)
                }
                let linear = "layer\(l).linear\(k)"
                graph.node.append(node("Gemm", inputs: inputs, output: linear, attributes: [intAttribute("transB", 1)]))
                if k == 0 {
                    sum = linear
                } else {
                    graph.node.append(node("Add", inputs: [sum, linear], output: "layer\(l).sum\(k)"))
                    sum = "layer\(l).sum\(k)"
                }
            }
            try appendActivation(layer.activation, layer: l, input: sum, output: outputName, isOutput: l == last, to: &graph)
        }
        graph.input = [valueInfo("input", dataType: dataType, width: network.inputCount)]
        graph.output = [valueInfo("output", dataType: dataType, width: network.outputCount)]
        var model = Onnx_ModelProto()
        model.irVersion = 8
        var opset = Onnx_OperatorSetIdProto()
        opset.version = 13
        model.opsetImport = [opset]
        model.producerName = "nnid"
        model.graph = graph
        model.metadataProps = metadata(of: network)
        do {
            return (try model.serializedBytes(), report)
        } catch {
            throw .notWritable(reason: "ONNX: the model does not encode (\(error))")
        }
    }

    /// The activation node of layer ℓ, or for an identity output layer a rename of its sum.
    static func appendActivation(_ act: Activation, layer l: Int, input: String, output: String, isOutput: Bool, to graph: inout Onnx_GraphProto) throws(TensorFormatError) {
        switch act.name {
        case "relu": graph.node.append(node("Relu", inputs: [input], output: output))
        case "tanh": graph.node.append(node("Tanh", inputs: [input], output: output))
        case "sigmoid": graph.node.append(node("Sigmoid", inputs: [input], output: output))
        case "abs": graph.node.append(node("Abs", inputs: [input], output: output))
        case "identity":
            if isOutput, let k = graph.node.indices.last {
                graph.node[k].output = [output]
            } else {
                graph.node.append(node("Identity", inputs: [input], output: output))
            }
        default:
            guard act.name.hasPrefix("leaky_relu"), let pieces = act.linearPieces, pieces.positive == 1 else {
                throw .notWritable(reason: "ONNX has no operator for activation \(act.name) of layer\(l)")
            }
            let (bits, exact) = pieces.negative.rounded(to: .float32)
            guard exact else {
                throw .notWritable(reason: "layer\(l): LeakyRelu's alpha is a float32 in ONNX, and \(pieces.negative) is not one")
            }
            var alpha = Onnx_AttributeProto()
            alpha.name = "alpha"
            alpha.type = 1
            alpha.f = Float(bitPattern: UInt32(truncatingIfNeeded: bits))
            graph.node.append(node("LeakyRelu", inputs: [input], output: output, attributes: [alpha]))
        }
    }

    static func tensor(_ t: TensorLayout.OutputTensor, dataType: Int32, type: TensorElementType, lossy: Bool, report: inout RoundingReport) throws(TensorFormatError) -> Onnx_TensorProto {
        var proto = Onnx_TensorProto()
        proto.name = t.name
        proto.dims = t.shape.map { Int64($0) }
        proto.dataType = dataType
        proto.rawData = Data(try t.encoded(as: type, lossy: lossy, report: &report))
        return proto
    }

    static func node(_ op: String, inputs: [String], output: String, attributes: [Onnx_AttributeProto] = []) -> Onnx_NodeProto {
        var n = Onnx_NodeProto()
        n.opType = op
        n.name = output
        n.input = inputs
        n.output = [output]
        n.attribute = attributes
        return n
    }

    static func intAttribute(_ name: String, _ value: Int64) -> Onnx_AttributeProto {
        var a = Onnx_AttributeProto()
        a.name = name
        a.type = 2
        a.i = value
        return a
    }

    /// `name`: a tensor of `dataType` with shape [N, width] (N the batch size).
    static func valueInfo(_ name: String, dataType: Int32, width: Int) -> Onnx_ValueInfoProto {
        var batch = Onnx_TensorShapeProto.Dimension()
        batch.dimParam = "N"
        var features = Onnx_TensorShapeProto.Dimension()
        features.dimValue = Int64(width)
        var tensorType = Onnx_TypeProto.Tensor()
        tensorType.elemType = dataType
        tensorType.shape.dim = [batch, features]
        var info = Onnx_ValueInfoProto()
        info.name = name
        info.type.tensorType = tensorType
        return info
    }

    static func metadata(of network: Network) -> [Onnx_StringStringEntryProto] {
        var entries = network.metadata
        if let name = network.name { entries["nnid.name"] = name }
        if let domain = network.inputDomain { entries["nnid.input_domain"] = domain.metadataText }
        return entries.keys.sorted().map { key in
            var e = Onnx_StringStringEntryProto()
            e.key = key
            e.value = entries[key] ?? ""
            return e
        }
    }
}
