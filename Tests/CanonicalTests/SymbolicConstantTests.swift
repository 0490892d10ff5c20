import Foundation
import Canonical
import Exact
import Networks
import Testing

/// The normal form q + Σ cᵢ·tanh(rᵢ) (proofs/symbolic-constant-normal-form.md).
@Suite struct SymbolicConstantTests {
    @Test("tanh(−r) = −tanh(r), like terms collect, zero coefficients vanish")
    func normalForm() {
        let a = SymbolicConstant(rational: q("1/2"), tanhTerms: [(q("3"), q("2/5")), (q("1"), q("-2/5")), (q("-2"), q("2/5"))])
        #expect(a == SymbolicConstant(q("1/2")))
        let b = SymbolicConstant(rational: .zero, tanhTerms: [(q("1"), q("1")), (q("-3"), q("-1/3")), (q("5"), q("0"))])
        #expect(b.terms.map(\.argument) == [q("1/3"), q("1")])
        #expect(b.description == "3·tanh(1/3) + tanh(1)")
        #expect((-1 * b).description == "-3·tanh(1/3) - tanh(1)")
    }

    @Test("sigmoid is rewritten through tanh: σ(z) = 1/2 + tanh(z/2)/2")
    func sigmoidThroughTanh() throws {
        let s = try #require(SymbolicConstant.value(of: .sigmoid, at: q("4/5")))
        #expect((6 * s).description == "3 + 3·tanh(2/5)")
        #expect(abs(s.doubleValue - 1 / (1 + exp(-0.8))) < 1e-15)
        // σ(b) + σ(−b) = 1 exactly.
        let t = try #require(SymbolicConstant.value(of: .sigmoid, at: q("-4/5")))
        #expect(s + t == SymbolicConstant(1))
    }

    @Test("piecewise-linear activations give rational constants; tanh(0) = 0")
    func rationalValues() throws {
        #expect(SymbolicConstant.value(of: .relu, at: q("-3")) == SymbolicConstant(.zero))
        #expect(SymbolicConstant.value(of: .leakyReLU(slope: q("1/10")), at: q("-3")) == SymbolicConstant(q("-3/10")))
        #expect(SymbolicConstant.value(of: .tanh, at: .zero)?.isZero == true)
    }

    @Test("equal normal forms are equal reals and different ones differ numerically")
    func numericCrossCheck() {
        let a = SymbolicConstant(rational: q("1/2"), tanhTerms: [(q("3"), q("2/5"))])
        let b = SymbolicConstant(rational: q("1/2"), tanhTerms: [(q("3"), q("1/5"))])
        #expect(a != b)
        #expect(abs(a.doubleValue - b.doubleValue) > 0.1)
        #expect(abs(a.doubleValue - (0.5 + 3 * tanh(0.4))) < 1e-15)
    }
}
