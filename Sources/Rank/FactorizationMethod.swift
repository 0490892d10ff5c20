import LinearAlgebra

/// How the factor stage folds in the Jacobian (``RankOptions/factorization``).
public enum FactorizationMethod: String, Sendable, Equatable, CaseIterable {
    /// ``gram`` above ``automaticGramThreshold`` parameters (8·P² bytes, the fastest at large P);
    /// ``streaming`` for a network with kinks above ``automaticStreamingThreshold`` (its batch
    /// grows over rounds, and each round then costs only the new rows' tests) and for any network
    /// whose QR plan does not fit in memory; ``qr`` otherwise (one round is the common case there,
    /// and J's own spectrum is cheaper than selecting rows one slice at a time).
    case auto
    /// J's triangular factor R by block QR updates (``TriangularFactor``): J's own spectrum.
    case qr
    /// Row selection by ``StreamingRank``: only rows that add rank are kept (``StreamingFactorization``).
    case streaming
    /// G = JᵀJ by `dsyrk` and its pivoted Cholesky factorisation (``GramFactorization``):
    /// 8·P² bytes and ≈ m·P² + P³/3 flops, resolving σ down to σ₁·√(max(m, P)·ε); below that
    /// floor the spectrum is read from J's rows by a Schur deflation (``SchurDeflation``), and an
    /// ambiguous gap no deflation could check is refactored by ``streaming`` or ``qr`` when their
    /// memory plan fits.
    case gram

    /// The largest P for which ``auto`` means ``qr`` for a network with kinks.
    public static let automaticStreamingThreshold = 2000
    /// The largest P for which ``auto`` means ``streaming`` or ``qr``; ``gram`` above.
    public static let automaticGramThreshold = 8000

    /// The engine used for a network of `parameters` parameters, with or without `kinks`, on a
    /// machine with `memory` bytes: ``gram`` above ``automaticGramThreshold`` or when nothing
    /// else fits, ``streaming`` for kinks above ``automaticStreamingThreshold`` or when QR's plan
    /// does not fit, ``qr`` otherwise.
    public func resolved(parameters: Int, kinks: Bool, memory: Int? = MemoryPlan.physicalMemory) -> FactorizationMethod {
        guard self == .auto else { return self }
        if parameters > Self.automaticGramThreshold { return .gram }
        let fits = { (method: FactorizationMethod) in
            guard let memory else { return true }
            return (MemoryPlan.bytes(parameters: parameters, method: method) ?? .max) <= memory / 4 * 3
        }
        if kinks && parameters > Self.automaticStreamingThreshold || !fits(.qr) { return fits(.streaming) ? .streaming : .gram }
        return .qr
    }
}
