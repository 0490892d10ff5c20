/// Which elimination over 𝔽_p an exact rank uses. Both give the same rank, pivots and null
/// vectors (the certificate's normal form does not depend on the elimination); they differ
/// in speed only.
public enum ModularBackend: Sendable, CaseIterable {
    /// FLINT's `nmod_mat_lu` and `nmod_mat_solve` (blocked, Strassen multiplication): the default.
    case flint
    /// ``ModularMatrix``'s left-looking blocked Gaussian elimination (cubic), kept for comparison.
    case native
}
