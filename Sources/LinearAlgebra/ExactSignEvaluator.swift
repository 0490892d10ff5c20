import Exact

/// The exact signs of every pre-activation of a piecewise-linear network at a rational point,
/// in integer arithmetic (the forward pass of ``ScaledIntegerLayers``: one common denominator
/// per layer and one per point, all positive, so that the integer pre-activations have the signs
/// of the rational ones) — what a sampler deciding kink sides needs, without normalising a
/// fraction per operation.
package final class ExactSignEvaluator {
    let network: ScaledIntegerLayers
    /// Integer pre-activations above this many bits end the pass (``signs(at:)`` is `nil`).
    let maximumBits: Int

    /// `nil` when the network's common denominators are too large for the integer form.
    package init?(_ description: PiecewiseLinearLayers, maximumBits: Int = 1 << 20) {
        guard let network = ScaledIntegerLayers(description) else { return nil }
        self.network = network
        self.maximumBits = maximumBits
    }

    /// sign(z_ℓ[i]) at `x` (index ℓ − 1, unit i) and the first unit with a kink (in layer order)
    /// whose pre-activation is exactly 0; `nil` when `x` has the wrong length or an integer
    /// pre-activation outgrows ``maximumBits`` (the caller's exact evaluation, with its limits,
    /// decides then).
    package func signs(at x: [Rational]) -> (signs: [[Int8]], kink: (layer: Int, unit: Int)?)? {
        guard x.count == network.inputCount else { return nil }
        let forward = ScaledForwardPass(network, at: [x][...], maximumBits: maximumBits)
        guard !forward.exceeded else { return nil }
        return (forward.signs, forward.kinks[0])
    }
}
