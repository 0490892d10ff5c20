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
    /// tangent span removed, then reduced row echelon form for a sparse display.
    private static func numericHiddenDirections(
        null: [[Double]], tangentRows: [[Double]], count: Int, names: [String]
    ) -> [DegenerateDirection] {
        guard let P = null.first?.count, var N = Matrix(rowArrays: null, columns: P), N.rows > 0 else { return [] }
        // Orthonormal basis Q of the tangent span, then N ← N − (N·Qᵀ)·Q (two `dgemm`).
        if !tangentRows.isEmpty, let T = Matrix(rowArrays: tangentRows, columns: P), let ts = try? T.singularValueDecomposition() {
            let k = ts.singularValues.filter { $0 > 1e-8 * (ts.singularValues.first ?? 0) }.count
            if k > 0, let Q = Matrix(rows: k, columns: P, elements: Array(ts.vt.elements.prefix(k * P))),
                let along = N.multiplied(byTransposeOf: Q)?.multiplied(by: Q)
            {
                N.add(along.map { -$0 })
            }
        }
        guard let ns = try? N.singularValueDecomposition() else { return [] }
        let basis = (0..<min(count, ns.vt.rows)).map { Array(ns.vt.row($0)) }
        return numericReducedRows(basis, cutoff: 1e-8).map { row in
            DegenerateDirection(terms: row.enumerated().filter { $0.element != 0 }.map {
                .init(index: $0.offset, parameter: names[$0.offset], exact: nil, numeric: $0.element)
            })
        }
    }
}
