import CFLINT
import CGMP
import Exact

/// Exact null vectors of an integer matrix from one LU decomposition mod p, by Dixon's p-adic
/// lifting with early termination (J. D. Dixon, "Exact solution of linear equations using
/// p-adic expansions", *Numerische Mathematik* 40, 1982).
///
/// Let R, C be the rows and columns of a minor A[R, C] that the factor shows nonsingular mod p,
/// and F the other columns. The null space of A[R, :] has the unique basis {v_f : f ∈ F} with
/// v_f[f] = 1, v_f = 0 on the other columns of F and v_f[C] = X[:, f], where A[R, C]·X =
/// −A[R, F] =: B. Dixon's iteration finds X mod pˢ without another elimination: with E₀ = B,
/// each step solves A[R, C]·Yᵢ ≡ Eᵢ (mod p) by the factor's two triangular solves, then sets
/// Eᵢ₊₁ = (Eᵢ − A[R, C]·Yᵢ)/p (an exact integer division), so that X ≡ Σ Yᵢ·pⁱ (mod pˢ). Each
/// entry of X is then recovered as a rational a/b ≡ x (mod pˢ) with |a|, b ≤ √(pˢ/2) (Wang's
/// rational reconstruction, FLINT's `fmpq_reconstruct_fmpz`; per null vector a running common
/// denominator keeps the attempts cheap). A step costs O(r²·k) word operations for k = |F|,
/// against O(r^ω) for an elimination.
///
/// **Termination and proof.** As soon as a reconstruction succeeds, the candidate is checked
/// exactly on the rows R (integer products, FLINT's `fmpz_mat_mul`): A[R, :]·v = 0 proves
/// v = v_f, since A[R, C] is nonsingular over ℚ. A failure there only means the reconstruction
/// came too early: lifting continues. Cramer's rule and Hadamard's inequality bound the
/// numerators and the denominator of X (`fmpz_mat_solve_bound`: N and D), and a reconstruction
/// modulo pˢ > 2·N·D is guaranteed to be the true one, so the lifting stops after at most that
/// many steps — in practice after a few, because null vectors of Jacobians have small entries.
/// The other rows are screened mod p with the first digit (``independentModP(_:groups:)``): a
/// row with a nonzero residue is independent of the rows R, so rank > |R|. Whether the proven
/// basis annihilates the other rows exactly is left to the certificate's verification
/// (``RankCertificate``), which the caller runs once on every row.
struct PAdicNullSpace {
    enum Outcome {
        /// The exact null vectors of A[R, :]; their products with every row of the requested
        /// groups vanish mod p (not yet known to vanish exactly).
        case lifted([[Rational]])
        /// The rows `rows` of the group `group` (an index into the groups passed to
        /// ``run(screening:)``) have a nonzero product mod p with a null vector of A[R, :]: each
        /// is independent of the rows R, so rank > |R|.
        case independentRows(group: Int, rows: [Int])
    }

    /// The whole matrix A, whose rows the groups of ``run(screening:)`` name.
    let source: any ExactRowSource
    /// The factored rows of A (integer multiples of them), in the factor's numbering.
    let factored: IntegerMatrix
    let factor: FLINTPivotFactor
    /// R in the numbering of ``source`` (the factor's pivot rows mapped through the rows it factored).
    let pivotRows: [Int]
    let free: [Int]

    /// `factored` holds the rows `factoredRows` of `source` (integer multiples of them, as
    /// ``ExactRowSource/integerRows(_:)`` gives them); `factor` is its LU mod p.
    init(source: any ExactRowSource, factored: IntegerMatrix, factor: FLINTPivotFactor, factoredRows: [Int]) {
        self.source = source
        self.factored = factored
        self.factor = factor
        pivotRows = factor.pivotRows.map { factoredRows[$0] }
        var isPivot = [Bool](repeating: false, count: factored.columns)
        for c in factor.pivotColumns { isPivot[c] = true }
        free = (0..<factored.columns).filter { !isPivot[$0] }
    }

    /// Lifts the null space and screens it mod p against the groups of rows `groups` (rows
    /// outside R), in order.
    ///
    /// Each column of X is lifted only until it is proven: the columns are independent systems
    /// A[R, C]·x_t = b_t sharing one factor, and null vectors of a Jacobian differ widely in size
    /// (a unit that never switches gives a unit vector, a rescaling symmetry ratios of weights, a
    /// direction the batch does not constrain determinants of its points). A column whose
    /// reconstruction satisfies A[R, :]·v_t = 0 exactly is v_t; it leaves the lifting, which
    /// goes on with the others, so a step costs O(r²·k′) for the k′ columns still open.
    func run(screening groups: [[Int]]) -> Outcome {
        guard !free.isEmpty else { return .lifted([]) }
        let r = factor.rank, k = free.count, p = factor.prime
        let a = factored.submatrix(rows: factor.pivotRows, columns: factor.pivotColumns)
        let b = factored.submatrix(rows: factor.pivotRows, columns: free)
        fmpz_mat_neg(b.matrix, b.matrix)
        let numbers = FMPZScalars(count: 3)
        let power = numbers[0], numeratorBound = numbers[1], denominatorBound = numbers[2]
        fmpz_one(power)
        if r > 0 { fmpz_mat_solve_bound(numeratorBound, denominatorBound, a.matrix, b.matrix) }
        // Steps s with pˢ > 2·N·D guarantee the reconstruction (p > 2³⁰ gives 30 bits a step).
        let neededBits = Int(fmpz_bits(numeratorBound)) + Int(fmpz_bits(denominatorBound)) + 2
        let maxSteps = neededBits / 30 + 2
        let candidate = ReconstructedNullSpace(rank: r, free: free, pivotColumns: factor.pivotColumns)
        // The open columns (indices into `free`); `residual` and `x` hold exactly those.
        var open = Array(0..<k)
        var residual = b, x = FMPZMatrix(rows: r, columns: k)
        for step in 0..<maxSteps {
            let residues = FLINTModularMatrix(rows: r, columns: open.count, prime: p)
            fmpz_mat_get_nmod_mat(residues.matrix, residual.matrix)
            factor.solvePivotMinor(residues)
            if step == 0, let found = independentModP(residues, groups: groups) { return found }
            let digit = FMPZMatrix(rows: r, columns: open.count)
            fmpz_mat_set_nmod_mat_unsigned(digit.matrix, residues.matrix)
            fmpz_mat_scalar_addmul_fmpz(x.matrix, digit.matrix, power)
            fmpz_mul_ui(power, power, UInt(p))
            let product = a.multiplied(by: digit)
            fmpz_mat_sub(residual.matrix, residual.matrix, product.matrix)
            fmpz_mat_scalar_divexact_ui(residual.matrix, residual.matrix, UInt(p))
            // A zero residual column means A[R, C]·x_t = b_t exactly: x_t is the (integer) solution.
            let settled = open.indices.filter { s in
                candidate.reconstruct(column: open[s], from: x, column: s, modulo: power, exact: residual.columnIsZero(s))
            }
            guard !settled.isEmpty else { continue }
            let (support, w) = candidate.integerColumns(settled.map { open[$0] })
            let wrong = factored.nonzeroProductColumns(rows: factor.pivotRows, support: support, times: w)
            let proven = Set(settled.indices.filter { !wrong[$0] }.map { settled[$0] })
            guard !proven.isEmpty else { continue }
            let keep = open.indices.filter { !proven.contains($0) }
            open = keep.map { open[$0] }
            residual = residual.columns(keep)
            x = x.columns(keep)
            guard open.isEmpty else { continue }
            return .lifted(candidate.vectors(columns: factored.columns))
        }
        // Unreachable for a minor nonsingular mod p (the bound guarantees the reconstruction);
        // reported like an independent row of the first group, which sends the caller on.
        return .independentRows(group: 0, rows: [])
    }
}

extension PAdicNullSpace {
    /// The rows of the first group that has rows with A[i, :]·v ≢ 0 (mod p) for a null vector v
    /// of A[R, :], from X mod p alone (`x0`, the first digit): v = N/D with D dividing
    /// det A[R, C], which p does not divide, so a nonzero residue proves A[i, :]·v ≠ 0 — and
    /// a selection that misses a direction is caught before its (large) null vectors are lifted.
    /// `nil` when every product vanishes mod p (the exact check after the lifting decides).
    func independentModP(_ x0: FLINTModularMatrix, groups: [[Int]]) -> Outcome? {
        let k = free.count
        let v = FLINTModularMatrix(rows: factored.columns, columns: k, prime: factor.prime)
        for (j, c) in factor.pivotColumns.enumerated() { for t in 0..<k { v[c, t] = x0[j, t] } }
        for (t, f) in free.enumerated() { v[f, t] = 1 }
        for (g, rows) in groups.enumerated() where !rows.isEmpty {
            let independent = source.nonzeroProductRows(rows, modulo: v)
            if !independent.isEmpty { return .independentRows(group: g, rows: independent) }
        }
        return nil
    }
}

/// The rationals x ≡ a/b (mod M) of a lifted solution X (r × k: row i belongs to pivot column
/// C[i], column t to free column F[t]), with one common denominator D_t per column.
private final class ReconstructedNullSpace {
    let rank: Int
    let free: [Int]
    let pivotColumns: [Int]
    /// Entry (i, t) is numerators[i, t] / denominators[i, t] (lowest terms up to the common factor).
    let numerators: FMPZMatrix
    let denominators: FMPZMatrix
    let common: FMPZScalars
    let scratch = FMPZScalars(count: 4)

    init(rank: Int, free: [Int], pivotColumns: [Int]) {
        self.rank = rank
        self.free = free
        self.pivotColumns = pivotColumns
        numerators = FMPZMatrix(rows: rank, columns: free.count)
        denominators = FMPZMatrix(rows: rank, columns: free.count)
        common = FMPZScalars(count: free.count)
    }

    /// Reconstructs column t of X from column `s` of `x` mod `modulus`; false when some entry
    /// has no reconstruction within √(M/2), or the common denominator outgrows it (more steps
    /// needed). With `exact`, that column of `x` is the solution itself (all denominators 1).
    func reconstruct(column t: Int, from x: FMPZMatrix, column s: Int, modulo modulus: UnsafeMutablePointer<fmpz>, exact: Bool) -> Bool {
        let w = scratch[0], num = scratch[1], den = scratch[2]
        let halfBits = Int(fmpz_bits(modulus)) / 2
        let d = common[t]
        fmpz_one(d)
        for i in 0..<rank {
            if exact {
                fmpz_set(numerators.entry(i, t), x.entry(i, s))
                fmpz_one(denominators.entry(i, t))
                continue
            }
            fmpz_mul(w, x.entry(i, s), d)
            fmpz_mod(w, w, modulus)
            guard _fmpq_reconstruct_fmpz(num, den, w, modulus) != 0 else { return false }
            // x ≡ num/(den·d): the new common denominator is den·d.
            fmpz_mul(d, d, den)
            fmpz_set(numerators.entry(i, t), num)
            fmpz_set(denominators.entry(i, t), d)
            if Int(fmpz_bits(d)) > halfBits { return false }
        }
        return true
    }

    /// The candidates D_t·v_t for the columns `chosen` (indices into the free columns) as the
    /// columns of an integer matrix on their joint support.
    func integerColumns(_ chosen: [Int]) -> ([Int], FMPZMatrix) {
        var used = [Bool](repeating: false, count: rank)
        for i in 0..<rank { used[i] = chosen.contains { nnid_fmpz_is_zero(numerators.entry(i, $0)) == 0 } }
        let rowsUsed = (0..<rank).filter { used[$0] }
        let support = rowsUsed.map { pivotColumns[$0] } + chosen.map { free[$0] }
        let w = FMPZMatrix(rows: support.count, columns: chosen.count)
        let q = scratch[3]
        for (c, t) in chosen.enumerated() {
            for (s, i) in rowsUsed.enumerated() where nnid_fmpz_is_zero(numerators.entry(i, t)) == 0 {
                fmpz_divexact(q, common[t], denominators.entry(i, t))
                fmpz_mul(w.entry(s, c), q, numerators.entry(i, t))
            }
            fmpz_set(w.entry(rowsUsed.count + c, c), common[t])
        }
        return (support, w)
    }

    /// The null vectors (length `columns`), one per free column, in lowest terms.
    func vectors(columns: Int) -> [[Rational]] {
        let mpz = GMPIntegers(count: 2)
        return free.indices.map { t in
            var v = [Rational](repeating: .zero, count: columns)
            v[free[t]] = .one
            for i in 0..<rank where nnid_fmpz_is_zero(numerators.entry(i, t)) == 0 {
                nnid_fmpz_get_mpz(mpz[0], numerators.entry(i, t))
                nnid_fmpz_get_mpz(mpz[1], denominators.entry(i, t))
                v[pivotColumns[i]] = Rational(gmpNumerator: mpz[0], denominator: mpz[1]) ?? .zero
            }
            return v
        }
    }
}
