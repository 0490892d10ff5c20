#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs every BLAS and LAPACK call of this module on one OpenBLAS thread, so that the digits the
/// reports print do not depend on the machine's core count.
///
/// A multi-threaded OpenBLAS splits a product or a factorisation among its threads, and the
/// split decides the order in which floating-point sums are formed: `OPENBLAS_NUM_THREADS=1`
/// and `=2` give Jacobian products, QR factors, singular values and singular vectors that differ
/// in their last bits. Everything nnid computes in `Double` feeds a printed figure (the spectrum,
/// τ, the gap, the numeric null directions, and through the rank the batch size), so the
/// thread count is set to 1 once, before this module's first call, for the whole process
/// (docs/rank-performance.md says what it costs). The entry point `openblas_set_num_threads` is
/// looked up at run time: with another BLAS (Debian's reference BLAS, single-threaded anyway)
/// there is nothing to set. Round-off still differs between CPU kernels; that is what the
/// reports' evidence (τ, the gap) and the tests' masking of sub-cut values account for.
enum BLASThreads {
    /// Evaluated once (Swift initialises a static `let` exactly once, thread-safely).
    static let pinnedToOne: Void = {
        guard let program = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(program, "openblas_set_num_threads") {
            typealias SetThreads = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetThreads.self)(1)
        }
    }()
}
