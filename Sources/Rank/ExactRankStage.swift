import Exact
import LinearAlgebra
import Networks

/// The exact half of the factor stage (piecewise-linear networks): the rational Jacobian of the
/// batch, its exact rank and the rank's certificate, checked against that Jacobian.
struct ExactRankStage {
    let jacobian: Matrix<Rational>
    let result: ExactRankResult

    init(network: Network, batch: SampleBatch) throws(RankError) {
        do { jacobian = try network.exactJacobian(at: batch.points) } catch { throw .exact("\(error)") }
        let rank = jacobian.exactRank()
        result = ExactRankResult(
            rank: rank.rank, certificate: rank.certificate, certificateVerified: rank.certificate.verify(against: jacobian))
    }
}
