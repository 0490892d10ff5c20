import Exact
import LinearAlgebra
import Networks

/// The exact half of the factor stage (piecewise-linear networks): the exact rank of the
/// batch's Jacobian and the rank's certificate, checked against that Jacobian.
///
/// The Jacobian is not formed: its rows are computed only where the certificate needs them
/// (the selection, in integer arithmetic per block of points) and its products J·v by exact
/// forward-mode differentiation at every point (`PiecewiseLinearJacobianRows`). Networks outside
/// that integer form (symbolic biases, denominators beyond its size bound) take the full
/// rational Jacobian instead.
struct ExactRankStage {
    let result: ExactRankResult
    /// Whether J·v = 0 exactly for a vector v of length P, at every point of the batch.
    let annihilates: ([Rational]) -> Bool
    let columns: Int

    /// The rank is certified from a row selection — `selectedRows` (a numeric engine's
    /// selection) or, without one, rows spread evenly over the batch — that grows by the rows the
    /// check finds independent (elimination mod p of the selection only, null vectors lifted
    /// from that factor and screened mod p against every row). Each certificate is then checked
    /// by its own verification — the minor on rows recomputed from the network, the null
    /// vectors against every row exactly — which is the one exact pass over the batch.
    init(network: Network, batch: SampleBatch, selectedRows: [Int]? = nil) throws(RankError) {
        columns = network.parameterCount
        let rows: PiecewiseLinearJacobianRows?
        do { rows = try network.exactJacobianRows(at: batch.points) } catch { throw .exact("\(error)") }
        if let rows {
            let (rank, verified) = rows.exactRank(growingFrom: selectedRows)
            result = ExactRankResult(rank: rank.rank, certificate: rank.certificate, certificateVerified: verified)
            annihilates = { rows.annihilatesVector($0) }
            return
        }
        let J: Matrix<Rational>
        do { J = try network.exactJacobian(at: batch.points) } catch { throw .exact("\(error)") }
        let (rank, verified) = J.exactRank(growingFrom: selectedRows)
        result = ExactRankResult(rank: rank.rank, certificate: rank.certificate, certificateVerified: verified)
        annihilates = { v in
            (0..<J.rows).allSatisfy { i in
                var s = Rational.zero
                for (j, x) in v.enumerated() where !x.isZero { s.addProduct(J[i, j], x) }
                return s.isZero
            }
        }
    }
}
