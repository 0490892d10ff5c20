import CFLINT
import Exact

/// The exact Jacobian J of θ ↦ (f_θ(x₁), …, f_θ(x_N)) of a piecewise-linear network (N·K × P,
/// row n·K + k for output k at point xₙ), known without being stored: exact rows are computed
/// where they are asked for (one backward pass for all the rows of a block of points), and
/// products J·v with integer vectors by exact forward-mode differentiation along v at every
/// point — both as integer matrix products per layer (``ScaledIntegerLayers``), block by block
/// of points, so that memory stays at one block whatever N.
///
/// This is what the exact rank certificate needs (``ExactRowSource``): an elimination mod p of
/// the selected rows, and the check J·v = 0 of its null vectors against every row — N·K·(P − r)
/// numbers computed in (P − r) directional derivatives, against the N·K·P entries of J.
package final class PiecewiseLinearJacobianRows: ExactRowSource {
    let network: ScaledIntegerLayers
    let points: [[Rational]]
    package let rows: Int
    package let columns: Int
    /// Entries (of X, Ã and the tangents) allowed in one block of points.
    let blockEntries: Int

    /// `nil` when the network's common denominators are too large for the integer form (the
    /// caller then uses the exact Jacobian of `Rational`s). The points must have
    /// `network.inputCount` coordinates each.
    package init?(network description: PiecewiseLinearLayers, points: [[Rational]], blockEntries: Int = 1 << 22) {
        guard points.allSatisfy({ $0.count == description.inputCount }),
            let network = ScaledIntegerLayers(description)
        else { return nil }
        self.network = network
        self.points = points
        rows = points.count * description.outputCount
        columns = description.parameterCount
        self.blockEntries = blockEntries
    }

    /// The first point (in order) at which a unit with a kink has pre-activation exactly 0, with
    /// the first such (layer, unit): the Jacobian does not exist there. `nil` when there is none.
    package func firstKink() -> (point: Int, layer: Int, unit: Int)? {
        for block in blocks(of: Array(points.indices), directions: 0) {
            let forward = ScaledForwardPass(network, at: block.map { points[$0] }[...])
            if let p = forward.kinks.keys.min(), let kink = forward.kinks[p] { return (block[block.startIndex + p], kink.layer, kink.unit) }
        }
        return nil
    }

    /// `selected` (increasing point indices) cut into blocks whose forward pass and k tangents
    /// stay within ``blockEntries`` entries.
    func blocks(of selected: [Int], directions k: Int) -> [ArraySlice<Int>] {
        let perPoint = network.layers.reduce(network.inputCount) { $0 + $1.width + $1.units * (1 + 2 * k) } + 1
        let size = max(1, blockEntries / perPoint)
        return stride(from: 0, to: selected.count, by: size).map { selected[$0..<min($0 + size, selected.count)] }
    }

    /// The distinct points of the rows `indices`, increasing.
    func pointsOf(_ indices: [Int]) -> [Int] {
        let k = network.outputCount
        var seen = [Bool](repeating: false, count: points.count)
        for i in indices { seen[i / k] = true }
        return points.indices.filter { seen[$0] }
    }

    func integerRows(_ indices: [Int]) -> IntegerMatrix {
        let out = IntegerMatrix(rows: indices.count, columns: columns)
        let k = network.outputCount
        var position = [Int: [Int]]()
        for (a, i) in indices.enumerated() { position[i, default: []].append(a) }
        for block in blocks(of: pointsOf(indices), directions: 0) {
            let forward = ScaledForwardPass(network, at: block.map { points[$0] }[...])
            var wanted: [(point: Int, output: Int)] = [], targets: [Int] = []
            for (local, point) in block.enumerated() {
                for o in 0..<k {
                    for a in position[point * k + o] ?? [] { wanted.append((local, o)); targets.append(a) }
                }
            }
            let computed = network.jacobianRows(forward, rows: wanted)
            for (b, a) in targets.enumerated() {
                for j in 0..<columns { fmpz_swap(out.entry(a, j), computed.entry(b, j)) }
            }
        }
        return out
    }

    /// For each block of the points of the rows `indices` (all points when `nil`), in order, and
    /// each direction t (column t of `w`, whose row s belongs to θ column `support[s]`): calls
    /// `body(block, t, tangent)` with the block's exact J·w_t per point times a positive scale
    /// (``ScaledIntegerLayers/tangent(_:along:)``: row = point of the block, on the outputs where
    /// it is not zero at every point; `nil` when it is zero everywhere). Each direction is
    /// differentiated on its own, over the units it reaches. Stops when `body` returns false.
    private func scanProducts(
        _ indices: [Int]?, support: [Int], times w: FMPZMatrix, _ body: (ArraySlice<Int>, Int, SparseTangent?) -> Bool
    ) {
        guard w.columns > 0, network.outputCount > 0 else { return }
        let directions = (0..<w.columns).map { t in
            support.indices.compactMap { s -> (column: Int, value: UnsafeMutablePointer<fmpz>)? in
                nnid_fmpz_is_zero(w.entry(s, t)) == 0 ? (support[s], w.entry(s, t)) : nil
            }
        }
        let chosen = indices.map(pointsOf) ?? Array(points.indices)
        for block in blocks(of: chosen, directions: 1) {
            let forward = ScaledForwardPass(network, at: block.map { points[$0] }[...])
            for (t, direction) in directions.enumerated() where !body(block, t, network.tangent(forward, along: direction)) { return }
        }
    }

    /// The rows (increasing) of `block`'s points on which `tangent` is nonzero.
    private func nonzeroRows(_ block: ArraySlice<Int>, _ tangent: SparseTangent) -> [Int] {
        let outputs = network.outputCount
        var found: [Int] = []
        for (local, point) in block.enumerated() {
            for (a, o) in tangent.units.enumerated() where nnid_fmpz_is_zero(tangent.values.entry(local, a)) == 0 {
                found.append(point * outputs + o)
            }
        }
        return found.sorted()
    }

    func nonzeroProductRows(_ indices: [Int], support: [Int], times w: FMPZMatrix) -> [Int] {
        var wanted = [Bool](repeating: false, count: rows), found = [Bool](repeating: false, count: rows)
        for i in indices { wanted[i] = true }
        scanProducts(indices, support: support, times: w) { block, _, tangent in
            for row in tangent.map({ nonzeroRows(block, $0) }) ?? [] where wanted[row] { found[row] = true }
            return true
        }
        return (0..<rows).filter { found[$0] }
    }

    /// The products mod p by the modular forward-mode recursion
    /// (``ScaledIntegerLayers/tangent(_:modularWeights:directions:prime:)``): the residues of the
    /// exact products, in word arithmetic throughout.
    func nonzeroProductRows(_ indices: [Int], modulo v: FLINTModularMatrix) -> [Int] {
        let k = v.columns, outputs = network.outputCount
        guard k > 0, outputs > 0, !indices.isEmpty else { return [] }
        let weights = network.tangentWeights(modulo: v)
        var wanted = [Bool](repeating: false, count: rows)
        for i in indices { wanted[i] = true }
        var found: [Int] = []
        for block in blocks(of: pointsOf(indices), directions: k) {
            let forward = ScaledForwardPass(network, at: block.map { points[$0] }[...])
            let tangent = network.tangent(forward, modularWeights: weights, directions: k, prime: v.prime)
            let n = block.count
            for (local, point) in block.enumerated() {
                for o in 0..<outputs where wanted[point * outputs + o] {
                    if (0..<k).contains(where: { nnid_nmod_mat_row(tangent.matrix, $0 * n + local)![o] != 0 }) {
                        found.append(point * outputs + o)
                    }
                }
            }
        }
        return found
    }

    func firstNonannihilatedColumn(support: [Int], times w: FMPZMatrix) -> Int? {
        // The blocks come in row order: the first block with a nonzero product holds the first
        // nonzero entry, in the direction whose first nonzero row is smallest (ties: smallest t).
        var first: (row: Int, t: Int)? = nil
        var blockStart: Int? = nil
        scanProducts(nil, support: support, times: w) { block, t, tangent in
            if blockStart != block.startIndex {
                if first != nil { return false }
                blockStart = block.startIndex
            }
            if let row = tangent.flatMap({ nonzeroRows(block, $0).first }), first.map({ row < $0.row }) ?? true { first = (row, t) }
            return true
        }
        return first?.t
    }
}
