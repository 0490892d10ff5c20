import Exact
import LinearAlgebra

/// Node operands and attributes of an ONNX graph.
extension OnnxGraphReader {
    /// Input `k` of `node` as a computed value (not a constant).
    func value(_ node: Onnx_NodeProto, _ k: Int) throws(FormatError) -> OnnxAffine {
        guard k < node.input.count else { throw fail(node, "missing input \(k)") }
        guard let v = values[node.input[k]] else {
            throw fail(node, "input \"\(node.input[k])\" must be computed from the graph input, not a constant")
        }
        return v
    }

    /// Input `k` as a constant tensor: an initializer or a `Constant` node's value, decoded once.
    mutating func constantTensor(_ node: Onnx_NodeProto, _ k: Int) throws(FormatError) -> NamedTensor {
        guard k < node.input.count else { throw fail(node, "missing input \(k)") }
        let name = node.input[k]
        if let t = constants[name] { return t }
        guard let proto = initializers[name] else { throw fail(node, "input \"\(name)\" must be a constant (an initializer)") }
        try constant(proto, named: name, node: node)
        guard let t = constants[name] else { throw fail(node, "input \"\(name)\" could not be decoded") }
        return t
    }

    /// Decodes `proto` as the constant `name`, against the parameter budget.
    mutating func constant(_ proto: Onnx_TensorProto, named name: String, node: Onnx_NodeProto) throws(FormatError) {
        do throws(TensorFormatError) {
            constants[name] = try OnnxTensorDecoding.decode(proto, name: name, budget: &budget)
        } catch .tooManyElements(let count, let limit) {
            throw FormatError(file: file, place: "tensor \"\(name)\"",
                message: "dims \(proto.dims) hold \(count < 0 ? "more than Int.max" : String(count)) numbers, beyond the remaining limit of \(limit) (see \(setting: .maximumFileParameters))")
        } catch {
            throw FormatError(file: file, message: error.message)
        }
    }

    /// Input `k` as a constant matrix (a 2-D tensor).
    mutating func matrix(_ node: Onnx_NodeProto, _ k: Int) throws(FormatError) -> Matrix<Rational> {
        let t = try constantTensor(node, k)
        guard t.shape.count == 2, t.shape[0] > 0, t.shape[1] > 0, let m = Matrix(rows: t.shape[0], columns: t.shape[1], elements: t.values) else {
            throw fail(node, "tensor \"\(t.name)\" has shape \(t.shape); a weight matrix is 2-D")
        }
        return m
    }

    /// Input `k` as a bias of `width` entries: shape [width], [1, width], or a scalar broadcast.
    mutating func vector(_ node: Onnx_NodeProto, _ k: Int, width: Int) throws(FormatError) -> [Rational] {
        let t = try constantTensor(node, k)
        if t.values.count == 1, t.shape.allSatisfy({ $0 == 1 }) { return Array(repeating: t.values[0], count: width) }
        guard t.shape == [width] || t.shape == [1, width] else {
            throw fail(node, "tensor \"\(t.name)\" has shape \(t.shape); a bias for \(width) units has shape [\(width)]")
        }
        return t.values
    }

    /// A float attribute as the exact rational of its float32 value.
    func floatAttribute(_ node: Onnx_NodeProto, _ name: String, default value: Rational) throws(FormatError) -> Rational {
        guard let a = node.attribute.first(where: { $0.name == name }) else { return value }
        guard a.type == 1 || a.type == 0 else { throw fail(node, "attribute \(name) must be a float") }
        guard let r = try? Rational(exactly: a.f) else { throw fail(node, "attribute \(name) is \(a.f), not a finite number") }
        return r
    }

    func intAttribute(_ node: Onnx_NodeProto, _ name: String, default value: Int64) throws(FormatError) -> Int64 {
        guard let a = node.attribute.first(where: { $0.name == name }) else { return value }
        guard a.type == 2 || a.type == 0 else { throw fail(node, "attribute \(name) must be an integer") }
        return a.i
    }
}
