/// Which elimination over 𝔽_p an exact rank uses. Both give the same rank, pivots and null
/// vectors (the certificate's normal form does not depend on the elimination); they differ
/// in speed only.
public enum ModularBackend: Sendable, CaseIterable {
    /// FLINT's `nmod_mat_lu` (blocked, Strassen multiplication) for the first prime's m × n
    /// elimination, the O(m·n·r) step; the further primes of the lifting eliminate only the r
    /// pivot rows on the r pivot columns, where the native elimination measured faster than
    /// `nmod_mat_solve` (Benchmarks/README.md). The default.
    case flint
    /// ``ModularMatrix``'s left-looking blocked Gaussian elimination (cubic), kept for comparison.
    case native
}
