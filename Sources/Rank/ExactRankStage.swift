import Exact
import LinearAlgebra
import Networks

/// The exact half of the factor stage (piecewise-linear networks): the rational Jacobian of the
/// batch, its exact rank and the rank's certificate, checked against that Jacobian.
struct ExactRankStage {
    let jacobian: Matrix<Rational>
    let result: ExactRankResult

    /// The rank is certified from a row selection — `selectedRows` (a numeric engine's
    /// selection) or, without one, rows spread evenly over the batch — that grows by the rows the
    /// exact check finds independent (``Matrix/exactRank(growingFrom:)``: elimination mod p of
    /// the selection only, null vectors lifted from that factor and checked against every row),
    /// then re-checked independently on the same integer matrix.
    init(network: Network, batch: SampleBatch, selectedRows: [Int]? = nil) throws(RankError) {
        let J: Matrix<Rational>
        do { J = try network.exactJacobian(at: batch.points) } catch { throw .exact("\(error)") }
        jacobian = J
        let (rank, verified) = J.exactRank(growingFrom: selectedRows)
        result = ExactRankResult(rank: rank.rank, certificate: rank.certificate, certificateVerified: verified)
    }
}
