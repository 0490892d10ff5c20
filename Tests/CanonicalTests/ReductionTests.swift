import Canonical
import Exact
import LinearAlgebra
import Networks
import Testing

/// `Rational` from a short text like "3/4" (test constants only).
func q(_ text: String) -> Rational { (try? Rational(parsing: text)) ?? .zero }

/// An MLP from rational texts: weights[ℓ][i][j], biases[ℓ][i] (`nil` = no biases).
func mlp(_ widths: [Int], _ activations: [Activation], _ weights: [[[String]]], _ biases: [[String]?]) throws -> Network {
    try Network.mlp(
        widths: widths, activations: activations, weights: weights.map { $0.map { $0.map(q) } },
        biases: biases.map { $0?.map(q) })
}

/// Constructed reducible networks reduce to the expected minimal width; irreducible ones stay
/// full size (proofs/function-preservation.md).
@Suite struct ReductionTests {
    let canonicalizer = Canonicalizer()

    func check(_ network: Network, hidden expected: Int, seed: Int = 1) throws -> CanonicalForm {
        let form = try checkedCanonicalForm(network, seed: seed)
        #expect(hiddenUnitCount(form.network) == expected, "\(form.network.widths)\n\(form.record)")
        return form
    }

    @Test("a unit with zero outgoing weights is removed")
    func zeroOutgoing() throws {
        let n = try mlp([1, 3, 1], [.relu, .identity], [[["1"], ["2"], ["-1"]], [["1", "0", "3"]]], [["0", "1", "1"], ["0"]])
        let form = try check(n, hidden: 2)
        #expect(form.removedUnits == [RemovedUnit(unit: UnitID(layer: 1, unit: 1), reason: .zeroOutgoing)])
    }

    @Test("a constant unit with a rational value is folded into the downstream biases")
    func constantFold() throws {
        let n = try mlp([2, 3, 1], [.relu, .identity], [[["1", "1"], ["0", "0"], ["1", "-1"]], [["1", "2", "1"]]], [["0", "3", "0"], ["1/2"]])
        let form = try check(n, hidden: 2)
        #expect(form.removedUnits == [RemovedUnit(unit: UnitID(layer: 1, unit: 1), reason: .constant(SymbolicConstant(3)))])
        #expect(form.network.layers[1].bias == [q("13/2")])
    }

    @Test("units equal up to a positive scale are merged (ReLU)")
    func scaledDuplicates() throws {
        let n = try mlp([2, 3, 1], [.relu, .identity], [[["1", "2"], ["2", "4"], ["1", "-1"]], [["1", "1", "1"]]], [["1", "2", "0"], ["0"]])
        let form = try check(n, hidden: 2)
        #expect(form.mergedUnits.count == 1)
        // relu(2z)·1 + relu(z)·1 = 3·relu(z); after the L∞ normal form (max |v| = 1) the merged unit reads z/2.
        #expect(form.network.layers[1].connections[0].weights.elements.contains(q("6")))
    }

    @Test("ReLU units with opposite incoming vectors are not duplicates")
    func reluOppositeUnitsStay() throws {
        let n = try mlp([1, 2, 1], [.relu, .identity], [[["1"], ["-1"]], [["1", "-1"]]], [["0", "0"], ["0"]])
        _ = try check(n, hidden: 2)
    }

    @Test("tanh units with negated incoming vectors are merged")
    func tanhNegatedDuplicates() throws {
        let n = try mlp([2, 3, 1], [.tanh, .identity], [[["1", "-1"], ["-1", "1"], ["1", "2"]], [["2", "3", "1"]]], [["1/2", "-1/2", "0"], ["0"]])
        let form = try check(n, hidden: 2)
        #expect(form.mergedUnits.count == 1)
    }

    @Test("sigmoid units with negated incoming vectors are merged with the bias correction")
    func sigmoidNegatedDuplicates() throws {
        let n = try mlp([1, 2, 1], [.sigmoid, .identity], [[["2"], ["-2"]], [["3", "5"]]], [["1", "-1"], ["1/4"]])
        let form = try check(n, hidden: 1)
        // 3σ(z) + 5σ(−z) = 5 + (3 − 5)σ(z): outgoing −2, output bias 1/4 + 5.
        #expect(form.network.layers[1].connections[0].weights.elements == [q("-2")])
        #expect(form.network.layers[1].bias == [q("21/4")])
    }

    @Test("abs units with negated incoming vectors are merged (incoming-side flip)")
    func absNegatedDuplicates() throws {
        let n = try mlp([2, 2, 1], [.abs, .identity], [[["1", "-3"], ["-2", "6"]], [["1", "1"]]], [["1", "-2"], ["0"]])
        _ = try check(n, hidden: 1)
    }

    @Test("cancelling duplicates vanish, and the cascade removes the units that fed only them")
    func cascade() throws {
        // Layer 2: tanh units (x1) and (−x1) with outgoing 1 and 1: tanh(z) + tanh(−z) = 0.
        // Layer 1 unit 0 feeds only them, so it goes too; layer 1 unit 1 feeds layer 2 unit 2.
        let n = try mlp(
            [2, 2, 3, 1], [.relu, .tanh, .identity],
            [[["1", "0"], ["0", "1"]], [["1", "0"], ["-1", "0"], ["0", "1"]], [["1", "1", "1"]]],
            [["0", "0"], ["0", "0", "0"], ["0"]])
        let form = try check(n, hidden: 2)
        #expect(form.network.widths == [2, 1, 1, 1])
    }

    @Test("a fold can create duplicates downstream, which are then merged")
    func foldThenMerge() throws {
        // Layer 1 unit 1 is constant relu(2) = 2; layer 2 units read it with weights 1 and 0 and
        // biases 0 and 2: after the fold both are relu(x + 2).
        let n = try mlp(
            [1, 2, 2, 1], [.relu, .relu, .identity],
            [[["1"], ["0"]], [["1", "1"], ["1", "0"]], [["1", "1"]]],
            [["0", "2"], ["0", "2"], ["0"]])
        let form = try check(n, hidden: 2)
        #expect(form.network.widths == [1, 1, 1, 1])
    }

    @Test("a linear hidden layer is reduced to the rank of the map it carries")
    func linearRank() throws {
        // 3 → 4 (identity) → 2 without biases: rank ≤ 2.
        var rng = SeededGenerator(seed: 3)
        let w1 = (0..<4).map { _ in (0..<3).map { _ in rng.weight() } }
        let w2 = (0..<2).map { _ in (0..<4).map { _ in rng.weight() } }
        let n = try Network.mlp(widths: [3, 4, 2], activations: [.identity, .identity], weights: [w1, w2], biases: [nil, nil])
        let form = try check(n, hidden: 2)
        #expect(form.removedUnits.count == 2)
        #expect(form.removedUnits.allSatisfy { $0.reason == .linearRank(rank: 2) })
    }

    @Test("a linear layer's bias is folded downstream, and its width is the rank of W_out·W")
    func linearBiasFold() throws {
        let n = try mlp([2, 2, 1], [.identity, .identity], [[["1", "0"], ["0", "1"]], [["1", "1"]]], [["5", "7"], ["1"]])
        let form = try check(n, hidden: 1)
        #expect(form.network.layers[0].bias == nil)
        #expect(form.network.layers[1].bias == [q("13")])
    }

    @Test("a deep linear network without biases, widths (M,H,N) with H ≤ min(M,N), keeps width H")
    func linearFullRank() throws {
        var rng = SeededGenerator(seed: 5)
        let n = try Network.mlp(
            widths: [4, 2, 3], activations: [.identity, .identity],
            weights: [(0..<2).map { _ in (0..<4).map { _ in rng.weight() } }, (0..<3).map { _ in (0..<2).map { _ in rng.weight() } }],
            biases: [nil, nil])
        _ = try check(n, hidden: 2)
    }

    @Test("irrational constant units are folded exactly: the downstream bias becomes q + Σ c·tanh(r)")
    func irrationalConstants() throws {
        // tanh constants tanh(2/5), tanh(−2/5), tanh(1): 3·tanh(2/5) + tanh(−2/5) + 2·tanh(1) + 1/2.
        let n = try mlp(
            [1, 4, 1], [.tanh, .identity], [[["0"], ["0"], ["0"], ["1"]], [["3", "1", "2", "1"]]],
            [["2/5", "-2/5", "1", "0"], ["1/2"]])
        let form = try check(n, hidden: 1)
        #expect(form.constants.isEmpty)
        #expect(form.removedUnits.map(\.reason.description).sorted() == [
            "constant output -tanh(2/5), folded into the downstream biases",
            "constant output tanh(1), folded into the downstream biases",
            "constant output tanh(2/5), folded into the downstream biases",
        ])
        #expect(form.network.layers[1].biasValue(0).description == "1/2 + 2·tanh(2/5) + 2·tanh(1)")
        #expect(form.network.parameterCount == 4)
    }

    @Test("a constant unit cannot be folded into a layer without biases: it is kept and reported")
    func constantWithoutDownstreamBias() throws {
        let n = try mlp([1, 2, 1], [.relu, .identity], [[["1"], ["0"]], [["1", "1"]]], [["0", "3"], nil])
        let form = try check(n, hidden: 2)
        #expect(form.constants.count == 1)
        #expect(form.constants.first?.whyKept == .noBiasDownstream(layer: 2))
    }

    @Test("a layer whose units all vanish keeps one zero unit")
    func emptyLayerPlaceholder() throws {
        let n = try mlp([1, 2, 1], [.tanh, .identity], [[["1"], ["2"]], [["0", "0"]]], [["1", "1"], ["3"]])
        let form = try check(n, hidden: 1)
        #expect(form.network.layers[0].connections[0].weights.elements == [.zero])
        #expect(form.network.layers[0].bias == [.zero])
    }

    @Test("irreducible random networks keep every unit", arguments: allActivationNames.filter { $0 != "identity" })
    func irreducibleStaysFull(activationName: String) throws {
        let activation = try #require(Activation.named(activationName))
        var rng = SeededGenerator(seed: 17)
        // Distinct first weights 1, 2, 3 (and not negatives of each other) make the units distinct.
        let n = try Network.mlp(
            widths: [2, 3, 1], activations: [activation, .identity],
            weights: [[[1, 1], [2, 1], [3, 1]].map { $0.map { Rational($0) } }, [(0..<3).map { _ in rng.weight() }]],
            biases: [[1, 2, 3].map { Rational($0, 7) }, [.zero]])
        _ = try check(n, hidden: 3)
    }

    @Test("skip connections and pruned edges are carried through canonicalisation")
    func skipConnectionsAndMasks() throws {
        let w1 = Matrix<Rational>(rowArrays: [[q("2"), q("0")], [q("-1"), q("3")], [q("4"), q("2")]])!
        let mask = Matrix<Bool>(rowArrays: [[true, false], [true, true], [true, true]])!
        let w2 = Matrix<Rational>(rowArrays: [[q("1"), q("-1"), q("1/2")]])!
        let skip = Matrix<Rational>(rowArrays: [[q("1"), q("1")]])!
        let n = try Network(inputCount: 2, layers: [
            Layer(units: 3, activation: .relu, connections: [Connection(source: 0, weights: w1, present: mask)], bias: [1, 0, 2].map { Rational($0) }),
            Layer(units: 1, activation: .identity, connections: [Connection(source: 0, weights: skip), Connection(source: 1, weights: w2)], bias: [.zero]),
        ])
        // (2, 0, 1), (−1, 3, 0), (4, 2, 2) are pairwise not positive multiples: all three stay.
        let form = try check(n, hidden: 3)
        var rng = SeededGenerator(seed: 2)
        #expect(try Canonicalizer().canonicalize(form.network).record.steps.isEmpty)
        try expectSameFunction(n, form.network, rng: &rng)
    }
}
