import Exact
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exact real number q + Σᵢ cᵢ·tanh(rᵢ) with rational q, cᵢ, rᵢ, in normal form:
/// every rᵢ > 0, the rᵢ distinct and increasing, every cᵢ ≠ 0.
///
/// This is the value of a constant unit of a tanh-form activation (act(b) = α + β·tanh(γ·b)),
/// weighted and summed: the bias a reduced network carries where a constant unit with an
/// irrational output was folded into it (``Layer/symbolicBias``). Any such sum is brought to normal form by tanh(−r) = −tanh(r),
/// tanh(0) = 0 and collecting like terms.
///
/// **Uniqueness** (proofs/symbolic-constant-normal-form.md): 1, tanh(r₁), …, tanh(r_k) are
/// linearly independent over ℚ for distinct positive rationals rᵢ (by Lindemann's theorem e^{2/N}
/// is transcendental), so two constants in normal form are equal as real numbers **iff** they are
/// equal term by term. Structural `==` is therefore equality of real numbers.
public struct SymbolicConstant: Sendable, Hashable, CustomStringConvertible {
    /// One term c·tanh(r).
    public struct Term: Sendable, Hashable {
        public let coefficient: Rational
        public let argument: Rational
    }

    /// The rational part q.
    public private(set) var rational: Rational
    /// The terms cᵢ·tanh(rᵢ): rᵢ > 0 increasing, cᵢ ≠ 0.
    public private(set) var terms: [Term]

    /// The rational number q.
    public init(_ q: Rational = .zero) {
        rational = q
        terms = []
    }

    /// q + Σ c·tanh(r) over arbitrary (coefficient, argument) pairs, brought to normal form.
    public init(rational q: Rational, tanhTerms: [(coefficient: Rational, argument: Rational)]) {
        var collected: [Rational: Rational] = [:]
        for (c, r) in tanhTerms where !c.isZero && !r.isZero {
            // tanh(−r) = −tanh(r): keep arguments positive.
            if r.signum < 0 { collected[-r, default: .zero] -= c } else { collected[r, default: .zero] += c }
        }
        rational = q
        terms = collected.filter { !$0.value.isZero }.sorted { $0.key < $1.key }
            .map { Term(coefficient: $0.value, argument: $0.key) }
    }

    /// act(z) as an exact constant: rational when ``Activation/exactValue(_:)`` is, otherwise
    /// α + β·tanh(γz) from the activation's tanh form (sigmoid(z) = 1/2 + tanh(z/2)/2).
    /// `nil` when the activation has neither property.
    public static func value(of activation: Activation, at z: Rational) -> SymbolicConstant? {
        if let v = activation.exactValue(z) { return SymbolicConstant(v) }
        guard let form = activation.tanhForm else { return nil }
        return SymbolicConstant(rational: form.offset, tanhTerms: [(form.scale, form.inner * z)])
    }

    /// self += a·b for rationals a, b (the rational part only: no normal-form work).
    public mutating func addProduct(_ a: Rational, _ b: Rational) { rational.addProduct(a, b) }

    /// self += w·other.
    public mutating func add(_ other: SymbolicConstant, times w: Rational) {
        if other.terms.isEmpty { rational.addProduct(w, other.rational) } else { self = self + w * other }
    }

    /// self ·= c for a rational c.
    public mutating func multiply(by c: Rational) {
        if terms.isEmpty { rational *= c } else { self = c * self }
    }

    /// −a.
    public static prefix func - (a: SymbolicConstant) -> SymbolicConstant { Rational(-1) * a }

    /// a − b.
    public static func - (a: SymbolicConstant, b: SymbolicConstant) -> SymbolicConstant { a + -b }

    /// The coefficients that scale with the constant, q then c₁, c₂, …: multiplying the constant
    /// by s multiplies each of them by s (the arguments rᵢ stay). Two constants in normal form
    /// that are positive multiples of each other have proportional coefficient lists.
    public var scalingCoefficients: [Rational] { [rational] + terms.map(\.coefficient) }

    /// Whether the value is rational (no tanh terms).
    public var isRational: Bool { terms.isEmpty }
    public var isZero: Bool { terms.isEmpty && rational.isZero }

    public static func + (a: SymbolicConstant, b: SymbolicConstant) -> SymbolicConstant {
        if a.terms.isEmpty && b.terms.isEmpty { return SymbolicConstant(a.rational + b.rational) }
        return SymbolicConstant(
            rational: a.rational + b.rational,
            tanhTerms: (a.terms + b.terms).map { ($0.coefficient, $0.argument) })
    }

    /// s·a for a rational s.
    public static func * (s: Rational, a: SymbolicConstant) -> SymbolicConstant {
        if a.terms.isEmpty { return SymbolicConstant(s * a.rational) }
        return SymbolicConstant(rational: s * a.rational, tanhTerms: a.terms.map { (s * $0.coefficient, $0.argument) })
    }

    /// The nearest-Double evaluation (for display and numeric cross-checks only).
    public var doubleValue: Double {
        terms.reduce(rational.doubleValue) { $0 + $1.coefficient.doubleValue * tanh($1.argument.doubleValue) }
    }

    /// `1/2 + 3·tanh(2/5) − tanh(1)`.
    public var description: String {
        var parts: [String] = []
        if !rational.isZero || terms.isEmpty { parts.append(rational.description) }
        for term in terms {
            let c = term.coefficient
            let magnitude = c.magnitude
            let body = (magnitude.isOne ? "" : "\(magnitude)·") + "tanh(\(term.argument))"
            if parts.isEmpty {
                parts.append(c.signum < 0 ? "-" + body : body)
            } else {
                parts.append(c.signum < 0 ? "- " + body : "+ " + body)
            }
        }
        return parts.joined(separator: " ")
    }
}

extension SymbolicConstant {
    /// A total order on normal forms (rational part, then the terms (rᵢ, cᵢ) lexicographically):
    /// structural, **not** the order of the real numbers; it only makes sorting deterministic.
    public func precedesInNormalForm(_ b: SymbolicConstant) -> Bool {
        let a = self
        if a.rational != b.rational { return a.rational < b.rational }
        for (x, y) in zip(a.terms, b.terms) {
            if x.argument != y.argument { return x.argument < y.argument }
            if x.coefficient != y.coefficient { return x.coefficient < y.coefficient }
        }
        return a.terms.count < b.terms.count
    }
}

extension SymbolicConstant: Codable {
    private enum CodingKeys: String, CodingKey { case rational, terms, text }
    private struct CodedTerm: Codable {
        var coefficient: String
        var argument: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rational.description, forKey: .rational)
        try container.encode(terms.map { CodedTerm(coefficient: $0.coefficient.description, argument: $0.argument.description) }, forKey: .terms)
        try container.encode(description, forKey: .text)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let q = try Rational(codingText: container.decode(String.self, forKey: .rational), key: CodingKeys.rational, in: container)
        var pairs: [(Rational, Rational)] = []
        for term in try container.decode([CodedTerm].self, forKey: .terms) {
            pairs.append((
                try Rational(codingText: term.coefficient, key: CodingKeys.terms, in: container),
                try Rational(codingText: term.argument, key: CodingKeys.terms, in: container)))
        }
        self.init(rational: q, tanhTerms: pairs.map { (coefficient: $0.0, argument: $0.1) })
    }
}

extension Rational {
    /// Parses an exact number written as a JSON string, reporting a decoding error at `key`.
    package init<K: CodingKey>(codingText text: String, key: K, in container: KeyedDecodingContainer<K>) throws {
        do {
            self = try Rational(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "\(error)")
        }
    }
}
