import Exact
import LinearAlgebra

/// A value flowing through an ONNX graph, as an affine function of the layers built so far:
/// Σₖ Mₖ·h_{sₖ} + b, where h₀ is the input and h_ℓ the output of layer ℓ. A matrix `nil` is
/// the identity (so passing an input or a layer output through costs nothing).
struct OnnxAffine {
    var terms: [(source: Int, matrix: Matrix<Rational>?)]
    var bias: [Rational]?
    var width: Int

    /// h_source itself.
    static func output(of source: Int, width: Int) -> OnnxAffine {
        OnnxAffine(terms: [(source, nil)], bias: nil, width: width)
    }

    /// Whether this is exactly h_source of one layer, with no bias.
    var bareSource: Int? {
        guard bias == nil, terms.count == 1, terms[0].matrix == nil else { return nil }
        return terms[0].source
    }

    /// W·(this) + c, exactly: each Mₖ becomes W·Mₖ and b becomes W·b + c.
    func applying(_ w: Matrix<Rational>, plus c: [Rational]?) -> OnnxAffine {
        let terms = self.terms.map { term in (term.source, term.matrix.map { Self.product(w, $0) } ?? w) }
        var bias = c
        if let b = self.bias {
            let wb = (0..<w.rows).map { i in (0..<w.columns).reduce(Rational.zero) { $0 + w[i, $1] * b[$1] } }
            bias = c.map { zip(wb, $0).map { $0 + $1 } } ?? wb
        }
        return OnnxAffine(terms: terms, bias: bias, width: w.rows)
    }

    /// this + other (same width); terms from the same source are added, the others kept in order.
    func adding(_ other: OnnxAffine) -> OnnxAffine {
        var terms = self.terms
        for term in other.terms {
            if let k = terms.firstIndex(where: { $0.source == term.source }) {
                let a = terms[k].matrix ?? Self.identity(width), b = term.matrix ?? Self.identity(width)
                terms[k].matrix = Matrix(rows: a.rows, columns: a.columns, elements: zip(a.elements, b.elements).map { $0 + $1 })
            } else {
                terms.append(term)
            }
        }
        return OnnxAffine(terms: terms, bias: Self.sum(bias, other.bias), width: width)
    }

    /// this + c for a constant vector c.
    func adding(constant c: [Rational]) -> OnnxAffine {
        OnnxAffine(terms: terms, bias: Self.sum(bias, c), width: width)
    }

    static func sum(_ a: [Rational]?, _ b: [Rational]?) -> [Rational]? {
        guard let a else { return b }
        guard let b else { return a }
        return zip(a, b).map { $0 + $1 }
    }

    /// The n×n identity.
    static func identity(_ n: Int) -> Matrix<Rational> {
        var m = Matrix<Rational>(rows: n, columns: n, repeating: .zero)
        for i in 0..<n { m.elements[i * n + i] = .one }
        return m
    }

    /// The exact product a·b.
    static func product(_ a: Matrix<Rational>, _ b: Matrix<Rational>) -> Matrix<Rational> {
        var out = Matrix<Rational>(rows: a.rows, columns: b.columns, repeating: .zero)
        for i in 0..<a.rows {
            for k in 0..<a.columns where !a[i, k].isZero {
                for j in 0..<b.columns { out.elements[i * b.columns + j] += a[i, k] * b[k, j] }
            }
        }
        return out
    }
}
