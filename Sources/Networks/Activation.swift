import Exact
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An activation function together with the algebraic properties that the canonicaliser and
/// the rank analysis read. Nothing downstream switches on an activation's name: a new
/// activation is one declaration here (a static member plus a line in ``Activation/named(_:)``).
///
/// Properties:
/// - **piecewise linear** (``linearPieces``): act(z) = a·z for z < 0 and b·z for z ≥ 0, with exact
///   rational slopes a, b. Such an activation is positively homogeneous (act(cz) = c·act(z) for
///   c > 0), evaluates exactly at rational points, and is differentiable except at z = 0 when a ≠ b.
/// - **odd up to a constant** (``oddOffset``): act(−z) = k − act(z) for every z. k = 0 is an odd
///   function (tanh, identity); sigmoid has k = 1.
/// - **even** (``isEven``): act(−z) = act(z) (abs).
/// - **tanh form** (``tanhForm``): act(z) = α + β·tanh(γ·z) with rational α, β, γ (tanh, sigmoid).
///   Constant units of such activations fold to exact symbolic constants in this normal form.
public struct Activation: Sendable, CustomStringConvertible {
    /// The canonical name, as written in files (`relu`, `leaky_relu(1/100)`, …).
    public let name: String
    /// Slopes (a, b) of a piecewise-linear activation act(z) = a·z (z < 0), b·z (z ≥ 0).
    public let linearPieces: (negative: Rational, positive: Rational)?
    /// k with act(−z) = k − act(z) for all z, if such a k exists.
    public let oddOffset: Rational?
    /// act(−z) = act(z) for all z.
    public let isEven: Bool
    /// (α, β, γ) with act(z) = α + β·tanh(γ·z).
    public let tanhForm: (offset: Rational, scale: Rational, inner: Rational)?
    /// act is real-analytic on ℝ.
    public let isAnalytic: Bool
    let function: @Sendable (Double) -> Double
    let slope: @Sendable (Double) -> Double

    /// act(z) in floating point.
    public func value(_ z: Double) -> Double { function(z) }
    /// act′(z) in floating point (for a kink at 0, the right derivative).
    public func derivative(_ z: Double) -> Double { slope(z) }

    public var description: String { name }

    /// act(c·z) = c·act(z) for all c > 0: units can be rescaled.
    public var isPositivelyHomogeneous: Bool { linearPieces != nil }
    /// Piecewise linear with rational slopes: evaluates exactly at rational points.
    public var isPiecewiseLinear: Bool { linearPieces != nil }
    /// act(z) = c·z for a nonzero c: a layer of such units carries a GL(n) symmetry.
    public var isLinear: Bool {
        guard let (a, b) = linearPieces else { return false }
        return a == b && !a.isZero
    }
    /// Piecewise linear with a kink at 0 (a ≠ b).
    public var hasKink: Bool {
        guard let (a, b) = linearPieces else { return false }
        return a != b
    }
    /// act is odd: act(−z) = −act(z).
    public var isOdd: Bool { oddOffset?.isZero ?? false }

    /// act(z) exactly, when that is a rational number: always for piecewise-linear activations;
    /// for tanh-form activations only at z = 0 (where it is α). Otherwise `nil`.
    public func exactValue(_ z: Rational) -> Rational? {
        if let (a, b) = linearPieces { return (z.signum < 0 ? a : b) * z }
        if let form = tanhForm, z.isZero { return form.offset }
        return nil
    }

    /// act′(z) exactly for piecewise-linear activations; `nil` at a kink or when not rational.
    public func exactDerivative(_ z: Rational) -> Rational? {
        guard let (a, b) = linearPieces else { return nil }
        if z.isZero { return a == b ? a : nil }
        return z.signum < 0 ? a : b
    }

    /// The piecewise-linear activation with slopes a (z < 0) and b (z ≥ 0).
    public static func piecewiseLinear(name: String, negativeSlope a: Rational, positiveSlope b: Rational) -> Activation {
        let da = a.doubleValue, db = b.doubleValue
        return Activation(
            name: name, linearPieces: (a, b),
            oddOffset: a == b ? .zero : nil, isEven: a == -b && !a.isZero,
            tanhForm: nil, isAnalytic: a == b,
            function: { z in z < 0 ? da * z : db * z },
            slope: { z in z < 0 ? da : db })
    }

    public static let identity = piecewiseLinear(name: "identity", negativeSlope: 1, positiveSlope: 1)
    public static let relu = piecewiseLinear(name: "relu", negativeSlope: 0, positiveSlope: 1)
    public static let abs = piecewiseLinear(name: "abs", negativeSlope: -1, positiveSlope: 1)

    /// Leaky ReLU with a rational negative slope α: act(z) = α·z for z < 0, z otherwise.
    /// α = 0, 1, −1 give relu, identity and abs, under their own names.
    public static func leakyReLU(slope alpha: Rational) -> Activation {
        if alpha.isZero { return .relu }
        if alpha.isOne { return .identity }
        if (-alpha).isOne { return .abs }
        return piecewiseLinear(name: "leaky_relu(\(alpha))", negativeSlope: alpha, positiveSlope: 1)
    }

    /// tanh: odd, analytic, tanh form (0, 1, 1).
    public static let tanh = Activation(
        name: "tanh", linearPieces: nil, oddOffset: .zero, isEven: false,
        tanhForm: (.zero, .one, .one), isAnalytic: true,
        function: { libmTanh($0) },
        slope: { z in let t = libmTanh(z); return 1 - t * t })

    /// The logistic sigmoid σ(z) = 1/(1 + e^(−z)) = 1/2 + tanh(z/2)/2: σ(−z) = 1 − σ(z).
    public static let sigmoid = Activation(
        name: "sigmoid", linearPieces: nil, oddOffset: .one, isEven: false,
        tanhForm: (Rational(1, 2), Rational(1, 2), Rational(1, 2)), isAnalytic: true,
        function: { z in 1 / (1 + exp(-z)) },
        slope: { z in let s = 1 / (1 + exp(-z)); return s * (1 - s) })

    /// Every activation name the tool understands, for help texts and error messages.
    public static let knownNames = ["identity", "linear", "relu", "leaky_relu", "leaky_relu(α)", "abs", "tanh", "sigmoid"]

    /// The activation called `text`: `identity` (or `linear`), `relu`, `leaky_relu` (slope 1/100,
    /// PyTorch's default), `leaky_relu(α)` with a rational α such as `1/10` or `0.2`, `abs`,
    /// `tanh`, `sigmoid`. Case-insensitive; `nil` for anything else.
    public static func named(_ text: String) -> Activation? {
        let t = text.lowercased()
        switch t {
        case "identity", "linear", "none": return .identity
        case "relu": return .relu
        case "abs": return .abs
        case "tanh": return .tanh
        case "sigmoid", "logistic": return .sigmoid
        case "leaky_relu", "leakyrelu": return .leakyReLU(slope: Rational(1, 100))
        default:
            for prefix in ["leaky_relu(", "leakyrelu("] where t.hasPrefix(prefix) && t.hasSuffix(")") {
                let inner = String(t.dropFirst(prefix.count).dropLast())
                guard let alpha = try? Rational(parsing: inner) else { return nil }
                return .leakyReLU(slope: alpha)
            }
            return nil
        }
    }
}

extension Activation: Equatable, Hashable {
    /// Activations are equal when they compute the same function; names are canonical, so
    /// comparing names is enough (`linear` reads as `identity`).
    public static func == (a: Activation, b: Activation) -> Bool { a.name == b.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

@inline(__always) private func libmTanh(_ x: Double) -> Double { tanh(x) }
