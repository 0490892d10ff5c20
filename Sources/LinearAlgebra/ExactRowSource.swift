import CFLINT
import Exact

/// A rational matrix A (m × n) known through what an exact rank certificate needs of it, without
/// its m·n entries being stored: integer multiples of chosen rows, and exact (or mod p) products
/// of all or chosen rows with integer vectors.
///
/// Row i is seen as cᵢ·A[i, :] for a positive integer cᵢ that clears its denominators (a multiple
/// of their lcm Lᵢ, the same cᵢ in every requirement). Scaling a row changes neither the rank nor
/// the null space, and a minor nonsingular mod p for the scaled rows is nonsingular mod p for the
/// rows scaled by Lᵢ as well (its determinant is Π(cᵢ/Lᵢ) times theirs). ``IntegerMatrix`` is the
/// stored case (cᵢ = Lᵢ); `PiecewiseLinearJacobianRows` computes rows and products of a
/// piecewise-linear network's Jacobian from the network.
protocol ExactRowSource {
    var rows: Int { get }
    var columns: Int { get }
    /// The rows `indices` (in that order), scaled to integers: row a is c·A[indices[a], :].
    func integerRows(_ indices: [Int]) -> IntegerMatrix
    /// The rows i of `indices` (increasing) with (cᵢ·A[i, support])·w[:, t] ≠ 0 for some column t
    /// of `w` (a `support.count × k` integer matrix whose row s belongs to column `support[s]`).
    func nonzeroProductRows(_ indices: [Int], support: [Int], times w: FMPZMatrix) -> [Int]
    /// The rows i of `indices` (increasing) with (cᵢ·A[i, :])·v[:, t] ≢ 0 (mod p) for some column
    /// t of `v` (n × k residues mod its prime p).
    func nonzeroProductRows(_ indices: [Int], modulo v: FLINTModularMatrix) -> [Int]
    /// The column t of the first nonzero entry of A·w in row-major order (rows in order, then
    /// columns), or `nil` when A·w = 0 exactly.
    func firstNonannihilatedColumn(support: [Int], times w: FMPZMatrix) -> Int?
}

extension ExactRowSource {
    /// The first of `vectors` (rational, length ``columns``) with A·v ≠ 0, or `nil` when all
    /// vanish; each vector is multiplied by the lcm of its denominators first, which does not
    /// change whether its product vanishes.
    /// The products are formed for groups of vectors of similar size
    /// (``FMPZMatrix/columnGroupsBySize()``); the index returned is the smallest found.
    func firstNonAnnihilated(_ vectors: [[Rational]]) -> Int? {
        if let bad = vectors.firstIndex(where: { $0.count != columns }) { return bad }
        let (support, w) = IntegerMatrix.integerColumns(vectors, columns: columns)
        let groups = w.columnGroupsBySize()
        if groups.count == 1 { return firstNonannihilatedColumn(support: support, times: w) }
        return groups.compactMap { g in firstNonannihilatedColumn(support: support, times: w.columns(g)).map { g[$0] } }.min()
    }

    /// The rows of `indices` (increasing) with (cᵢ·A[i, support])·w[:, t] ≠ 0 for some column t,
    /// formed for groups of columns of similar size (``FMPZMatrix/columnGroupsBySize()``).
    func nonzeroProductRowsBySize(_ indices: [Int], support: [Int], times w: FMPZMatrix) -> [Int] {
        let groups = w.columnGroupsBySize()
        if groups.count <= 1 { return nonzeroProductRows(indices, support: support, times: w) }
        var found = Set<Int>()
        for g in groups { found.formUnion(nonzeroProductRows(indices, support: support, times: w.columns(g))) }
        return found.sorted()
    }

    /// Whether A·v = 0 exactly for the rational vector `v` (length ``columns``).
    func annihilates(_ v: [Rational]) -> Bool { v.count == columns && firstNonAnnihilated([v]) == nil }
}

extension IntegerMatrix: ExactRowSource {
    func integerRows(_ indices: [Int]) -> IntegerMatrix {
        if indices.count == rows, indices.indices.allSatisfy({ indices[$0] == $0 }) { return self }
        let out = IntegerMatrix(rows: indices.count, columns: columns)
        for (a, i) in indices.enumerated() {
            for j in 0..<columns { fmpz_set(out.entry(a, j), entry(i, j)) }
        }
        return out
    }

    func nonzeroProductRows(_ indices: [Int], support: [Int], times w: FMPZMatrix) -> [Int] {
        nonzeroProductRows(rows: indices, support: support, times: w)
    }

    func nonzeroProductRows(_ indices: [Int], modulo v: FLINTModularMatrix) -> [Int] {
        guard !indices.isEmpty else { return [] }
        let block = FLINTModularMatrix(residuesOf: self, rows: indices, prime: v.prime)
        return block.nonzeroProductRows(times: v).map { indices[$0] }
    }

    func firstNonannihilatedColumn(support: [Int], times w: FMPZMatrix) -> Int? {
        firstNonzeroProduct(support: support, times: w)
    }
}
