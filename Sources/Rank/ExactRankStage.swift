import Exact
import LinearAlgebra
import Networks

/// The exact half of the factor stage (piecewise-linear networks): the rational Jacobian of the
/// batch, its exact rank and the rank's certificate, checked against that Jacobian.
struct ExactRankStage {
    let jacobian: Matrix<Rational>
    let result: ExactRankResult

    /// With `selectedRows` (a numeric engine's selection), the rank is first certified from
    /// those rows alone (``Matrix/exactRank(selectedRows:backend:)``: elimination on r rows, null
    /// vectors checked against all); when that fails, all rows are eliminated.
    init(network: Network, batch: SampleBatch, selectedRows: [Int]? = nil) throws(RankError) {
        let J: Matrix<Rational>
        do { J = try network.exactJacobian(at: batch.points) } catch { throw .exact("\(error)") }
        jacobian = J
        let rank = selectedRows.flatMap { J.exactRank(selectedRows: $0) } ?? J.exactRank()
        result = ExactRankResult(
            rank: rank.rank, certificate: rank.certificate, certificateVerified: rank.certificate.verify(against: J))
    }
}
