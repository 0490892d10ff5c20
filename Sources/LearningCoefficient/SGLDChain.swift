import Exact
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One chain of stochastic-gradient Langevin dynamics (Welling & Teh 2011) on the localised,
/// tempered posterior ∝ exp(−nβ·L_n(w) − (γ/2)·‖w − θ‖²):
/// w ← w − (ε/2)·(nβ·∇L_m(w) + γ·(w − θ)) + √ε·ξ, the update devinterp's `SGLD` makes.
struct SGLDChain {
    let model: MinibatchModel
    let data: LLCDataset
    let loss: any LossFunction
    let epsilon: Double
    /// The step of the burn-in steps (ε unless a warm-up step is given).
    var burnInEpsilon: Double? = nil
    let gamma: Double
    let nBeta: Double
    let batch: Int

    /// Runs `burnIn + draws` steps from θ with the generator seeded by `seed`; `tick` is called
    /// every `tickEvery` steps (for a progress bar).
    /// With `keepEvery` = k > 0 the iterate after every k-th step is kept in ``SGLDChainResult/snapshots``.
    func run(burnIn: Int, draws: Int, seed: UInt64, keepEvery: Int = 0, tick: ((Int) -> Void)? = nil, tickEvery: Int = 1000) -> SGLDChainResult {
        var rng = SplitMix64(seed: seed)
        let theta = model.theta
        var w = theta
        var gradient = [Double](repeating: 0, count: model.storageCount)
        var work = MinibatchWorkspace(model: model, rows: batch)
        var targets = [Double](repeating: 0, count: batch * data.outputWidth)
        var order = Array(0..<data.count)
        var position = data.count
        let d = data.inputWidth, k = data.outputWidth, depth = model.layers.count
        let steps = burnIn + draws
        var losses: [Double] = []
        losses.reserveCapacity(steps)
        var snapshots: [[Double]] = []
        func stop(_ step: Int?) -> SGLDChainResult {
            var result = SGLDChainResult(losses: losses, divergedAt: step, burnIn: burnIn)
            result.snapshots = snapshots
            return result
        }
        var halfStep = 0.0, noise = 0.0
        for step in 0..<steps {
            if step == 0 || step == burnIn {
                let e = step < burnIn ? burnInEpsilon ?? epsilon : epsilon
                (halfStep, noise) = (e / 2, e.squareRoot())
            }
            // The next minibatch: rows of a fresh permutation of the data, pass after pass.
            work.post[0].withUnsafeMutableBufferPointer { x in
                targets.withUnsafeMutableBufferPointer { y in
                    for r in 0..<batch {
                        if position == data.count {
                            for i in stride(from: data.count - 1, to: 0, by: -1) { order.swapAt(i, rng.nextInt(in: 0...i)) }
                            position = 0
                        }
                        let row = order[position]
                        position += 1
                        for j in 0..<d { x[r * d + j] = data.inputs[row * d + j] }
                        for j in 0..<k { y[r * k + j] = data.targets[row * k + j] }
                    }
                }
            }
            model.forward(w, &work)
            let value = loss.meanAndGradient(outputs: work.post[depth], targets: targets, rows: batch, gradient: &work.sensitivity[depth])
            guard value.isFinite else { return stop(step) }
            losses.append(value)
            model.backward(w, &work, gradient: &gradient)
            var finite = true
            for p in 0..<w.count {
                let drift = nBeta * gradient[p] + gamma * (w[p] - theta[p])
                w[p] += -halfStep * drift + noise * rng.nextGaussian()
                finite = finite && w[p].isFinite
            }
            if let mask = model.mask { for p in 0..<w.count where mask[p] == 0 { w[p] = 0 } }
            guard finite else { return stop(step + 1) }
            if keepEvery > 0, (step + 1) % keepEvery == 0 { snapshots.append(w) }
            if let tick, (step + 1) % tickEvery == 0 { tick(tickEvery) }
        }
        return stop(nil)
    }
}
