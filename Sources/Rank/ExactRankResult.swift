import LinearAlgebra

/// The exact rank of a piecewise-linear network's Jacobian, with its checked certificate.
public struct ExactRankResult: Sendable, Equatable {
    public let rank: Int
    public let certificate: RankCertificate
    /// ``RankCertificate/verify(against:)`` on the Jacobian it was computed from.
    public let certificateVerified: Bool
}
