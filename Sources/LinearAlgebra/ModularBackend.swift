/// Which elimination over 𝔽_p an exact rank uses. Both give the same rank, pivots and null
/// vectors (the certificate's normal form does not depend on the elimination); they differ
/// in speed only.
public enum ModularBackend: Sendable, CaseIterable {
    /// FLINT's `nmod_mat_lu` (blocked, Strassen multiplication) for the one m × n elimination,
    /// then Dixon's p-adic lifting of the null vectors from that same factor (`PAdicNullSpace`:
    /// triangular solves mod p and integer products, no second elimination). The default.
    case flint
    /// ``ModularMatrix``'s left-looking blocked Gaussian elimination (cubic) for the first prime,
    /// and a further elimination of the r pivot rows for every lifting prime
    /// (`NullSpaceLifter`), kept for comparison.
    case native
}
