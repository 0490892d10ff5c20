import Exact
import Networks

/// The rule that picks ε and γ from the model and data, and the sweep that shows it.
///
/// **γ.** ``Rule/gamma`` (default 1, in the units of the parameters): the localisation is a
/// weak prior of width γ^(−1/2) = 1 around θ. It is not tuned per network.
///
/// **ε.** SGLD's Euler step is stable along a direction of curvature h only for ε·h < 2, and
/// inflates that direction's variance by the factor 1/(1 − εh/4); so ε is tied to the largest
/// curvature the chain meets: ε = c / h_max with c = ``Rule/stepFraction`` (0.1: a bias of
/// about 2.5% in the stiffest direction, less elsewhere). h_max is the largest eigenvalue of
/// nβ·G_m(w) + γ·I (G_m the minibatch Gauss–Newton matrix, by power iteration) over iterates of
/// a pilot chain: start from the curvature at θ, run a pilot of ``Rule/pilotSteps`` steps (the
/// given burn-in clamped to 200…20,000; 20,000 when the burn-in is the rule's), take
/// the largest curvature at ten of its iterates, set ε = c/h_max and repeat while ε still falls
/// by more than a fifth (at most ``Rule/rounds`` rounds; a pilot that diverges divides ε by 10).
/// Singular points need the pilot: at θ = 0 of a deep linear network the curvature at θ is γ
/// alone, and the stiff directions appear only once the chain moves.
///
/// **Burn-in** (when not given). A chain starts at θ, where ‖w − θ‖ = 0, and the flat directions
/// of a singular point — those along which nβ·L_n stays near its minimum — are held only by the
/// localisation: there the dynamics is the Ornstein–Uhlenbeck process
/// dw = −(γ/2)(w − θ)dt + dB, whose variance (1 − e^(−γt))/γ reaches its equilibrium 1/γ only
/// after Langevin time t of a few 1/γ (t = ε·steps). The burn-in therefore runs Langevin time
/// T = ``Rule/burnInTime``/γ (default 2/γ: 86% of the equilibrium variance) at the warm-up step
/// ε_b = ``Rule/burnInStepFactor``·ε (default 2ε: ε_b·h_max = 0.2, far inside the stability
/// limit 2; the larger step's bias is discarded with the burn-in, and the stiff directions
/// re-equilibrate at ε within ~1/(ε·h_max) = 10 steps), i.e. ⌈T/ε_b⌉ steps, capped at
/// ``Rule/maximumBurnIn``. A fixed step count is not enough: at θ = 0 of a deep linear network
/// with L layers the loss is homogeneous of degree 2L, so the posterior's scale nβ^(−1/2L) grows
/// with depth while ε shrinks, and a chain that has not spread out underestimates λ (four layers:
/// 46% low after 5,000 steps).
public enum Calibration {
    public struct Rule: Sendable, Equatable {
        public var gamma: Double = 1
        public var stepFraction: Double = 0.1
        /// Steps of each pilot chain; `nil` for the run's burn-in, clamped to 200…20,000.
        public var pilotSteps: Int? = nil
        public var rounds: Int = 8
        /// Langevin time of the burn-in, in units of 1/γ.
        public var burnInTime: Double = 2
        /// The warm-up step of the burn-in, as a multiple of ε.
        public var burnInStepFactor: Double = 2
        /// The largest burn-in the rule picks, in steps per chain.
        public var maximumBurnIn: Int = 2_000_000
        public init() {}
    }

    /// The chosen step and localisation, and how they were chosen.
    public struct Choice: Sendable {
        public let epsilon: Double
        public let gamma: Double
        /// The largest curvature the pilot met (`nil` when ε was given).
        public let curvature: Double?
        /// Burn-in steps per chain and their step (`nil`: the burn-in was given, and runs at ε).
        public var burnIn: Int? = nil
        public var burnInEpsilon: Double? = nil
        public let reason: String
        public var text: String {
            var line = "calibration: ε = \(scientific(epsilon)), γ = \(scientific(gamma)) (\(reason))"
            if let burnIn, let burnInEpsilon { line += "; burn-in \(burnIn) steps at ε_b = \(scientific(burnInEpsilon)) (\(burnInReason))" }
            return line + "\n"
        }
        var burnInReason = ""

        /// The options with this choice applied.
        public func applied(to base: SGLDOptions) -> SGLDOptions {
            var options = base
            options.epsilon = epsilon
            options.gamma = gamma
            if let burnIn {
                options.burnIn = burnIn
                options.burnInEpsilon = burnInEpsilon
            }
            return options
        }
    }

    /// The rule's burn-in for step ε and localisation γ: ⌈T/ε_b⌉ steps at ε_b = factor·ε with
    /// T = burnInTime/γ, capped at `maximumBurnIn` (and at what the step budget leaves after the
    /// draws), and why.
    public static func burnIn(epsilon: Double, gamma: Double, base: SGLDOptions, rule: Rule = Rule()) -> (steps: Int, epsilon: Double, reason: String) {
        let step = rule.burnInStepFactor * epsilon
        let budget = max(0, min(rule.maximumBurnIn, SGLDOptions.maximumSteps / max(1, base.chains) - base.draws))
        let wanted = gamma > 0 ? (rule.burnInTime / gamma / step).rounded(.up) : .infinity
        let steps = wanted <= Double(budget) ? Int(wanted) : budget
        let time = "Langevin time \(fixed(rule.burnInTime, 0))/γ at \(fixed(rule.burnInStepFactor, 0))ε"
        return (steps, step, wanted <= Double(budget) ? "rule: " + time : "rule: capped at \(budget) steps, short of " + time)
    }

    /// ε and γ for `network` on `data`: each given value is kept, the others come from the rule;
    /// with `burnInGiven` false also the burn-in (``burnIn(epsilon:gamma:base:rule:)``; the pilot
    /// then runs 20,000 steps).
    public static func choose(
        _ network: Network, data: LLCDataset, base: SGLDOptions, epsilon: Double? = nil, gamma: Double? = nil,
        burnInGiven: Bool = true, rule: Rule = Rule()
    ) throws(LLCError) -> Choice {
        var pilotRule = rule
        if !burnInGiven, rule.pilotSteps == nil { pilotRule.pilotSteps = 20_000 }
        var choice = try chooseStep(network, data: data, base: base, epsilon: epsilon, gamma: gamma, rule: pilotRule)
        if !burnInGiven {
            let b = burnIn(epsilon: choice.epsilon, gamma: choice.gamma, base: base, rule: rule)
            (choice.burnIn, choice.burnInEpsilon, choice.burnInReason) = (b.steps, b.epsilon, b.reason)
        }
        return choice
    }

    /// ε and γ alone (see ``choose(_:data:base:epsilon:gamma:burnInGiven:rule:)``).
    static func chooseStep(
        _ network: Network, data: LLCDataset, base: SGLDOptions, epsilon: Double?, gamma: Double?, rule: Rule
    ) throws(LLCError) -> Choice {
        try base.validate()
        let g = gamma ?? rule.gamma
        guard g.isFinite, g >= 0 else { throw .invalidOption(.gamma, reason: "\(g) is not a finite nonnegative number") }
        if let epsilon {
            guard epsilon.isFinite, epsilon > 0 else { throw .invalidOption(.epsilon, reason: "\(epsilon) is not a positive finite number") }
            return Choice(epsilon: epsilon, gamma: g, curvature: nil, reason: gamma == nil ? "ε given, γ by the rule" : "given")
        }
        let (e, h) = step(network, data: data, base: base, gamma: g, rule: rule)
        return Choice(epsilon: e, gamma: g, curvature: h,
                      reason: "rule: ε = \(fixed(rule.stepFraction, 2))/h_max, h_max = \(scientific(h)) the largest curvature of nβ·L + γ/2·‖w − θ‖² on a pilot chain")
    }

    /// The rule's ε and the curvature it came from.
    static func step(_ network: Network, data: LLCDataset, base: SGLDOptions, gamma: Double, rule: Rule) -> (Double, Double) {
        let model = MinibatchModel(network)
        let nBeta = base.resolvedNBeta(samples: data.count)
        let batch = base.resolvedBatchSize(samples: data.count)
        var rng = SplitMix64(seed: base.seed ^ 0xCA11_B8A7_E000_0001)
        var work = MinibatchWorkspace(model: model, rows: batch)
        let d = data.inputWidth
        for r in 0..<batch {
            let row = rng.nextInt(in: 0...(data.count - 1))
            for j in 0..<d { work.post[0][r * d + j] = data.inputs[row * d + j] }
        }
        var h = model.curvature(at: model.theta, &work, nBeta: nBeta, gamma: gamma, rng: &rng)
        var epsilon = rule.stepFraction / h
        let chain = { (e: Double) in SGLDChain(model: model, data: data, loss: SquaredLoss(), epsilon: e, gamma: gamma, nBeta: nBeta, batch: batch) }
        let steps = rule.pilotSteps ?? min(20_000, max(200, base.burnIn))
        for _ in 0..<rule.rounds {
            let pilot = chain(epsilon).run(burnIn: steps, draws: 0, seed: rng.next(), keepEvery: max(1, steps / 10))
            if pilot.divergedAt != nil {
                epsilon /= 10
                continue
            }
            for w in pilot.snapshots { h = max(h, model.curvature(at: w, &work, nBeta: nBeta, gamma: gamma, rng: &rng)) }
            let next = rule.stepFraction / h
            if next >= 0.8 * epsilon {
                epsilon = min(epsilon, next)
                break
            }
            epsilon = next
        }
        return (epsilon, h)
    }
}
