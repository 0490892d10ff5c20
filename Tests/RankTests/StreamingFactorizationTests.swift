import Exact
import Networks
import Testing

@testable import Rank

/// Streaming row selection gives the analysis the same rank, explained and hidden counts as the
/// block QR of the whole batch; it keeps exactly rank-many rows; its spectrum is the selected
/// rows' (σᵢ(S) ≤ σᵢ(J) by interlacing) and says so; and for ReLU networks the exact rank is
/// certified from the selected rows, with a certificate that verifies against the whole batch.
@Suite struct StreamingFactorizationTests {
    @Test(arguments: [Activation.relu, .tanh, .leakyReLU(slope: Rational(1, 4))])
    func streamingAgreesWithQR(activation: Activation) throws {
        for seed in UInt64(1)...3 {
            let net = try Fixtures.mlp([3, 6, 4, 2], [activation, activation, .identity], seed: seed)
            var options = RankOptions()
            let qr = try RankAnalysis.run(net, options: options)
            options.factorization = .streaming
            let streaming = try RankAnalysis.run(net, options: options)
            #expect(streaming.rank == qr.rank && streaming.explained == qr.explained && streaming.hidden == qr.hidden)
            #expect(streaming.spectrumSource == .selectedRows && qr.spectrumSource == .wholeBatch)
            let evidence = try #require(streaming.selectionEvidence)
            #expect(evidence.rank == streaming.numeric.rank && evidence.rowsRead == streaming.numeric.rows)
            #expect(evidence.largestRejectedComponent < evidence.threshold)
            if let exact = streaming.exact {
                #expect(exact.certificateVerified)
                #expect(exact.certificate.rows == streaming.batch.count * net.outputCount)
            }
            // Interlacing: the selected rows' singular values never exceed the whole batch's.
            for (s, j) in zip(streaming.numeric.singularValues, qr.numeric.singularValues) where streaming.batch.count == qr.batch.count {
                #expect(s <= j * (1 + 1e-9) + 1e-12)
            }
        }
    }
}
