/// A Jacobian of a layered network in Kronecker-factored form, one ``Block`` per layer: at point
/// x and output k, the derivative by the weight of edge j → i of layer ℓ is δ_{ℓ,k}(x)[i]·ā_ℓ(x)[j],
/// where ā_ℓ(x) is the layer's input (its sources' activations, then 1 for the bias) and
/// δ_{ℓ,k}(x) = ∂f_k(x)/∂z_ℓ the back-propagated sensitivity of its pre-activations. So
///
///     J[x·K + k, column(ℓ, i, j)] = Δ_ℓ[x·K + k, i] · A_ℓ[x, j],
///
/// and J's rows of point x restricted to layer ℓ are the K Kronecker products δ_{ℓ,k} ⊗ ā_ℓ.
/// Held this way J takes n·Σ_ℓ (d_ℓ + K·u_ℓ) numbers instead of n·K·P, and JᵀJ can be summed
/// over the K outputs before the Kronecker product (``GramMatrix/accumulate(factored:concurrently:)``).
public struct FactoredJacobian: Sendable {
    /// One layer's factors.
    public struct Block: Sendable {
        /// A_ℓ: n × d row-major, the layer's inputs ā_ℓ(x) at each point.
        public let inputs: Matrix<Double>
        /// Δ_ℓ: (n·K) × u row-major, row x·K + k holding δ_{ℓ,k}(x).
        public let sensitivities: Matrix<Double>
        /// u × d row-major: the θ column of the derivative by (unit i, input j), −1 where that
        /// input is not a parameter of unit i (an absent edge).
        public let columns: [Int]

        public init(inputs: Matrix<Double>, sensitivities: Matrix<Double>, columns: [Int]) {
            precondition(columns.count == sensitivities.columns * inputs.columns)
            self.inputs = inputs
            self.sensitivities = sensitivities
            self.columns = columns
        }

        /// u, the layer's units.
        public var units: Int { sensitivities.columns }
        /// d, the length of the layer's input ā.
        public var width: Int { inputs.columns }
    }

    /// n, the points.
    public let points: Int
    /// K, the outputs (rows per point).
    public let outputs: Int
    /// P, the columns of J.
    public let parameterCount: Int
    public let blocks: [Block]

    public init(points: Int, outputs: Int, parameterCount: Int, blocks: [Block]) {
        precondition(blocks.allSatisfy { $0.inputs.rows == points && $0.sensitivities.rows == points * outputs })
        precondition(blocks.allSatisfy { $0.columns.allSatisfy { $0 < parameterCount } })
        self.points = points
        self.outputs = outputs
        self.parameterCount = parameterCount
        self.blocks = blocks
    }

    /// J itself: (n·K) × P row-major, every entry Δ_ℓ[x·K + k, i]·A_ℓ[x, j] at its column.
    public var dense: Matrix<Double> { dense(points: 0..<points) }

    /// The rows of J at the points `range` (their K rows each, in order), row-major.
    public func dense(points range: Range<Int>) -> Matrix<Double> {
        let p = parameterCount
        let rows = range.map { $0 * outputs }.flatMap { ($0..<($0 + outputs)) }
        var j = [Double](repeating: 0, count: rows.count * p)
        j.withUnsafeMutableBufferPointer { out in
            for (index, row) in rows.enumerated() { write(row: row, into: out.baseAddress! + index * p) }
        }
        return Matrix(rows: rows.count, columns: p, uncheckedElements: j)
    }

    /// Row `row` (x·K + k) of J, P entries.
    public func row(_ row: Int) -> [Double] {
        var out = [Double](repeating: 0, count: parameterCount)
        out.withUnsafeMutableBufferPointer { write(row: row, into: $0.baseAddress!) }
        return out
    }

    /// Writes row `row` of J into P zeroed entries at `out`.
    private func write(row: Int, into out: UnsafeMutablePointer<Double>) {
        let x = row / outputs
        for block in blocks {
            let u = block.units, d = block.width
            block.sensitivities.elements.withUnsafeBufferPointer { delta in
                block.inputs.elements.withUnsafeBufferPointer { a in
                    block.columns.withUnsafeBufferPointer { column in
                        for i in 0..<u {
                            let g = delta[row * u + i]
                            for t in 0..<d where column[i * d + t] >= 0 { out[column[i * d + t]] = g * a[x * d + t] }
                        }
                    }
                }
            }
        }
    }

    /// The numbers the factors hold for n points: n·Σ_ℓ (d_ℓ + K·u_ℓ).
    public static func entries(points n: Int, outputs k: Int, layers: [(units: Int, width: Int)]) -> Int {
        n * layers.reduce(0) { $0 + $1.width + k * $1.units }
    }
}
