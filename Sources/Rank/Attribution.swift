import Exact
import LinearAlgebra
import Symmetries

/// The attribute stage of a rank analysis: which symmetry tangents lie in null J, how many of
/// the P − rank null directions each category of symmetry explains, and the rest — the
/// **hidden** directions — written sparsely.
///
/// Every tangent is checked to lie in the kernel (``KernelEvidence/contains(_:)``), so
/// dim(null J ∩ span T) = rank T for the tangents T kept. Categories are credited in
/// ``SymmetryTangent/Category`` order, each with the growth of the span it causes.
struct Attribution {
    /// Tangents found in the kernel of J.
    let tangents: [SymmetryTangent]
    /// Tangents a rule produced that are *not* in the kernel (an inconsistency: reported).
    let tangentsNotInKernel: [SymmetryTangent.Kind]
    let explainedByCategory: [(category: SymmetryTangent.Category, count: Int)]
    /// dim span of the kept tangents whose scope is `.function`.
    let continuousSymmetryDimension: Int
    let hiddenDirections: [DegenerateDirection]

    var explained: Int { explainedByCategory.reduce(0) { $0 + $1.count } }

    init(tangents all: [SymmetryTangent], evidence: KernelEvidence, names: [String], progress: ProgressSink?) throws(RankError) {
        let P = evidence.columns
        var inKernel: [SymmetryTangent] = []
        var notInKernel: [SymmetryTangent.Kind] = []
        for t in all {
            if evidence.contains(t) { inKernel.append(t) } else { notInKernel.append(t.kind) }
        }
        var span = TangentSpan(exact: evidence.exact != nil && inKernel.allSatisfy(\.isExact), columns: P)
        var explainedBy: [(SymmetryTangent.Category, Int)] = []
        var credited = 0
        for category in SymmetryTangent.Category.allCases {
            let group = inKernel.filter { $0.category == category }
            guard !group.isEmpty else { continue }
            span.insert(group)
            let count = min(span.dimension, P - evidence.rank) - credited
            if count > 0 { explainedBy.append((category, count)); credited += count }
        }
        tangents = inKernel
        tangentsNotInKernel = notInKernel
        explainedByCategory = explainedBy
        continuousSymmetryDimension = span.dimension(of: inKernel.filter { $0.scope == .function })
        let hiddenCount = P - evidence.rank - credited
        if hiddenCount > 0 {
            progress?(.step("sparsifying \(hiddenCount) hidden null directions"))
            hiddenDirections = try Self.hiddenDirections(count: hiddenCount, evidence: evidence, span: span, names: names)
        } else {
            hiddenDirections = []
        }
    }

    /// `count` null directions of J modulo the tangent span, in reduced row echelon form: exact
    /// (the certificate's null vectors reduced by the exact span) or numeric.
    private static func hiddenDirections(
        count: Int, evidence: KernelEvidence, span: TangentSpan, names: [String]
    ) throws(RankError) -> [DegenerateDirection] {
        if let exact = evidence.exact, span.isExact {
            var quotient = IncrementalRowEchelon([])
            for v in exact.result.certificate.nullVectors { _ = quotient.insert(span.reduction.reduce(v)) }
            return quotient.rows.map { row in
                DegenerateDirection(terms: row.enumerated().filter { !$0.element.isZero }.map {
                    .init(index: $0.offset, parameter: names[$0.offset], exact: $0.element, numeric: $0.element.doubleValue)
                })
            }
        }
        let null = try evidence.nullBasis()
        return numericHiddenDirections(null: null, tangentRows: span.numericRows, count: count, names: names)
    }

    /// The null directions `null` (orthonormal rows, P entries) with their component in the
    /// tangent span (`tangentRows`, sparse) removed, then reduced row echelon form for a sparse display.
    static func numericHiddenDirections(
        null: [[Double]], tangentRows: [CoordinateRowSplit.SparseRow], count: Int, names: [String]
    ) -> [DegenerateDirection] {
        guard let P = null.first?.count, !null.isEmpty else { return [] }
        // The tangent span's orthonormal basis is [E_C; Q′] (``CoordinateRowSplit``): its
        // coordinate vectors e_j, j ∈ C, and Q′ from the SVD of the other rows without the
        // columns C. N ← N − (N·E_Cᵀ)·E_C − (N·Q′ᵀ)·Q′: the columns C of N set to 0, then two
        // `dgemm` on the columns Q′ touches.
        let split = CoordinateRowSplit(sparse: tangentRows, columns: P)
        let free = (0..<P).filter { !split.coordinate[$0] }
        // Rows that vanish outside C (the e_j of J's zero columns) are dropped before they are copied.
        let rows = null.filter { row in free.contains { row[$0] != 0 } }.map { row in free.map { row[$0] } }
        guard !rows.isEmpty, var N = Matrix(rowArrays: rows, columns: free.count) else { return [] }
        if let q = tangentBasis(split, within: free) { N.add(N.multiplied(byTransposeOf: q)!.multiplied(by: q)!.map { -$0 }) }
        guard let ns = try? N.singularValueDecomposition() else { return [] }
        // The leading right singular vectors, on the columns outside C, back in J's columns.
        let basis = (0..<min(count, ns.vt.rows)).map { t in
            var v = [Double](repeating: 0, count: P)
            for (i, c) in free.enumerated() { v[c] = ns.vt[t, i] }
            return v
        }
        return numericReducedRows(basis, cutoff: 1e-8).map { row in
            DegenerateDirection(terms: row.enumerated().filter { $0.element != 0 }.map {
                .init(index: $0.offset, parameter: names[$0.offset], exact: nil, numeric: $0.element)
            })
        }
    }

    /// Q′ (orthonormal rows on the columns `free`, none of C): the leading right singular
    /// vectors of the non-coordinate tangent rows without the columns C, cut at
    /// 10⁻⁸·max(σ₁, 1) as ``numericRowRank(_:columns:)`` cuts; `nil` when there are none.
    private static func tangentBasis(_ split: CoordinateRowSplit, within free: [Int]) -> Matrix<Double>? {
        guard !split.reduced.isEmpty, let r = Matrix(rowArrays: split.reduced, columns: split.kept.count),
            let svd = try? r.singularValueDecomposition()
        else { return nil }
        let s = svd.singularValues, scale = split.coordinateCount > 0 ? max(s.first ?? 0, 1) : (s.first ?? 0)
        let k = s.filter { $0 > 1e-8 * scale }.count
        guard k > 0 else { return nil }
        var position = [Int](repeating: -1, count: (free.last ?? 0) + 1)
        for (i, c) in free.enumerated() { position[c] = i }
        var q = Matrix<Double>(rows: k, columns: free.count, repeating: 0)
        for t in 0..<k { for (i, c) in split.kept.enumerated() { q[t, position[c]] = svd.vt[t, i] } }
        return q
    }
}
