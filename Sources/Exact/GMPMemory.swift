import CGMP
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GMP's allocation functions, replaced so that running out of memory in exact arithmetic ends
/// the process with a message naming the cause instead of GMP's `abort()`.
///
/// GMP requires its allocation functions never to return on failure (its callers have no error
/// path: the GMP manual, "Custom Allocation"), so a failed allocation cannot become a Swift
/// error. What the installed functions do instead, as the last line of defence behind the
/// budgets checked before work starts (read limits, ``ExactEvaluationLimits``, the rank
/// analysis's memory plan):
///
/// - an allocation larger than ``maximumAllocation`` (by default 2 GiB, a single number of 2³⁴
///   bits, far beyond anything a budget admits; the `nnid` tool reads a lower cap in bytes from
///   the environment variable `NNID_GMP_ALLOCATION_LIMIT`) is refused **before** asking the
///   system, and
/// - an allocation the system refuses,
///
/// both write one line `nnid: error: out of memory: exact arithmetic (GMP) needed N bytes …` to
/// standard error and end the process at once with exit status 2 (bad input or a failed tool),
/// without running further Swift code, flushing buffered output or printing a partial result.
/// The message is written without allocating.
public enum GMPMemory {
    /// The default largest single GMP allocation: 2 GiB (a number of 2³⁴ bits).
    public static let defaultMaximumAllocation = 1 << 31

    /// The largest single allocation accepted by the installed functions.
    public static var maximumAllocation: Int { limit }

    /// Installs the functions with the given single-allocation cap (call before any exact
    /// arithmetic, once per process; later calls only change the cap).
    public static func install(maximumAllocation: Int = defaultMaximumAllocation) {
        limit = max(1 << 16, maximumAllocation)
        __gmp_set_memory_functions(gmpAllocate, gmpReallocate, gmpFree)
    }
}

/// The cap in force; written only by ``GMPMemory/install(maximumAllocation:)`` before use.
nonisolated(unsafe) private var limit = GMPMemory.defaultMaximumAllocation

/// Writes `n` in decimal to standard error without allocating.
private func writeDecimal(_ n: Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
        var n = UInt(max(0, n)), k = 24
        repeat {
            k -= 1
            digits[k] = UInt8(ascii: "0") + UInt8(n % 10)
            n /= 10
        } while n > 0 && k > 0
        _ = write(2, digits.baseAddress! + k, 24 - k)
    }
}

/// Writes a string literal's bytes to standard error (literals are stored as UTF-8: no allocation).
private func writeLiteral(_ text: StaticString) {
    _ = write(2, text.utf8Start, text.utf8CodeUnitCount)
}

/// Writes the out-of-memory line for a request of `bytes` and exits with status 2.
private func outOfMemory(_ bytes: Int) -> Never {
    writeLiteral("nnid: error: out of memory: exact arithmetic (GMP) needed ")
    writeDecimal(bytes)
    if bytes > limit {
        writeLiteral(" bytes for one number, beyond the ")
        writeDecimal(limit)
        writeLiteral(" allowed for a single value (NNID_GMP_ALLOCATION_LIMIT); the network's numbers or an analysis budget are too large\n")
    } else {
        writeLiteral(" bytes and the system refused them; lower a limit (see docs/limits.md) or free memory\n")
    }
    _exit(2)
}

private let gmpAllocate: @convention(c) (Int) -> UnsafeMutableRawPointer? = { size in
    guard size <= limit, let p = malloc(max(size, 1)) else { outOfMemory(size) }
    return p
}

private let gmpReallocate: @convention(c) (UnsafeMutableRawPointer?, Int, Int) -> UnsafeMutableRawPointer? = { pointer, _, size in
    guard size <= limit, let p = realloc(pointer, max(size, 1)) else { outOfMemory(size) }
    return p
}

private let gmpFree: @convention(c) (UnsafeMutableRawPointer?, Int) -> Void = { pointer, _ in
    free(pointer)
}
