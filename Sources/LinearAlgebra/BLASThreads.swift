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
///
/// The discipline: every entry point that reaches a BLAS or LAPACK routine — in this module and
/// in every module that calls BLAS itself (the SGLD sampler's `MinibatchModel`) — reads
/// ``pinnedToOne`` before its first call. `openblas_set_num_threads` is not safe to run while
/// another thread is inside OpenBLAS (it rebuilds the thread pool that call may be using); the
/// static `let` is initialised under the runtime's once-lock, so every thread that reads it
/// waits until the pinning has finished, and no BLAS call can start before it or overlap it.
/// One entry point that skips the read breaks this for the whole process: its call may run on
/// OpenBLAS's default threads, concurrently with another thread's pinning.
public enum BLASThreads {
    /// Evaluated once (Swift initialises a static `let` exactly once, thread-safely).
    public static let pinnedToOne: Void = {
        guard let program = dlopen(nil, RTLD_NOW) else { return }
        if let symbol = dlsym(program, "openblas_set_num_threads") {
            typealias SetThreads = @convention(c) (Int32) -> Void
            unsafeBitCast(symbol, to: SetThreads.self)(1)
        }
    }()
}

extension BLASThreads {
    /// The number of threads OpenBLAS runs a call on (`openblas_get_num_threads`), or `nil` when
    /// the BLAS linked into the process is not OpenBLAS (and is single-threaded).
    public static var openBLASThreadCount: Int? {
        guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "openblas_get_num_threads") else { return nil }
        typealias GetThreads = @convention(c) () -> Int32
        return Int(unsafeBitCast(symbol, to: GetThreads.self)())
    }
}
