import LinearAlgebra

/// The factor stage's engine when ``RankOptions/factorization`` is ``FactorizationMethod/gram``:
/// J's rows are folded into G = JᵀJ (``GramMatrix``, `dsyrk`, 8·P² bytes) and the rank is read
/// from a pivoted Cholesky factorisation of G (`dpstrf`'s algorithm in tiles over the cores,
/// `TiledPivotedCholesky`, ≈ P³/3 flops against ≈ 2·m·P² + SVD for QR). σᵢ(J)² = λᵢ(G), so the
/// cut τ on J becomes τ² on G; round-off in G is ≈ ε·max(m, P)·λ₁,
/// so the method resolves σ only down to its floor σ₁·√(max(m, P)·ε), and the cut is never
/// put below it.
///
/// The spectrum it reports is not a full SVD (``SpectrumSource/gram``): σ₁ by power iteration,
/// the Cholesky pivots √dᵢ in between, at position r the estimate of √λ_min(G₁₁) ≤ σ_r(J)'s
/// bound from the pivoted columns, and below the cut the Ritz bounds √μᵢ ≥ σ_{r+i}(J) on the
/// computed null space, never shown below the floor. The gap σ_r/σ_{r+1} is then read against
/// the floor. When it is ambiguous, or the floor hides the cut asked for, the factor stage reads
/// the spectrum below the floor from J's rows by a Schur deflation (``SchurDeflation``:
/// ``beginDeflation(memory:blockRows:)``, ``deflate(rows:)`` or ``deflate(factored:)`` per block and pass,
/// ``finishDeflationPass()``, ``finishDeflation(tolerance:ambiguityRatio:)``), whose rank is then
/// the one reported; when that cannot run, it refactors with a stronger engine if its memory
/// plan fits (``GramRankEvidence``).
struct GramFactorization: Factorization {
    let columns: Int
    var gram: GramMatrix?
    var gramEvidence: GramRankEvidence?
    /// Null-space rows of the last numeric rank (k × P), kept for the attribute stage.
    var null: Matrix<Double>?
    /// The last established round's evidence for the next round's growth bounds
    /// (GramFactorization+Growth.swift), and the growth rounds read so far.
    var growth: GrowthChain?
    var growthRounds: [GrowthRoundEvidence] = []
    /// The Schur deflation under way (``beginDeflation(memory:blockRows:)`` to ``finishDeflation(tolerance:ambiguityRatio:)``).
    private var deflation: SchurDeflation?

    /// J₁'s σ_min must be ≥ this × the Gram floor: then G₁₁ is known to a relative ≈ 1/9 or
    /// better, κ(J₁)²·ε ≲ 1/(9·max(m, P)), and each correction of X contracts its error ≈ 9×.
    static let leadingMargin = 3.0
    /// Passes over J's rows at most (one start and two corrections).
    static let maximumPasses = 3

    init(columns: Int) throws(RankError) {
        self.columns = columns
        guard columns > 0 else { return }
        do { gram = try GramMatrix(columns: columns) } catch { throw .linearAlgebra(error.description) }
    }

    mutating func append(rows block: consuming Matrix<Double>) throws(RankError) {
        do { try gram?.accumulate(rows: block) } catch { throw .linearAlgebra(error.description) }
        try readForGrowth(rows: block)
        null = nil
        gramEvidence = nil
        deflation = nil
    }

    /// G ← G + JᵀJ from the factored rows, summed over the outputs before the Kronecker product
    /// (``GramMatrix/accumulate(factored:concurrently:)``: ≈ n·P_ℓ²/2 flops per layer against
    /// K·n·P² for `dsyrk` on the K·n rows).
    mutating func append(factored rows: FactoredJacobian) throws(RankError) {
        do { try gram?.accumulate(factored: rows) } catch { throw .linearAlgebra(error.description) }
        try readForGrowth(factored: rows)
        null = nil
        gramEvidence = nil
        deflation = nil
    }

    var readsFactoredRows: Bool { true }

    /// The reported spectrum of the last ``numericRank(rows:tolerance:ambiguityRatio:)`` (zeros before one).
    func singularValues() throws(RankError) -> [Double] { gramEvidence?.spectrum ?? [Double](repeating: 0, count: columns) }

    /// The rank from the pivoted Cholesky factorisation at the cut τ = max(tolerance, QR's cut, floor).
    /// The Gram gap is at most σ_r / floor, so when that is below `ambiguityRatio` no Ritz bound
    /// can settle it: the null basis and Ritz values then wait for the deflation, or for
    /// ``beginDeflation(memory:blockRows:)`` refusing it.
    mutating func numericRank(rows: Int, tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank {
        guard var g = gram else {
            return NumericRank(singularValues: [], rows: rows, columns: columns, tolerance: tolerance, ambiguityRatio: ambiguityRatio)
        }
        // One reference to G while it is factored, so that the factorisation works in place
        // rather than on a copy of 8·P² bytes.
        gram = nil
        defer { gram = g }
        let P = columns, size = Double(max(rows, P)), eps = Double.ulpOfOne
        let sigma1 = g.largestEigenvalue().squareRoot()
        let floor = sigma1 * (size * eps).squareRoot()
        let tau = max(tolerance ?? sigma1 * size * eps, floor)
        let f: GramMatrix.PivotedCholesky, lead: Double?
        do {
            f = try g.factor(cut: tau * tau)
            lead = try g.leadingSmallestEigenvalue()
        } catch { throw .linearAlgebra(error.description) }
        let r = f.rank
        let sigmaR = lead.map { $0.squareRoot() } ?? 0
        let gramCanSettle = r == 0 || r == P || sigmaR >= ambiguityRatio * floor
        var ritz: [Double] = []
        if gramCanSettle { ritz = try Self.nullSpace(of: &g, into: &null) }
        let spectrum = Self.gramSpectrum(f, prefix: r, sigma1: sigma1, leading: sigmaR, floor: floor, ritz: ritz)
        let result = NumericRank(singularValues: spectrum, rows: rows, columns: P, tolerance: tau, ambiguityRatio: ambiguityRatio)
        gramEvidence = GramRankEvidence(
            rows: rows, pivotRank: r, sigma1: sigma1, floor: floor, cut: tau,
            leadingSmallest: r > 0 ? sigmaR : nil, nullBound: ritz.first.map { max($0, 0).squareRoot() },
            gap: result.gapRatio, ambiguous: result.isAmbiguous, spectrum: spectrum,
            floorAboveRequestedCut: floor > (tolerance ?? sigma1 * size * eps))
        gramEvidence?.growthRounds = growthRounds
        return result
    }

    /// The Gram null basis N of the last factorisation (into `null`) and the Ritz values of G on it.
    private static func nullSpace(of g: inout GramMatrix, into null: inout Matrix<Double>?) throws(RankError) -> [Double] {
        do {
            let basis = try g.nullSpaceBasis()
            null = basis
            return try g.ritzValues(onRows: basis)
        } catch { throw .linearAlgebra(error.description) }
    }

    /// The spectrum the Gram engine shows (P values): σ₁, the pivots √dᵢ of the first `prefix`
    /// (no lower than the estimate `leading` of σ_min of the pivoted block, which position
    /// prefix − 1 shows), then the Ritz bounds, none below the floor.
    private static func gramSpectrum(
        _ f: GramMatrix.PivotedCholesky, prefix r: Int, sigma1: Double, leading: Double, floor: Double, ritz: [Double]
    ) -> [Double] {
        var spectrum = [Double](repeating: floor, count: f.order.count)
        for i in 0..<r { spectrum[i] = min(sigma1, max(f.diagonal[i], leading)) }
        if r > 0 { spectrum[0] = sigma1 }
        if r > 1 { spectrum[r - 1] = min(leading, spectrum[r - 2]) }
        for (i, mu) in ritz.enumerated() where r + i < spectrum.count { spectrum[r + i] = max(max(mu, 0).squareRoot(), floor) }
        return spectrum
    }

    /// Starts the Schur deflation of the last factorisation (``SchurDeflation``): J₁ = the longest
    /// run of leading pivots (among those ≥ ``leadingMargin`` × the floor) whose σ_min, estimated
    /// by inverse iteration, is ≥ ``leadingMargin`` × the floor — leading blocks only lose σ_min
    /// as they grow (interlacing), so bisection finds it; when 30 steps of inverse iteration find
    /// the block the bisection's 10 steps chose below the margin, the pivots ≥ 2^j times the
    /// margin (j = 1 … 6) are tried in turn — when the deflation's memory fits in
    /// ¾ of `memory` beside G. Returns `false` — with the reason in the evidence, and the Gram
    /// null basis and Ritz bound computed — when it cannot run.
    mutating func beginDeflation(memory: Int?, blockRows: Int) throws(RankError) -> Bool {
        guard var g = gram, var evidence = gramEvidence, let f = g.cholesky else { return false }
        gram = nil
        defer { gram = g }
        let P = columns, least = Self.leadingMargin * evidence.floor
        var refusal: String
        do {
            let smallest = { (p: Int, steps: Int) throws(LinearAlgebraError) -> Double in
                (try g.leadingSmallestEigenvalue(prefix: p, iterations: steps) ?? 0).squareRoot()
            }
            var hi = f.diagonal.prefix { $0 >= least }.count
            if hi > 0, try smallest(hi, 10) < least {
                var lo = 0
                for _ in 0..<10 where hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if try smallest(mid, 10) >= least { lo = mid } else { hi = mid }
                }
                hi = lo
            }
            // The bisection's estimates (10 steps, from above) may pass a block that 30 steps
            // find below the margin: then fall back to the pivots ≥ 2×, 4×, … 64× the margin.
            var r1 = hi, sigmaMin = r1 > 0 ? try smallest(r1, 30) : 0
            var margin = 2.0
            while r1 > 0, sigmaMin < least, margin <= 64 {
                r1 = min(r1 - 1, f.diagonal.prefix { $0 >= margin * least }.count)
                sigmaMin = r1 > 0 ? try smallest(r1, 30) : 0
                margin *= 2
            }
            let zero = r1 > 0 ? SchurDeflation.zeroColumnCount(g, leading: r1) : 0
            let needed = SchurDeflation.memoryNeeded(columns: P, leading: r1, zero: zero, blockRows: blockRows) ?? .max
            let held = (GramMatrix.memoryNeeded(columns: P) ?? .max) + MemoryPlan.chunkBytes
            if r1 == 0 || sigmaMin < least {
                refusal = "no leading block of pivots has σ_min ≥ \(Int(Self.leadingMargin))× the floor"
            } else if r1 == P {
                refusal = "every pivot is above the floor"
            } else if let memory, needed > memory / 4 * 3 - held {
                refusal = "it would need \(MemoryPlan.gigabytes(needed)) beside G; this machine has \(MemoryPlan.gigabytes(memory))"
            } else {
                let d = try SchurDeflation(gram: &g, leading: r1, gramInFirstPass: false)
                deflation = d
                evidence.deflation = SchurDeflationEvidence(
                    leadingRank: r1, leadingSmallest: sigmaMin, trailingColumns: d.trailing.count, zeroColumns: d.zero.count)
                gramEvidence = evidence
                return true
            }
        } catch { throw .linearAlgebra(error.description) }
        evidence.deflationRefused = refusal
        let ritz = try Self.nullSpace(of: &g, into: &null)
        evidence.nullBound = ritz.first.map { max($0, 0).squareRoot() }
        gramEvidence = evidence
        return false
    }

    /// One block of J's rows for the deflation's current pass (``SchurDeflation/absorb(rows:)``).
    mutating func deflate(rows block: Matrix<Double>) throws(RankError) {
        do { try deflation?.absorb(rows: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// One block of J's rows in Kronecker-factored form for the deflation's current pass
    /// (``SchurDeflation/absorb(factored:)``: the rows are never formed).
    mutating func deflate(factored block: FactoredJacobian) throws(RankError) {
        do { try deflation?.absorb(factored: block) } catch { throw .linearAlgebra(error.description) }
    }

    /// Ends a pass over J's rows and returns `true` when another is to be read: after a
    /// correction of X (``wantsCorrection(rho:previous:passes:qrCut:trailingFloor:)``), or, when
    /// no correction came after the first pass (which skips K = SᵀS), once more for K.
    mutating func finishDeflationPass() throws(RankError) -> Bool {
        guard var d = deflation, var g = gram, let evidence = gramEvidence else { return false }
        deflation = nil
        gram = nil
        defer { (deflation, gram) = (d, g) }
        do {
            let rho = try d.finishPass(gram: &g)
            let qrCut = evidence.sigma1 * Double(max(evidence.rows, columns)) * Double.ulpOfOne
            let previous = d.residuals.dropLast().last ?? .infinity
            if Self.wantsCorrection(rho: rho, previous: previous, passes: d.residuals.count, qrCut: qrCut, trailingFloor: d.trailingFloor()) {
                try d.correct(gram: &g)
                return true
            }
            // The first pass read C only: read the rows once more for K when no correction came.
            if !d.readsTrailingGram {
                try d.reread()
                return true
            }
            return false
        } catch { throw .linearAlgebra(error.description) }
    }

    /// Whether X is corrected after a pass whose residual is ρ = ‖Q₁ᵀS‖ (`previous` the last
    /// pass's, ∞ after the first): while ρ is above QR's cut σ₁·max(m, P)·ε, still fell by 10× or
    /// more (else it stands at its own round-off) and fewer than ``maximumPasses`` passes ran —
    /// and, after a pass that read K (`trailingFloor` S's floor, a lower bound on the cut
    /// ``finishDeflation(tolerance:ambiguityRatio:)`` reads the rank at, as ‖W‖ ≥ 1), while
    /// ρ > cut/4. Stopping is sound whatever ρ is: both bounds hold for any X, with the ρ
    /// measured. What a correction could still gain is on the lower bound
    /// (min(σ_min(J₁), σ_{r_S}(J·N)) − 2ρ)/√2: at most 2ρ/√2 ≤ cut/(2√2), under half of σ_{r_S}(J·N)
    /// (which is above the cut) — not worth a pass over J's rows.
    static func wantsCorrection(rho: Double, previous: Double, passes: Int, qrCut: Double, trailingFloor: Double?) -> Bool {
        let cut = max(qrCut, trailingFloor ?? 0)
        return rho > qrCut && rho > cut / 4 && rho <= previous / 10 && passes < maximumPasses
    }

    /// The rank r₁ + r_S from the deflation (see ``SchurDeflation`` for the bounds): r_S values of
    /// σ(J·N) above the cut max(`tolerance`, σ₁·max(m, P)·ε·‖W‖₂, S's own floor), σ_r shown as its
    /// lower bound, σ_{r+1} as σ_{r_S+1}(J·N), none below S's floor; ambiguous also when the lower
    /// bound is not above the cut.
    /// `nil` when no deflation ran.
    mutating func finishDeflation(tolerance: Double?, ambiguityRatio: Double) throws(RankError) -> NumericRank? {
        guard var d = deflation, var evidence = gramEvidence, var deflated = evidence.deflation,
            d.rowsRead == evidence.rows, let f = gram?.cholesky
        else { return nil }
        deflation = nil
        guard d.zeroColumnsHold else {
            try refuseDeflation("a column with G_jj = 0 is not zero in J's rows", evidence: &evidence)
            return nil
        }
        let trailing: TrailingSpectrum
        do { trailing = try d.spectrum() } catch { throw .linearAlgebra(error.description) }
        let qrCut = evidence.sigma1 * Double(max(evidence.rows, columns)) * Double.ulpOfOne
        deflated.record(trailing, residuals: d.residuals, cut: max(tolerance ?? 0, qrCut * trailing.wNorm, trailing.floor))
        let r1 = deflated.leadingRank, rS = deflated.trailingRank, r = r1 + rS
        let above = Self.gramSpectrum(
            f, prefix: r1, sigma1: evidence.sigma1, leading: deflated.leadingSmallest, floor: evidence.floor, ritz: [])[0..<r1]
        var spectrum = (Array(above) + trailing.values[0..<rS]).sorted(by: >) + trailing.values[rS...].map { max($0, trailing.floor) }
        let settled = deflated.lowerBound > deflated.cut
        if settled, r > 0 { spectrum[r - 1] = deflated.lowerBound }
        let result = NumericRank(
            singularValues: spectrum, rows: evidence.rows, columns: columns, tolerance: deflated.cut,
            ambiguityRatio: settled ? ambiguityRatio : .infinity)
        guard result.rank == r else {
            // The cut fell among J₁'s pivots (‖W‖ so large that S's round-off reaches them).
            try refuseDeflation("its cut \(deflated.cut) reaches the pivoted columns", evidence: &evidence)
            return nil
        }
        null = trailing.nullRows(after: rS)
        deflated.ambiguous = result.isAmbiguous
        evidence.deflation = deflated
        evidence.gap = result.gapRatio
        evidence.ambiguous = result.isAmbiguous
        evidence.spectrum = spectrum
        gramEvidence = evidence
        return result
    }

    /// Drops the deflation's result for `reason`: the Gram null basis and Ritz bound stand instead.
    private mutating func refuseDeflation(_ reason: String, evidence: inout GramRankEvidence) throws(RankError) {
        evidence.deflation = nil
        evidence.deflationRefused = reason
        if var g = gram {
            gram = nil
            defer { gram = g }
            evidence.nullBound = try Self.nullSpace(of: &g, into: &null).first.map { max($0, 0).squareRoot() }
        }
        gramEvidence = evidence
    }

    /// A Gram factor M (MᵀM = JᵀJ) is not formed: the kernel checks read ‖J·t‖² = tᵀGt from G.
    var gramFactor: Matrix<Double> { Matrix(rows: 0, columns: columns, repeating: 0) }

    func kernelResidual(_ entries: [(index: Int, value: Double)]) -> Double {
        max(0, gram?.quadraticForm(entries) ?? 0).squareRoot()
    }

    var resolvableFloor: Double { gramEvidence?.floor ?? 0 }
    var spectrumSource: SpectrumSource { .gram }

    /// The null space from the pivoted Cholesky factor at the last numeric rank.
    func nullBasis(rank: Int) throws(RankError) -> [[Double]] {
        guard let null else { return [] }
        if null.rows != columns - rank, gramEvidence != nil {
            throw .linearAlgebra("the Gram engine's null space has \(null.rows) directions, not \(columns - rank)")
        }
        return null.rowArrays
    }
}
