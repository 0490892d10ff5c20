import Exact
import Networks
import PropertyBased
import Symmetries
import Testing
@testable import Rank

/// Each reduction rule's degeneracy appears as the null directions it predicts, and the
/// symmetry tangents lie exactly in the kernel.
@Suite struct AttributionTests {
    static func net(_ w1: [[Rational]], _ b1: [Rational]?, _ w2: [[Rational]], _ b2: [Rational]?, _ act: Activation = .relu) throws -> Network {
        try Network.mlp(widths: [w1[0].count, w1.count, w2.count], activations: [act, .identity], weights: [w1, w2], biases: [b1, b2])
    }

    @Test func zeroOutgoingUnitsIncomingParametersAreNullDirections() throws {
        // (2,3,1) ReLU, unit 2 has outgoing weight 0: its 2 weights and bias are free (3 directions),
        // besides the rescalings of units 0 and 1.
        let n = try Self.net([[1, Rational(-1, 2)], [Rational(3, 4), 2], [Rational(1, 3), -1]], [Rational(1, 8), Rational(-1, 4), Rational(1, 5)],
                             [[Rational(3, 2), Rational(-5, 4), 0]], [1])
        let a = try RankAnalysis.run(n)
        // Units 0, 1 give (2,2,1)'s 7 dimensions; unit 2's outgoing weight adds 1 (relu(z₂) ≠ 0 somewhere).
        #expect(a.rank == 8)
        #expect(a.hidden == 0)
        #expect(a.explainedByCategory.contains { $0.category == .removableUnit && $0.count == 3 })
    }

    @Test func duplicateUnitsTradeOutgoingWeights() throws {
        // Units 0 and 1 of a tanh layer have equal incoming parameters: (v0 + t, v1 − t), and to
        // first order each incoming parameter pair (3 more directions).
        let n = try Self.net([[1, 2], [1, 2], [-1, Rational(1, 2)]], [Rational(1, 3), Rational(1, 3), Rational(1, 4)],
                             [[1, Rational(1, 2), -2]], [0], .tanh)
        let a = try RankAnalysis.run(n)
        #expect(a.explainedByCategory.contains { $0.category == .duplicateUnits && $0.count == 4 })
        #expect(a.rank == n.parameterCount - 4)
        #expect(a.hidden == 0)
        #expect(a.continuousSymmetryDimension == 1)
    }

    @Test func oddFlippedDuplicatesOfSigmoidTradeAgainstTheBias() throws {
        // σ(−z) = 1 − σ(z): units with negated incoming parameters trade v0 + t, v1 + t, b − t.
        let n = try Self.net([[1, 2], [-1, -2], [-1, Rational(1, 2)]], [Rational(1, 3), Rational(-1, 3), Rational(1, 4)],
                             [[1, Rational(1, 2), -2]], [0], .sigmoid)
        let a = try RankAnalysis.run(n)
        #expect(a.explainedByCategory.contains { $0.category == .duplicateUnits && $0.count == 4 })
        #expect(a.hidden == 0)
    }

    @Test func constantUnitFoldsIntoTheDownstreamBias() throws {
        // Unit 1 has zero incoming weights and bias 1/2 (relu: constant 1/2, slope 1): its outgoing
        // weight trades with the output bias, and its own bias too. Its incoming weights are not
        // free (perturbing them makes the unit non-constant: ∂f/∂w₁ⱼ = v₁·xⱼ).
        let n = try Self.net([[1, Rational(-1, 2)], [0, 0]], [Rational(1, 8), Rational(1, 2)], [[Rational(3, 2), Rational(-5, 4)]], [1])
        let a = try RankAnalysis.run(n)
        #expect(a.hidden == 0)
        // unit 0: 4 parameters − 1 rescaling; the constant; unit 1's two incoming weights.
        #expect(a.rank == 6)
        // Explained: unit 0's rescaling, and unit 1's two constant-unit trades (one of which is
        // also unit 1's rescaling, credited first to rescaling).
        #expect(a.explained == 3)
        #expect(a.explainedByCategory.contains { $0.category == .constantUnit && $0.count >= 1 })
    }

    @Test func cascadeCreditsTheUnitFreedByCancellingDuplicates() throws {
        // Layer-2 units 1 and 2 are negated tanh duplicates with equal outgoing weights, so they
        // cancel; layer-1 unit 1 feeds only them, so its weight and bias are free (a cascade).
        let n = try Network.mlp(
            widths: [1, 2, 3, 1], activations: [.tanh, .tanh, .identity],
            weights: [[[1], [2]], [[1, 0], [Rational(1, 2), 1], [Rational(-1, 2), -1]], [[2, 1, 1]]],
            biases: [[0, Rational(1, 2)], [Rational(1, 3), Rational(1, 4), Rational(-1, 4)], [0]])
        let tangents = SymmetryTangent.all(for: n)
        let freed = tangents.filter { if case .irrelevantParameter(let u, _) = $0.kind { return u == UnitID(layer: 1, unit: 1) } else { return false } }
        #expect(freed.count == 2)
        #expect(freed.allSatisfy { $0.scope == .function })
        let a = try RankAnalysis.run(n)
        #expect(a.tangentsNotInKernel.isEmpty)
        #expect(a.hidden == 0)
        #expect(a.explainedByCategory.contains { $0.category == .removableUnit && $0.count == 2 })
        // Without the cancellation (outgoing weights 1 and 2) nothing upstream is freed.
        let m = try Network.mlp(
            widths: [1, 2, 3, 1], activations: [.tanh, .tanh, .identity],
            weights: [[[1], [2]], [[1, 0], [Rational(1, 2), 1], [Rational(-1, 2), -1]], [[2, 1, 2]]],
            biases: [[0, Rational(1, 2)], [Rational(1, 3), Rational(1, 4), Rational(-1, 4)], [0]])
        #expect(!SymmetryTangent.all(for: m).contains { if case .irrelevantParameter = $0.kind { return true } else { return false } })
    }

    @Test func constantUnitsWithProportionalOutgoingWeightsTradeIncomingWeights() throws {
        // Units 1 and 2 are constant (tanh(0) = 0 and tanh(1/2)); ∂f/∂w_uj = v_u·tanh′(b_u)·x_j, so
        // their incoming weights from each input trade to first order: 2 directions.
        let n = try Self.net([[1, -1], [0, 0], [0, 0]], [Rational(1, 4), 0, Rational(1, 2)], [[2, 3, -1]], [1], .tanh)
        let pairs = SymmetryTangent.all(for: n).filter { if case .constantPair = $0.kind { return true } else { return false } }
        #expect(pairs.count == 2)
        #expect(pairs.allSatisfy { $0.scope == .firstOrder && $0.category == .constantUnit })
        let a = try RankAnalysis.run(n)
        #expect(a.tangentsNotInKernel.isEmpty)
        #expect(a.rank == 7)
        #expect(a.hidden == 0)
        // ReLU constants (slopes 1 at b = 1/2 and 1/3): exact tangents, checked in the exact kernel.
        let r = try Self.net([[1, -1], [0, 0], [0, 0]], [Rational(1, 4), Rational(1, 2), Rational(1, 3)], [[2, 3, -1]], [1])
        let ra = try RankAnalysis.run(r)
        #expect(ra.exact?.certificateVerified == true)
        #expect(ra.tangentsNotInKernel.isEmpty)
        #expect(ra.tangents.contains { if case .constantPair = $0.kind { return $0.isExact } else { return false } })
        #expect(ra.hidden == 0)
    }

    @Test func constantUnitsFeedingIndependentOutputsDoNotTrade() throws {
        // Two outputs with outgoing weights (1, 0) and (0, 1): not proportional, no pair rule —
        // and indeed no such null direction (each incoming weight moves its own output).
        let n = try Network.mlp(
            widths: [2, 3, 2], activations: [.tanh, .identity],
            weights: [[[1, -1], [0, 0], [0, 0]], [[2, 1, 0], [1, 0, 1]]], biases: [[Rational(1, 4), Rational(1, 3), Rational(1, 2)], [0, 0]])
        #expect(!SymmetryTangent.all(for: n).contains { if case .constantPair = $0.kind { return true } else { return false } })
        let a = try RankAnalysis.run(n)
        #expect(a.hidden == 0)
    }

    @Test func biasedLinearLayerHasBiasAbsorption() throws {
        // (3,2,4) identity with biases: P = 20; the function is an affine map 3 → 4 with a rank-2
        // linear part: 2·(3 + 4) − 4 + 4 = 14. Null: GL(2) (4) + bias absorption (2).
        let n = try Fixtures.mlp([3, 2, 4], [.identity, .identity], seed: 5)
        let a = try RankAnalysis.run(n)
        #expect(a.rank == 14)
        #expect(a.hidden == 0)
        #expect(a.continuousSymmetryDimension == 6)
    }

    @Test func everySymmetryTangentIsExactlyInTheKernel() async throws {
        await propertyCheck(input: Gen.int(in: 1...40)) { seed in
            guard let n = try? Fixtures.mlp([2, 3, 2, 1], [.relu, .leakyReLU(slope: Rational(1, 10)), .identity], seed: UInt64(seed)),
                let a = try? RankAnalysis.run(n)
            else { Issue.record("analysis failed"); return }
            #expect(a.tangentsNotInKernel.isEmpty)
            #expect(a.exact?.certificateVerified == true)
            #expect(a.exact?.rank == a.numeric.rank)
        }
    }

    @Test func reluFunctionalDimensionIsAtMostPMinusHiddenUnits() async throws {
        await propertyCheck(input: Gen.int(in: 1...40)) { seed in
            let widths = [1 + seed % 3, 2 + seed % 2, 1 + seed % 2, 1]
            guard let n = try? Fixtures.mlp(widths, [.relu, .relu, .identity], seed: UInt64(seed)),
                let a = try? RankAnalysis.run(n)
            else { Issue.record("analysis failed"); return }
            #expect(a.rank <= n.parameterCount - n.hiddenUnits.count)
            #expect(a.explained >= n.hiddenUnits.count)
        }
    }

    @Test func samplingIsReproducibleFromTheSeed() throws {
        let n = try Fixtures.relu1n1(4)
        let a = try RankAnalysis.run(n, options: RankOptions(seed: 42))
        let b = try RankAnalysis.run(n, options: RankOptions(seed: 42))
        #expect(a.batch == b.batch)
        #expect(a.batch.points.allSatisfy { $0.allSatisfy { $0.denominator.bitWidth <= 31 } })
    }

    @Test func aBatchThatNeverCrossesAKinkIsRepaired() throws {
        // Kink of unit 0 at x = 0.999: random points almost never fall beyond it.
        let n = try Self.net([[1], [1]], [Rational(-999, 1000), Rational(1, 5)], [[1, 1]], [0])
        let a = try RankAnalysis.run(n, options: RankOptions(points: 3))
        #expect(a.coverage.allSatisfy { $0.behaviour == .crossed })
        #expect(a.batch.kinkPointCount > 0)
        #expect(a.rank == 5)
    }
}
