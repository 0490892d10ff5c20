import Canonical
import Foundation
import Exact
import NetworkFormats
import Networks
import Testing

/// A unit with zero incoming weights and bias b outputs the constant act(b), irrational for
/// tanh and sigmoid at b ≠ 0. By Sussmann's condition (ii) such a network is reducible whatever
/// b is: the smaller network computes the same function with an exact symbolic bias.
@Suite struct IrrationalConstantTests {
    /// f(x) = tanh(x) + 2·tanh(1/2) + 1/3: unit 1 is the constant tanh(1/2).
    func tanhNetwork() throws -> Network {
        try mlp([1, 2, 1], [.tanh, .identity], [[["1"], ["0"]], [["1", "2"]]], [["0", "1/2"], ["1/3"]])
    }

    /// f(x) = σ(x₁ − x₂) + 2·σ(−4/5) − 1 = σ(x₁ − x₂) − tanh(2/5), since σ(z) = 1/2 + tanh(z/2)/2.
    func sigmoidNetwork() throws -> Network {
        try mlp([2, 2, 1], [.sigmoid, .identity], [[["1", "-1"], ["0", "0"]], [["1", "2"]]], [["0", "-4/5"], ["-1"]])
    }

    @Test("a tanh unit with zero incoming weights and bias 1/2 is removed; the output bias becomes 1/3 + 2·tanh(1/2)")
    func tanhConstantIsAReduction() throws {
        let n = try tanhNetwork()
        let form = try checkedCanonicalForm(n, seed: 3)
        #expect(form.network.widths == [1, 1, 1])
        #expect(form.removedUnits.map(\.unit) == [UnitID(layer: 1, unit: 1)])
        #expect(form.network.layers[1].biasValue(0) == SymbolicConstant(rational: q("1/3"), tanhTerms: [(2, q("1/2"))]))
        // Two weights and two biases; the symbolic bias is one of them.
        #expect(form.network.parameterCount == 4)
        #expect(try form.record.replay(on: n) == form.network)
    }

    @Test("a sigmoid constant σ(−4/5) folds to 1/2 − tanh(2/5)/2: the output bias is −tanh(2/5)")
    func sigmoidConstantIsAReduction() throws {
        let form = try Canonicalizer().canonicalize(sigmoidNetwork())
        #expect(form.network.widths == [2, 1, 1])
        #expect(form.network.layers[1].biasValue(0) == SymbolicConstant(rational: .zero, tanhTerms: [(-1, q("2/5"))]))
        #expect(form.network.parameterCount == 5)
    }

    @Test("the reduced network is equivalent to the original; with its bias rounded to the rational part it is not")
    func equivalenceOfTheReducedNetwork() throws {
        for n in [try tanhNetwork(), try sigmoidNetwork()] {
            let reduced = try Canonicalizer().canonicalize(n).network
            guard case .equivalent = try Equivalence.decide(n, reduced).verdict else {
                Issue.record("\(n.widths): the reduced network was not found equivalent")
                continue
            }
            // Dropping the tanh terms changes f by the constant Σ c·tanh(r) ≠ 0 everywhere.
            var rounded = reduced
            var output = rounded.layers[1]
            output.symbolicBias = [:]
            rounded = try rounded.replacingLayer(2, with: output)
            guard case .notEquivalent(let witness?, _) = try Equivalence.decide(n, rounded).verdict else {
                Issue.record("\(n.widths): rounding the symbolic bias was not found to change the function")
                continue
            }
            let gap = try #require(reduced.layers[1].symbolicBias[0]).terms.reduce(0.0) { $0 + abs($1.coefficient.doubleValue) * tanh($1.argument.doubleValue) }
            #expect(witness.differenceLowerBound.doubleValue <= gap * 1.000001 && witness.differenceLowerBound.doubleValue > gap * 0.99)
        }
    }

    @Test("a permuted, sign-flipped copy of the sigmoid network has the same canonical form")
    func flippedConstantUnit() throws {
        // Unit 1 flipped: σ(4/5) with outgoing weight −2 and output bias −1 + 2 (σ(−z) = 1 − σ(z)); units swapped.
        let flipped = try mlp([2, 2, 1], [.sigmoid, .identity], [[["0", "0"], ["1", "-1"]], [["-2", "1"]]], [["4/5", "0"], ["1"]])
        let a = try Canonicalizer().canonicalize(sigmoidNetwork()), b = try Canonicalizer().canonicalize(flipped)
        #expect(a.network.layers == b.network.layers)
    }

    @Test("ReLU units downstream of a tanh constant: relu(2x + 2·tanh(1)) merges into relu(x + tanh(1)); relu(x + 2·tanh(1)) stays")
    func symbolicBiasesInTheScaleNormalForm() throws {
        // Layer 1: tanh(x) and the constant tanh(1). Layer 2 (relu): u₀ = relu(t + c), u₁ = relu(2t + 2c), u₂ = relu(t + 2c).
        let n = try mlp(
            [1, 2, 3, 1], [.tanh, .relu, .identity],
            [[["1"], ["0"]], [["1", "1"], ["2", "2"], ["1", "2"]], [["1", "1", "1"]]],
            [["0", "1"], ["0", "0", "0"], ["0"]])
        let form = try checkedCanonicalForm(n, seed: 5)
        #expect(form.network.widths == [1, 1, 2, 1])
        #expect(form.mergedUnits.count == 1)
        // L∞ normal form on (weights; q, c₁): relu(x + 2·tanh(1)) reads x/2 + tanh(1).
        let biases = (0..<2).map { form.network.layers[1].biasValue($0).description }
        #expect(biases == ["tanh(1)", "tanh(1)"])
        #expect(form.network.layers[1].connections[0].weights.elements.sorted() == [q("1/2"), 1])
        #expect(try form.record.replay(on: n) == form.network)
    }

    /// 1 → 2 → 2 → 1: layer 1 holds tanh(x) and the constant tanh(1); layer 2's unit 1 reads
    /// only the constant and outputs act(weight·tanh(1) + bias).
    func readerOfTanhOne(_ act: Activation, weight: String, bias: String) throws -> Network {
        try mlp(
            [1, 2, 2, 1], [.tanh, act, .identity],
            [[["1"], ["0"]], [["1", "0"], ["0", weight]], [["1", "1"]]],
            [["0", "1"], ["0", bias], ["0"]])
    }

    @Test("a ReLU unit reading only the constant tanh(1) outputs relu(3·tanh(1) − 1) = 3·tanh(1) − 1 > 0: folded too")
    func constantOfASymbolicBias() throws {
        let form = try checkedCanonicalForm(readerOfTanhOne(.relu, weight: "3", bias: "-1"), seed: 7)
        #expect(form.network.widths == [1, 1, 1, 1])
        #expect(form.network.layers[2].biasValue(0) == SymbolicConstant(rational: -1, tanhTerms: [(3, 1)]))
    }

    @Test("a tanh unit reading only a symbolic constant outputs tanh(tanh(1)): kept and reported, not representable")
    func tanhOfASymbolicBiasIsKept() throws {
        let form = try Canonicalizer().canonicalize(readerOfTanhOne(.tanh, weight: "1", bias: "0"))
        #expect(form.network.widths == [1, 1, 2, 1])
        #expect(form.constants.map(\.whyKept) == [.notRepresentable])
    }

    @Test("nnid JSON writes a symbolic bias as {rational, tanh} and reads it back exactly")
    func jsonRoundTrip() throws {
        for n in [try tanhNetwork(), try sigmoidNetwork()] {
            let reduced = try Canonicalizer().canonicalize(n).network
            let text = NativeJSONFormat.encode(reduced)
            #expect(text.contains("\"tanh\""))
            let back = try NativeJSONFormat.decode(Array(text.utf8), file: "reduced.json")
            #expect(back.layers == reduced.layers)
        }
    }

    @Test("malformed symbolic biases are refused at their JSON path", arguments: [
        (#"{"rational": "1"}"#, "layers[1].bias[0].tanh"),
        (#"{"tanh": [{"coefficient": "1"}]}"#, "layers[1].bias[0].tanh[0]"),
        (#"{"tanh": [], "extra": 1}"#, "layers[1].bias[0].extra"),
        (#"{"tanh": [{"coefficient": "1", "argument": "1/0"}]}"#, "layers[1].bias[0].tanh[0].argument"),
        (#"{"tanh": "x"}"#, "layers[1].bias[0].tanh"),
    ])
    func malformedSymbolicBias(entry: String, place: String) throws {
        let text = #"{"inputs": 1, "layers": [{"activation": "tanh", "weights": [["1"]], "bias": ["0"]}, {"activation": "identity", "weights": [["1"]], "bias": ["#
            + entry + "]}]}"
        #expect {
            _ = try NativeJSONFormat.decode(Array(text.utf8), file: "bad.json")
        } throws: { error in
            (error as? FormatError)?.place == place
        }
    }

    @Test("a symbolic bias whose terms cancel reads as the rational it is")
    func cancellingTermsAreRational() throws {
        let text = #"{"inputs": 1, "layers": [{"activation": "identity", "weights": [["1"]], "bias": [{"rational": "1/2", "tanh": [{"coefficient": "1", "argument": "1"}, {"coefficient": "1", "argument": "-1"}]}]}]}"#
        let n = try NativeJSONFormat.decode(Array(text.utf8), file: "x.json")
        #expect(!n.hasSymbolicBiases)
        #expect(n.layers[0].bias == [q("1/2")])
    }

    @Test("tensor writers refuse a symbolic bias, naming it")
    func tensorWritersRefuse() throws {
        let reduced = try Canonicalizer().canonicalize(tanhNetwork()).network
        for format in [FileFormat.safetensors, .npz, .onnx] {
            #expect {
                _ = try NetworkWriter.encode(reduced, as: format, options: WriteOptions(lossy: true), file: "out")
            } throws: { error in
                "\(error)".contains("layer2.unit0.bias is the irrational constant 1/3 + 2·tanh(1/2)")
            }
        }
    }
}
