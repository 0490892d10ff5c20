import CLAPACKE

/// Errors from numeric linear algebra. Dimensions and entries are validated before LAPACK is
/// called, so LAPACKE never prints its own parameter errors (it would print them on stdout).
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyMatrix
    case nonFiniteEntry(row: Int, column: Int)
    case dimensionTooLarge(rows: Int, columns: Int)
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case .emptyMatrix: return "the matrix has no entries"
        case .nonFiniteEntry(let i, let j):
            return "matrix entry (\(i), \(j)) is not finite: a value overflowed Double's range (about ±1.8e308) in floating point"
        case .dimensionTooLarge(let r, let c): return "a \(r)×\(c) matrix is too large for LAPACK's 32-bit indices"
        case .lapackFailure(let routine, let info): return "\(routine) failed (info = \(info))"
        }
    }
}
