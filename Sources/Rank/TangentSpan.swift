import Exact
import LinearAlgebra
import Symmetries

/// The span of the symmetry tangents inserted so far: exactly (an incremental row echelon form)
/// when every tangent is exact and the rank is exact, else numerically (unit-norm rows, sparse).
struct TangentSpan {
    let isExact: Bool
    let columns: Int
    private(set) var reduction = IncrementalRowEchelon([])
    private(set) var numericRows: [CoordinateRowSplit.SparseRow] = []

    init(exact: Bool, columns: Int) {
        isExact = exact
        self.columns = columns
    }

    mutating func insert(_ tangents: [SymmetryTangent]) {
        if isExact {
            for t in tangents { _ = reduction.insert(t.denseExact(columns)) }
        } else {
            numericRows += tangents.map(\.sparseUnitNumeric)
        }
    }

    /// dim span of the tangents inserted so far.
    var dimension: Int { isExact ? reduction.rank : numericRowRank(sparse: numericRows, columns: columns) }

    /// dim span of `tangents` alone, in the same arithmetic.
    func dimension(of tangents: [SymmetryTangent]) -> Int {
        isExact
            ? IncrementalRowEchelon(tangents.map { $0.denseExact(columns) }).rank
            : tangents.numericSpanDimension(columns: columns)
    }
}
