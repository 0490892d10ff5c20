import Exact
import LinearAlgebra
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

/// Below the engine's rank (a selected row of tiny norm: relatively independent, absolutely at
/// round-off), the null basis is the engine's N and S's smallest row-space singular vectors: an
/// orthonormal basis of the same space as the right singular vectors of S past the numeric rank.
@Suite struct StreamingNullBasisTests {
    static func rows(_ count: Int, _ n: Int, seed: UInt64, scale: Double = 1) -> [Double] {
        var state = seed
        return (0..<(count * n)).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) / Double(1 << 53) * 2 - 1) * scale
        }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func nullBasisBelowTheEngineRankSpansTheSVDNullSpace(seed: UInt64) throws {
        let n = 14
        var factorization = try StreamingFactorization(columns: n)
        let block = Matrix(rows: 8, columns: n, elements: Self.rows(6, n, seed: seed) + Self.rows(2, n, seed: seed + 9, scale: 1e-17))!
        try factorization.append(rows: block)
        #expect(factorization.engineRank == 8)
        let numeric = try factorization.numericRank(rows: 8, tolerance: nil, ambiguityRatio: 1e3)
        #expect(numeric.rank == 6)
        let basis = try factorization.nullBasis(rank: 6)
        let reference = try nullBasisFromSVD(of: factorization.selection, rank: 6)
        #expect(basis.count == n - 6 && reference.count == n - 6)
        let B = Matrix(rowArrays: basis, columns: n)!, R = Matrix(rowArrays: reference, columns: n)!
        // Orthonormal rows: B·Bᵀ = I.
        let gram = B.multiplied(byTransposeOf: B)!
        for i in 0..<B.rows { for j in 0..<B.rows { #expect(abs(gram[i, j] - (i == j ? 1 : 0)) < 1e-10) } }
        // The same space: every row of B lies in the span of R's rows (‖b − RᵀR·b‖ ≈ 0).
        let projected = B.multiplied(byTransposeOf: R)!.multiplied(by: R)!
        for i in 0..<B.rows {
            let off = (0..<n).reduce(0.0) { $0 + (B[i, $1] - projected[i, $1]) * (B[i, $1] - projected[i, $1]) }.squareRoot()
            #expect(off < 1e-8)
        }
    }
}
