/// How serious a finding is.
public enum Severity: String, Sendable, Equatable {
    /// The analysis contradicts itself (a tangent outside the kernel, a certificate that fails).
    case error
    case warning
}

extension FindingCode {
    public var severity: Severity { self == .tangentNotInKernel || self == .certificateFailed ? .error : .warning }
}
