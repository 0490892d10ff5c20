import Exact
import LinearAlgebra
import Networks
import Symmetries

extension WorkingNetwork {
    /// The linear normal form of linear hidden layer ℓ (act(z) = s·z), which fixes its GL(n)
    /// symmetry and reduces it to the rank of the map it carries.
    ///
    /// Write x̃ for the stacked outputs of the layer's source layers (then a 1 when the layer
    /// keeps its bias), M = [W | b] for the layer's incoming matrix and O for the stacked
    /// outgoing matrices of every layer that reads ℓ. The receiving units get s·O·M·x̃ from ℓ.
    /// 1. If ℓ has biases and every reading layer has biases, s·O·b is added to the reading
    ///    biases and ℓ's bias is dropped (the constant part of an affine map needs no units).
    /// 2. P = O·M is invariant under ℓ's symmetries (O·G⁻¹·G·M = O·M for invertible G).
    ///    With R its reduced row echelon form, r = rank P and C = P[:, pivots], P = C·R exactly;
    ///    the new layer has r units, incoming R (its nonzero rows) and outgoing C:
    ///    C·act(R·x̃) = s·C·R·x̃ = s·P·x̃. Since R is unique for the row space of P, the result
    ///    depends on the function only through P (proofs/symmetry-invariance.md).
    /// 3. If r = 0 the layer keeps one zero unit (a layer cannot be empty).
    /// A layer that keeps an irrational bias (it cannot be pushed down) is left as it is: its
    /// bias column is not rational, so there is no rational echelon form to take.
    /// Edge masks of the connections touched become dense: the normal form fills them in.
    func linearNormalForm(_ l: Int) -> (layers: [Layer], rank: Int, changed: Bool) {
        let layer = layers[l - 1]
        let n = layer.units
        let readers = consumers[l]
        var (out, changed) = pushingBiasDown(l)
        let keepBias = out[l - 1].bias != nil
        if keepBias, out[l - 1].bias!.contains(where: { !$0.isRational }) { return (layers, n, false) }
        let blockWidths = layer.connections.map { width($0.source) }
        let columns = blockWidths.reduce(0, +) + (keepBias ? 1 : 0)
        let pMatrix = readersProduct(l, keepBias: keepBias, columns: columns)
        let echelon = pMatrix.reducedRowEchelonForm()
        let r = echelon.rank
        let newWidth = max(r, 1)

        // New incoming side: the nonzero rows of R (one zero row when r = 0).
        var incomingRows: [[Rational]] = (0..<newWidth).map { i in
            i < r ? Array(echelon.matrix.row(i)) : Array(repeating: .zero, count: columns)
        }
        var start = 0
        for (c, w) in blockWidths.enumerated() {
            out[l - 1].connections[c].rows = incomingRows.map { Array($0[start..<(start + w)]) }
            out[l - 1].connections[c].present = nil
            start += w
        }
        if keepBias { out[l - 1].bias = incomingRows.map { SymbolicConstant($0[start]) } }
        incomingRows.removeAll()
        out[l - 1].origin = (0..<newWidth).map { $0 < r ? layer.origin[$0] : nil }

        // New outgoing side: C = P[:, pivots] (zero when r = 0).
        var u = 0
        for (k, c) in readers {
            for row in out[k - 1].connections[c].rows.indices {
                out[k - 1].connections[c].rows[row] = (0..<newWidth).map { t in
                    t < r ? pMatrix[u, echelon.pivotColumns[t]] : .zero
                }
                if out[k - 1].connections[c].present != nil {
                    out[k - 1].connections[c].present![row] = Array(repeating: true, count: newWidth)
                }
                u += 1
            }
        }
        if !changed {
            changed = newWidth != n || readers.contains { k, c in
                out[k - 1].connections[c].rows != layers[k - 1].connections[c].rows
                    || out[k - 1].connections[c].present != layers[k - 1].connections[c].present
            } || zip(out[l - 1].connections, layer.connections).contains { $0.rows != $1.rows || $0.present != $1.present }
                || out[l - 1].bias != layer.bias
        }
        return (out, r, changed)
    }

    /// Step 1 of ``linearNormalForm(_:)``: when linear layer ℓ has biases and every layer that
    /// reads it has biases, s·O·b is added to the reading biases and ℓ's bias is dropped.
    /// Returns the layers and whether they changed.
    private func pushingBiasDown(_ l: Int) -> (layers: [Layer], changed: Bool) {
        let layer = layers[l - 1]
        guard let b = layer.bias, consumersHaveBiases(l) else { return (layers, false) }
        let s = layer.activation.linearSlope ?? .one
        var out = layers
        for (k, c) in consumers[l] {
            for (u, row) in layers[k - 1].connections[c].rows.enumerated() {
                var sum = SymbolicConstant()
                for i in 0..<layer.units where !row[i].isZero && !b[i].isZero { sum.add(b[i], times: row[i]) }
                if !sum.isZero { out[k - 1].bias![u].add(sum, times: s) }
            }
        }
        out[l - 1].bias = nil
        return (out, true)
    }

    /// P = O·M of ``linearNormalForm(_:)``: M = [W | b] (n × `columns`, b when `keepBias`) the
    /// incoming matrix of linear layer ℓ, O the stacked outgoing rows of the layers that read it,
    /// one row of P per receiving unit.
    private func readersProduct(_ l: Int, keepBias: Bool, columns: Int) -> Matrix<Rational> {
        let layer = layers[l - 1]
        let n = layer.units
        var m: [[Rational]] = []
        m.reserveCapacity(n)
        for i in 0..<n {
            var row: [Rational] = []
            row.reserveCapacity(columns)
            for c in layer.connections { row.append(contentsOf: c.rows[i]) }
            if keepBias { row.append(layer.bias![i].rational) }
            m.append(row)
        }
        var p: [Rational] = []
        var receivingRows = 0
        for (k, c) in consumers[l] {
            for row in layers[k - 1].connections[c].rows {
                var prow = Array(repeating: Rational.zero, count: columns)
                for i in 0..<n where !row[i].isZero {
                    for j in 0..<columns where !m[i][j].isZero { prow[j].addProduct(row[i], m[i][j]) }
                }
                p.append(contentsOf: prow)
                receivingRows += 1
            }
        }
        return Matrix(rows: receivingRows, columns: columns, elements: p) ?? Matrix(rows: 0, columns: columns, repeating: .zero)
    }
}
