/// The Gaussian negative log-likelihood up to its constant: ℓ(f, y) = ½‖f − y‖².
///
/// This is −log p(y | x, w) + const for the regression model y = f_w(x) + N(0, I), the model
/// whose tempered posterior ∝ exp(−nβ·L_n(w)) singular learning theory speaks of, so λ̂ estimates
/// that model's local learning coefficient. (PyTorch's `mse_loss` averages ‖f − y‖² over outputs
/// as well and has no ½: it is this loss times 2/K, which rescales nβ by the same factor.)
public struct SquaredLoss: LossFunction {
    public init() {}
    public var name: String { "squared" }

    public func meanAndGradient(outputs: [Double], targets: [Double], rows: Int, gradient: inout [Double]) -> Double {
        let scale = 1 / Double(max(1, rows))
        var total = 0.0
        outputs.withUnsafeBufferPointer { a in
            targets.withUnsafeBufferPointer { y in
                gradient.withUnsafeMutableBufferPointer { g in
                    for k in 0..<a.count {
                        let r = a[k] - y[k]
                        total += r * r
                        g[k] = r * scale
                    }
                }
            }
        }
        return 0.5 * total * scale
    }
}
