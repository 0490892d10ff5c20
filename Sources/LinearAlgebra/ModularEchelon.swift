/// Row echelon form of (some rows of) a matrix over 𝔽_p.
///
/// Row k of ``basis`` is a combination of the original rows ``pivotRows``[0…k] with entry 1 at
/// column ``pivotColumns``[k] and 0 at the earlier pivot columns. The rows named in ``pivotRows``
/// are linearly independent mod p, and the submatrix on those rows and ``pivotColumns`` is
/// nonsingular mod p.
struct ModularEchelon {
    var rank: Int { pivotColumns.count }
    var pivotRows: [Int] = []
    var pivotColumns: [Int] = []
    /// First possibly nonzero column of each basis row (row operations start there).
    var starts: [Int] = []
    /// `rank × columns`, row-major.
    var basis: [UInt32] = []
    let columns: Int
}
