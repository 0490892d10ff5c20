/// A per-sample loss ℓ(f(x), y) of a network's outputs against targets, averaged over a
/// minibatch: L_m(w) = (1/m)·Σᵢ ℓ(f_w(xᵢ), yᵢ).
///
/// The interface the SGLD sampler uses: the minibatch mean and its gradient with respect to the
/// outputs, ∂L_m/∂A (m × K, row-major), from which the network's backward pass takes over. A new
/// loss is one conforming type; the sampler never looks inside it.
public protocol LossFunction: Sendable {
    /// A short name for reports (`squared`).
    var name: String { get }
    /// L_m = (1/m)·Σᵢ ℓ(outputs row i, targets row i), and ∂L_m/∂outputs written into `gradient`.
    func meanAndGradient(outputs: [Double], targets: [Double], rows: Int, gradient: inout [Double]) -> Double
}
