import Exact
import Networks
import PropertyBased
import Testing
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Every property an activation declares is checked against its function, numerically at many
/// points and exactly where the values are rational.
@Suite struct ActivationTests {
    static let all: [Activation] = [.identity, .relu, .abs, .tanh, .sigmoid, .leakyReLU(slope: Rational(1, 10)), .leakyReLU(slope: Rational(-3, 2))]
    static let points: [Double] = (-40...40).map { Double($0) / 8 } + [1e-9, -1e-9, 30, -30, 0.1, -0.1]

    @Test(arguments: all)
    func declaredSymmetriesHold(activation f: Activation) {
        for z in Self.points {
            let tolerance = 1e-15 * max(1, Swift.abs(z))
            if let k = f.oddOffset {
                #expect(Swift.abs(f.value(-z) - (k.doubleValue - f.value(z))) <= tolerance, "\(f) at \(z)")
            }
            if f.isEven { #expect(f.value(-z) == f.value(z), "\(f) at \(z)") }
            if f.isOdd { #expect(f.value(-z) == -f.value(z), "\(f) at \(z)") }
            if f.isPositivelyHomogeneous {
                for c in [0.5, 2, 3.25] { #expect(Swift.abs(f.value(c * z) - c * f.value(z)) <= tolerance) }
            }
            if f.isLinear, let (a, _) = f.linearPieces { #expect(f.value(z) == a.doubleValue * z) }
            if let (alpha, beta, gamma) = f.tanhForm {
                let form = alpha.doubleValue + beta.doubleValue * tanh(gamma.doubleValue * z)
                #expect(Swift.abs(f.value(z) - form) <= 1e-15, "\(f) at \(z)")
            }
        }
    }

    /// Properties not declared are genuinely absent (so nothing downstream over-claims).
    @Test func undeclaredSymmetriesFail() {
        #expect(Activation.relu.oddOffset == nil && !Activation.relu.isEven && Activation.relu.hasKink)
        #expect(Activation.abs.oddOffset == nil && Activation.abs.isEven && !Activation.abs.isOdd)
        #expect(Activation.tanh.isOdd && !Activation.tanh.isEven && !Activation.tanh.isPositivelyHomogeneous && Activation.tanh.isAnalytic)
        #expect(Activation.sigmoid.oddOffset == .one && !Activation.sigmoid.isOdd)
        #expect(Activation.identity.isLinear && Activation.identity.isOdd && !Activation.identity.hasKink && Activation.identity.isAnalytic)
        #expect(!Activation.relu.isAnalytic && !Activation.relu.isLinear)
        let leaky = Activation.leakyReLU(slope: Rational(1, 10))
        #expect(leaky.oddOffset == nil && !leaky.isEven && leaky.hasKink && leaky.isPiecewiseLinear)
    }

    @Test func sigmoidIsAHalfPlusHalfTanhOfHalfZ() {
        for z in Self.points {
            let sigma = Activation.sigmoid.value(z)
            #expect(Swift.abs(sigma - (0.5 + tanh(z / 2) / 2)) <= 1e-15)
            #expect(Swift.abs(sigma - 1 / (1 + exp(-z))) <= 1e-16)
            #expect(Swift.abs(Activation.sigmoid.derivative(z) - sigma * (1 - sigma)) <= 1e-16)
        }
        #expect(Activation.sigmoid.value(-800) == 0 && Activation.sigmoid.value(800) == 1)  // no NaN in the tails
    }

    /// The derivative matches a central difference away from kinks.
    @Test(arguments: all)
    func derivativeMatchesFiniteDifferences(activation f: Activation) {
        let h = 1e-6
        for z in Self.points where Swift.abs(z) > 1e-3 && Swift.abs(z) < 20 {
            let difference = (f.value(z + h) - f.value(z - h)) / (2 * h)
            #expect(Swift.abs(difference - f.derivative(z)) <= 1e-6, "\(f) at \(z)")
        }
    }

    /// Exact values and derivatives agree with the Double ones, and are nil exactly where the
    /// value is not rational (tanh form off 0) or the function is not differentiable (a kink).
    @Test func exactValuesAndDerivatives() async {
        await propertyCheck(input: Gen<Int>.int(in: -1000...1000), Gen<Int>.int(in: 1...64), Gen<Int>.int(in: 0...6)) { p, q, k in
            let f = Self.all[k]
            let z = Rational(p, q)
            if f.isPiecewiseLinear {
                guard let v = f.exactValue(z) else {
                    Issue.record("\(f) has no exact value at \(z)")
                    return
                }
                #expect(Swift.abs(v.doubleValue - f.value(z.doubleValue)) <= 1e-15 * Swift.abs(v.doubleValue))
                if z.isZero && f.hasKink {
                    #expect(f.exactDerivative(z) == nil)
                } else {
                    #expect(f.exactDerivative(z)?.doubleValue == f.derivative(z.doubleValue))
                }
            } else {
                #expect(f.exactDerivative(z) == nil)
                #expect((f.exactValue(z) != nil) == z.isZero)
            }
        }
        #expect(Activation.sigmoid.exactValue(.zero) == Rational(1, 2) && Activation.tanh.exactValue(.zero) == .zero)
        #expect(Activation.relu.exactValue(Rational(-3, 7)) == .zero && Activation.abs.exactValue(Rational(-3, 7)) == Rational(3, 7))
        #expect(Activation.leakyReLU(slope: Rational(1, 10)).exactValue(-5) == Rational(-1, 2))
        #expect(Activation.identity.exactDerivative(.zero) == .one)
    }

    @Test func namesRoundTripAndSpecialSlopesCollapse() {
        for f in Self.all { #expect(Activation.named(f.name) == f, "\(f)") }
        #expect(Activation.named("LINEAR") == .identity && Activation.named("logistic") == .sigmoid)
        #expect(Activation.named("leaky_relu") == .leakyReLU(slope: Rational(1, 100)))
        #expect(Activation.named("leaky_relu(0.2)") == .leakyReLU(slope: Rational(1, 5)))
        #expect(Activation.named("leaky_relu(1/10)")?.name == "leaky_relu(1/10)")
        #expect(Activation.leakyReLU(slope: 0) == .relu && Activation.leakyReLU(slope: 1) == .identity && Activation.leakyReLU(slope: -1) == .abs)
        for bad in ["", "softmax", "leaky_relu(", "leaky_relu(x)", "leaky_relu(1/0)", "relu6"] {
            #expect(Activation.named(bad) == nil, "\(bad)")
        }
    }
}
