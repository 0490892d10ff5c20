import CLAPACKE
import LinearAlgebra
import Networks

/// A network's architecture with its parameters as one flat `Double` vector, evaluated and
/// differentiated a whole minibatch at a time with BLAS.
///
/// Layout of the flat vector (not the order of `Network.parameters`: this one is chosen so that
/// every weight matrix is contiguous for `dgemm`): layer by layer, each connection's weight
/// matrix row-major (units × source units), then the layer's biases. Absent edges keep a slot
/// that is held at 0 (``mask``); P counts present edges and biases only.
///
/// For a minibatch X (m × d, rows are inputs) the forward pass is, per layer ℓ,
/// Z_ℓ = 1·b_ℓᵀ + Σ_c A_src(c)·W_cᵀ and A_ℓ = act_ℓ(Z_ℓ) (one `dgemm` per connection); the
/// backward pass from G_L = ∂ℓ/∂A_L is Δ_ℓ = G_ℓ ⊙ act′(Z_ℓ), ∂/∂W_c = Δ_ℓᵀ·A_src,
/// ∂/∂b_ℓ = Δ_ℓᵀ·1 and G_src += Δ_ℓ·W_c (one `dgemm` or `dgemv` each). No loop runs over samples
/// except the elementwise activation maps.
public struct MinibatchModel: Sendable {
    struct Connection: Sendable {
        let source: Int
        let sourceUnits: Int
        let offset: Int
    }
    struct Layer: Sendable {
        let units: Int
        let activation: Activation
        /// act(z) = z: value and derivative maps are skipped.
        let isIdentity: Bool
        let connections: [Connection]
        /// Offset of the biases in the flat vector, or `nil` for a layer without biases.
        let biasOffset: Int?
    }
    let layers: [Layer]
    public let inputCount: Int
    public let outputCount: Int
    /// Length of the flat vector (present and absent edges, and biases).
    public let storageCount: Int
    /// P: present edges and biases.
    public let parameterCount: Int
    /// 1 for a slot that is a parameter, 0 for an absent edge; `nil` when every slot is one.
    public let mask: [Double]?
    /// θ in the flat layout (weights rounded to the nearest `Double`).
    public let theta: [Double]

    public init(_ network: Network) {
        // Every forward and backward pass calls BLAS: pin OpenBLAS before any of them can run.
        _ = BLASThreads.pinnedToOne
        var layers: [Layer] = []
        var offset = 0
        var maskEntries: [Double] = []
        var anyAbsent = false
        var values: [Double] = []
        for layer in network.layers {
            var connections: [Connection] = []
            for c in layer.connections {
                connections.append(Connection(source: c.source, sourceUnits: c.weights.columns, offset: offset))
                offset += c.weights.elements.count
                values += c.weights.elements.map(\.doubleValue)
                for i in 0..<c.weights.rows {
                    for j in 0..<c.weights.columns {
                        let present = c.hasEdge(i, j)
                        anyAbsent = anyAbsent || !present
                        maskEntries.append(present ? 1 : 0)
                    }
                }
            }
            var biasOffset: Int? = nil
            if let bias = layer.bias {
                biasOffset = offset
                offset += bias.count
                values += bias.map(\.doubleValue)
                maskEntries += Array(repeating: 1, count: bias.count)
            }
            let identity = layer.activation.linearPieces.map { $0.negative.isOne && $0.positive.isOne } ?? false
            layers.append(Layer(units: layer.units, activation: layer.activation, isIdentity: identity, connections: connections, biasOffset: biasOffset))
        }
        self.layers = layers
        inputCount = network.inputCount
        outputCount = network.outputCount
        storageCount = offset
        parameterCount = network.parameterCount
        mask = anyAbsent ? maskEntries : nil
        theta = values
    }

    /// Widths of every layer, input first.
    var widths: [Int] { [inputCount] + layers.map(\.units) }
}

extension MinibatchModel {
    /// Forward pass at parameters `w` (flat layout) on the inputs in `work.post[0]`.
    public func forward(_ w: [Double], _ work: inout MinibatchWorkspace) {
        let m = work.rows
        for (index, layer) in layers.enumerated() {
            let l = index + 1, units = layer.units
            work.pre[l].withUnsafeMutableBufferPointer { z in
                if let b = layer.biasOffset {
                    for row in 0..<m { for i in 0..<units { z[row * units + i] = w[b + i] } }
                } else {
                    z.update(repeating: 0)
                }
                for c in layer.connections {
                    work.post[c.source].withUnsafeBufferPointer { a in
                        w.withUnsafeBufferPointer { wp in
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(units), Int32(c.sourceUnits),
                                        1, a.baseAddress, Int32(c.sourceUnits), wp.baseAddress! + c.offset, Int32(c.sourceUnits),
                                        1, z.baseAddress, Int32(units))
                        }
                    }
                }
            }
            if layer.isIdentity {
                work.pre[l].withUnsafeBufferPointer { z in
                    work.post[l].withUnsafeMutableBufferPointer { a in _ = a.update(fromContentsOf: z) }
                }
            } else {
                let act = layer.activation
                work.pre[l].withUnsafeBufferPointer { z in
                    work.post[l].withUnsafeMutableBufferPointer { a in
                        for k in 0..<z.count { a[k] = act.value(z[k]) }
                    }
                }
            }
        }
    }

    /// Backward pass after ``forward(_:_:)``: given G_L = ∂ℓ/∂A_L in `work.sensitivity[L]`,
    /// writes the gradient ∂ℓ/∂w (flat layout, absent edges 0) into `gradient`.
    public func backward(_ w: [Double], _ work: inout MinibatchWorkspace, gradient: inout [Double]) {
        let m = work.rows, depth = layers.count
        for s in 1..<depth { work.sensitivity[s].withUnsafeMutableBufferPointer { $0.update(repeating: 0) } }
        for l in stride(from: depth, through: 1, by: -1) {
            let layer = layers[l - 1], units = layer.units
            if !layer.isIdentity {
                let act = layer.activation
                work.pre[l].withUnsafeBufferPointer { z in
                    work.sensitivity[l].withUnsafeMutableBufferPointer { d in
                        for k in 0..<z.count { d[k] *= act.derivative(z[k]) }
                    }
                }
            }
            let delta = work.sensitivity[l]
            delta.withUnsafeBufferPointer { d in
                gradient.withUnsafeMutableBufferPointer { g in
                    for c in layer.connections {
                        work.post[c.source].withUnsafeBufferPointer { a in
                            cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Int32(units), Int32(c.sourceUnits), Int32(m),
                                        1, d.baseAddress, Int32(units), a.baseAddress, Int32(c.sourceUnits),
                                        0, g.baseAddress! + c.offset, Int32(c.sourceUnits))
                        }
                    }
                    if let b = layer.biasOffset {
                        work.ones.withUnsafeBufferPointer { one in
                            cblas_dgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(units), 1, d.baseAddress, Int32(units),
                                        one.baseAddress, 1, 0, g.baseAddress! + b, 1)
                        }
                    }
                }
                for c in layer.connections where c.source >= 1 {
                    w.withUnsafeBufferPointer { wp in
                        work.sensitivity[c.source].withUnsafeMutableBufferPointer { gs in
                            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(c.sourceUnits), Int32(units),
                                        1, d.baseAddress, Int32(units), wp.baseAddress! + c.offset, Int32(c.sourceUnits),
                                        1, gs.baseAddress, Int32(c.sourceUnits))
                        }
                    }
                }
            }
        }
        if let mask {
            for k in 0..<gradient.count { gradient[k] *= mask[k] }
        }
    }
}
