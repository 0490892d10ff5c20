/// What an elimination mod p of a row selection of a matrix established (`ExactRowSource.certifiedRank(growingFrom:rounds:)`).
enum SelectionOutcome {
    /// The rank of the whole matrix, proven: its certificate passed ``RankCertificate/failure(against:)``.
    case certified(ExactRank)
    /// Rows outside the selection independent of it (the selection misses a direction).
    case missed(rows: [Int], rank: Int)
    /// Three primes gave no certificate of the selection's own rank.
    case failed
}
