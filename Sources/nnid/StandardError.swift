#if canImport(Glibc)
import Glibc
#endif

/// Standard error as a text stream (unbuffered `write(2)`).
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var s = string
        s.withUTF8 { buffer in _ = Glibc.write(2, buffer.baseAddress, buffer.count) }
    }
}
