import Canonical
import Exact
import Networks
import Testing

/// Reductions that cascade through the depth of a network take time linear in the depth: a pass
/// revisits only the layers next to one that changed.
@Suite struct DeepReductionTests {
    /// `depth` width-1 tanh layers and an output weight `last`: with `last` = 0 every unit has zero
    /// outgoing weight once the unit above it is cleared, so the reduction cascades from the
    /// output down to the input, one layer per pass.
    static func chain(depth: Int, last: String) throws -> Network {
        try mlp(
            Array(repeating: 1, count: depth + 2), Array(repeating: .tanh, count: depth) + [.identity],
            Array(repeating: [["1/2"]], count: depth) + [[[last]]], Array(repeating: ["1/3"], count: depth) + [["0"]])
    }

    @Test("a 20,000-layer cascade reduces every unit (and would take hours at quadratic cost)", .timeLimit(.minutes(2)))
    func cascade() throws {
        let form = try Canonicalizer().canonicalize(try Self.chain(depth: 20_000, last: "0"))
        #expect(form.removedUnits.count == 20_000)
        #expect(form.network.layers.allSatisfy { $0.connections.allSatisfy { $0.weights.elements.allSatisfy(\.isZero) } })
    }

    /// Sparse passes apply the same steps as full passes: compared on chains short enough for
    /// full passes (`maximumPasses` bounds both the same way).
    @Test("the cascade's record replays to the canonical network", arguments: [1, 2, 7, 40])
    func replay(depth: Int) throws {
        let network = try Self.chain(depth: depth, last: "0")
        let form = try Canonicalizer().canonicalize(network)
        #expect(form.removedUnits.count == depth)
        #expect(try form.record.replay(on: network).layers == form.network.layers)
        #expect(throws: CanonicalizationError.self) {
            try Canonicalizer(options: CanonicalizationOptions(maximumPasses: depth - 1)).canonicalize(network)
        }
    }
}
