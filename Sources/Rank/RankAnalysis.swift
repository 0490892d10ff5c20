import Exact
import LinearAlgebra
import Networks

/// A direction in parameter space along which the batch outputs do not change to first order
/// and that no known symmetry explains, written sparsely over named parameters.
public struct DegenerateDirection: Sendable, Equatable {
    public struct Term: Sendable, Equatable {
        public let index: Int
        public let parameter: String
        /// Exact coefficient (piecewise-linear networks with exact rank), else `nil`.
        public let exact: Rational?
        public let numeric: Double
    }
    /// Nonzero coefficients by increasing index; the first is 1 (reduced row echelon form).
    public let terms: [Term]
}

/// The exact rank of a piecewise-linear network's Jacobian, with its checked certificate.
public struct ExactRankResult: Sendable, Equatable {
    public let rank: Int
    public let certificate: RankCertificate
    /// ``RankCertificate/verify(against:)`` on the Jacobian it was computed from.
    public let certificateVerified: Bool
}

/// The batch functional dimension of a network and the attribution of its degenerate directions.
///
/// J is the Jacobian of θ ↦ (f_θ(x₁), …, f_θ(x_N)) on the sampled batch (N·outputs × P). Its
/// rank r is the batch **functional dimension**; the P − r null directions are split into those
/// explained by known symmetries — dim(null J ∩ span T) for the tangent vectors T of
/// ``SymmetryTangent`` — and **hidden** ones, the rest. Every tangent is checked to lie in the
/// kernel (exactly for exact ranks), so dim(null J ∩ span T) = rank T.
public struct RankAnalysis: Sendable {
    public let parameterCount: Int
    public let parameterNames: [String]
    public let outputCount: Int
    public let domain: InputDomain
    public let seed: UInt64
    public let batch: SampleBatch
    /// How the batch sees each unit with a kink (empty without kinks).
    public let coverage: [KinkCoverage]
    /// (points, numeric rank) after each round of batch growth.
    public let growth: [(points: Int, rank: Int)]
    public let numeric: NumericRank
    /// The exact rank when computed (piecewise-linear networks, see ``RankOptions/exact``).
    public let exact: ExactRankResult?
    /// Why no exact rank was computed, when it was not.
    public let exactSkippedReason: String?
    /// Tangents found in the kernel of J.
    public let tangents: [SymmetryTangent]
    /// Tangents a rule produced that are *not* in the kernel (an inconsistency: reported).
    public let tangentsNotInKernel: [SymmetryTangent.Kind]
    /// Null directions explained, credited to each category in ``SymmetryTangent/Category`` order.
    public let explainedByCategory: [(category: SymmetryTangent.Category, count: Int)]
    /// dim span of the tangents that are symmetries of the function itself (scope `.function`).
    public let continuousSymmetryDimension: Int
    /// Null directions no known symmetry explains, sparsified.
    public let hiddenDirections: [DegenerateDirection]

    /// The rank the analysis stands on: exact when computed, else numeric.
    public var rank: Int { exact?.rank ?? numeric.rank }
    /// P − rank.
    public var degeneracy: Int { parameterCount - rank }
    public var explained: Int { explainedByCategory.reduce(0) { $0 + $1.count } }
    public var hidden: Int { max(0, degeneracy - explained) }
    /// The exact and numeric ranks differ.
    public var exactNumericDisagreement: Bool { exact.map { $0.rank != numeric.rank } ?? false }
    public var deadUnits: [UnitID] { coverage.filter { $0.behaviour == .dead }.map(\.unit) }
    public var linearUnits: [(unit: UnitID, slope: Rational)] {
        coverage.compactMap { if case .linear(let s) = $0.behaviour { return ($0.unit, s) } else { return nil } }
    }

    /// Runs the analysis. `progress` receives one-line notes on long steps (the library never prints).
    public static func run(
        _ network: Network, options: RankOptions = RankOptions(), progress: (@Sendable (String) -> Void)? = nil
    ) throws(RankError) -> RankAnalysis {
        let P = network.parameterCount
        let outputs = network.outputCount
        guard P <= options.maximumParameters else { throw .tooManyParameters(count: P, limit: options.maximumParameters) }
        if let n = options.points, n < 1 || n > options.maximumPoints {
            throw .invalidOption(name: "points", reason: "\(n) is outside 1…\(options.maximumPoints)")
        }
        if let t = options.tolerance, !(t >= 0 && t.isFinite) {
            throw .invalidOption(name: "tolerance", reason: "\(t) is not a finite nonnegative number")
        }
        let domain = try SamplingDomain(network: network, options: options)
        let graph = ParameterGraph(network)
        var exactSkipped: String? = nil
        let useExact: Bool
        switch options.exact {
        case .never: useExact = false; exactSkipped = "switched off"
        case .always, .automatic:
            if !network.isPiecewiseLinear {
                useExact = false
                exactSkipped = "not every activation is piecewise linear, so the Jacobian is not rational"
            } else if options.exact == .automatic && P > options.exactParameterLimit {
                useExact = false
                exactSkipped = "P = \(P) exceeds the automatic limit \(options.exactParameterLimit) (use --exact to force it)"
            } else {
                useExact = true
            }
        }
        var sampler = Sampler(network: network, domain: domain, exactSigns: useExact, seed: options.seed)
        // The first batch aims at the rank bound the known symmetries allow for a batch that
        // crosses every kink (P minus the rank of the tangents), with a quarter of slack, so that
        // the common case needs one round (see docs/rank-performance.md).
        let firstBound = P - numericTangentRank(SymmetryTangent.all(graph: graph, coverage: []), P)
        let minimum = (firstBound + outputs - 1) / max(1, outputs)
        let first = options.points ?? min(options.maximumPoints, minimum + (options.extraPoints ?? max(4, (minimum + 3) / 4)))
        progress?("sampling \(first) points")
        try sampler.addRandom(first)
        if !sampler.kinkedUnits.isEmpty {
            // A fixed batch only repairs one-sided units; an automatic one places a cluster on
            // both sides of every kink right away, rather than in a growth round.
            if options.points == nil { try sampler.addClustersForAllKinks() } else { try sampler.repairCoverage() }
        }

        // Grow the batch until the rank stops changing or reaches the bound the tangents allow.
        // Each round computes the Jacobian rows of the new points only and folds them into the
        // triangular factor R of J = QR (JᵀJ = RᵀR: same singular values, same null space).
        var growth: [(Int, Int)] = []
        var factor: TriangularFactor? = nil
        if P > 0 {
            do { factor = try TriangularFactor(columns: P) } catch { throw .linearAlgebra(error.description) }
        }
        var factored = 0
        var numeric: NumericRank
        var coverage: [KinkCoverage]
        var tangents: [SymmetryTangent]
        while true {
            coverage = sampler.coverage()
            tangents = SymmetryTangent.all(graph: graph, coverage: coverage)
            let rows = sampler.batch.count * outputs
            progress?("Jacobian rows \(factored * outputs)..<\(rows) of \(rows)×\(P)")
            var spectrum: [Double] = []
            if factor != nil {
                let block: Matrix<Double>
                do { block = try sampler.numeric.jacobian(at: Array(sampler.batch.numericPoints[factored...])) } catch {
                    throw .network(error)
                }
                do {
                    progress?("QR update with \(block.rows) rows")
                    try factor?.append(rows: block)
                    progress?("singular values of R (\(P)×\(P))")
                    spectrum = try factor?.singularValues() ?? []
                } catch { throw .linearAlgebra(error.description) }
            }
            factored = sampler.batch.count
            numeric = NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: options.tolerance, ambiguityRatio: options.ambiguityRatio)
            let previous = growth.last?.1
            growth.append((sampler.batch.count, numeric.rank))
            if options.points != nil || numeric.rank == P { break }
            if let previous, previous == numeric.rank { break }
            if sampler.batch.count >= options.maximumPoints { break }
            // A cheap bound: the rank cannot exceed P minus the number of independent tangents
            // (tangents are in the kernel); count them only when that could stop the growth.
            let bound = P - numericTangentRank(tangents, P)
            if numeric.rank >= bound { break }
            let more = min(options.maximumPoints - sampler.batch.count, max(4, sampler.batch.count / 2))
            progress?("rank \(numeric.rank) < bound \(bound): adding \(more) points")
            try sampler.addRandom(more)
        }
        let R = factor?.r ?? Matrix(rows: 0, columns: P, repeating: 0)
        progress?("checking \(tangents.count) symmetry tangents against the kernel")

        var exact: ExactRankResult? = nil
        var exactJ: Matrix<Rational>? = nil
        if useExact {
            progress?("exact Jacobian and exact rank")
            do { exactJ = try network.exactJacobian(at: sampler.batch.points) } catch { throw .exact("\(error)") }
            let er = exactJ!.exactRank()
            exact = ExactRankResult(rank: er.rank, certificate: er.certificate, certificateVerified: er.certificate.verify(against: exactJ!))
        }
        let rank = exact?.rank ?? numeric.rank

        // Keep the tangents that lie in the kernel.
        var inKernel: [SymmetryTangent] = []
        var notInKernel: [SymmetryTangent.Kind] = []
        let jNorm = numeric.singularValues.first ?? 0
        for t in tangents {
            let ok: Bool
            if let EJ = exactJ, t.isExact {
                ok = (0..<EJ.rows).allSatisfy { i in
                    var s = Rational.zero
                    for e in t.entries { s.addProduct(EJ[i, e.index], e.exact!) }
                    return s.isZero
                }
            } else {
                // ‖J·t‖₂ = ‖R·t‖₂ since JᵀJ = RᵀR.
                var residual = 0.0
                for i in 0..<R.rows {
                    var s = 0.0
                    for e in t.entries { s += R[i, e.index] * e.numeric }
                    residual += s * s
                }
                let norm = t.entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
                ok = residual.squareRoot() <= 1e-9 * max(jNorm, 1e-300) * norm * Double(max(1, numeric.rows)).squareRoot()
            }
            if ok { inKernel.append(t) } else { notInKernel.append(t.kind) }
        }

        // Explained null directions, credited category by category.
        var explainedBy: [(SymmetryTangent.Category, Int)] = []
        var credited = 0
        let exactTangents = exactJ != nil && inKernel.allSatisfy(\.isExact)
        var reduction = IncrementalRowEchelon([])
        var numericRows: [[Double]] = []
        for category in SymmetryTangent.Category.allCases {
            let group = inKernel.filter { $0.category == category }
            guard !group.isEmpty else { continue }
            let span: Int
            if exactTangents {
                for t in group { _ = reduction.insert(dense(t, P)) }
                span = reduction.rank
            } else {
                numericRows += group.map { denseNumeric($0, P) }
                span = numericRank(rows: numericRows, P)
            }
            let count = min(span, P - rank) - credited
            if count > 0 { explainedBy.append((category, count)); credited += count }
        }
        let functionTangents = inKernel.filter { $0.scope == .function }
        let symmetryDimension = exactTangents
            ? IncrementalRowEchelon(functionTangents.map { dense($0, P) }).rank
            : numericRank(rows: functionTangents.map { denseNumeric($0, P) }, P)

        // Hidden directions: null vectors reduced modulo the tangent span.
        var hidden: [DegenerateDirection] = []
        let hiddenCount = P - rank - credited
        if hiddenCount > 0 {
            progress?("sparsifying \(hiddenCount) hidden null directions")
            if let exact, exactTangents {
                var quotient = IncrementalRowEchelon([])
                for v in exact.certificate.nullVectors { _ = quotient.insert(reduction.reduce(v)) }
                hidden = quotient.rows.map { row in
                    DegenerateDirection(terms: row.enumerated().filter { !$0.element.isZero }.map {
                        .init(index: $0.offset, parameter: graph.names[$0.offset], exact: $0.element, numeric: $0.element.doubleValue)
                    })
                }
            } else {
                hidden = try numericHiddenDirections(J: R, rank: numeric.rank, tangentRows: numericRows, count: hiddenCount, names: graph.names)
            }
        }

        return RankAnalysis(
            parameterCount: P, parameterNames: graph.names, outputCount: outputs, domain: domain.domain, seed: options.seed,
            batch: sampler.batch, coverage: coverage, growth: growth, numeric: numeric, exact: exact,
            exactSkippedReason: exactSkipped, tangents: inKernel, tangentsNotInKernel: notInKernel,
            explainedByCategory: explainedBy, continuousSymmetryDimension: symmetryDimension, hiddenDirections: hidden)
    }
}

private func dense(_ t: SymmetryTangent, _ P: Int) -> [Rational] {
    var v = [Rational](repeating: .zero, count: P)
    for e in t.entries { v[e.index] = e.exact ?? .zero }
    return v
}

private func denseNumeric(_ t: SymmetryTangent, _ P: Int) -> [Double] {
    var v = [Double](repeating: 0, count: P)
    let norm = t.entries.reduce(0) { $0 + $1.numeric * $1.numeric }.squareRoot()
    for e in t.entries { v[e.index] = e.numeric / norm }
    return v
}

/// Numeric rank of unit-norm rows (cut at 10⁻⁸: the rows are exact up to rounding).
private func numericRank(rows: [[Double]], _ P: Int) -> Int {
    guard !rows.isEmpty, let m = Matrix(rowArrays: rows, columns: P), let s = try? m.singularValues() else { return 0 }
    return s.filter { $0 > 1e-8 * (s.first ?? 0) }.count
}

private func numericTangentRank(_ tangents: [SymmetryTangent], _ P: Int) -> Int {
    numericRank(rows: tangents.map { denseNumeric($0, P) }, P)
}

/// The null space of J from the SVD of `J` — or of any matrix with J's null space, such as the
/// triangular factor R of J = QR — (padded with zero rows when wide), with its component
/// in the tangent span removed, then reduced row echelon form for a sparse display.
private func numericHiddenDirections(J: Matrix<Double>, rank: Int, tangentRows: [[Double]], count: Int, names: [String]) throws(RankError) -> [DegenerateDirection] {
    let P = J.columns
    var A = J
    if A.rows < P {
        A = Matrix(rows: P, columns: P, elements: J.elements + [Double](repeating: 0, count: (P - J.rows) * P))!
    }
    let svd: SingularValueDecomposition
    do { svd = try A.singularValueDecomposition() } catch { throw .linearAlgebra(error.description) }
    var null = (rank..<P).map { Array(svd.vt.row($0)) }
    // Orthonormal basis of the tangent span, then project it out of the null vectors.
    if !tangentRows.isEmpty, let T = Matrix(rowArrays: tangentRows, columns: P), let ts = try? T.singularValueDecomposition() {
        let k = ts.singularValues.filter { $0 > 1e-8 * (ts.singularValues.first ?? 0) }.count
        let q = (0..<k).map { Array(ts.vt.row($0)) }
        null = null.map { v in
            var v = v
            for b in q {
                let d = zip(v, b).reduce(0) { $0 + $1.0 * $1.1 }
                for j in 0..<P { v[j] -= d * b[j] }
            }
            return v
        }
    }
    guard let N = Matrix(rowArrays: null, columns: P), N.rows > 0, let ns = try? N.singularValueDecomposition() else { return [] }
    let basis = (0..<min(count, ns.vt.rows)).map { Array(ns.vt.row($0)) }
    return numericReducedRows(basis, cutoff: 1e-8).map { row in
        DegenerateDirection(terms: row.enumerated().filter { $0.element != 0 }.map {
            .init(index: $0.offset, parameter: names[$0.offset], exact: nil, numeric: $0.element)
        })
    }
}
