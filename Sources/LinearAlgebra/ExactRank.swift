import Exact

/// The exact rank of a rational matrix with its certificate.
public struct ExactRank: Sendable, Equatable {
    public let rank: Int
    public let certificate: RankCertificate
}
