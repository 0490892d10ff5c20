import Exact
import Networks

/// Settings of a rank analysis. Every field has a default that suits a first look; the CLI maps
/// `--points`, `--seed`, `--tolerance` and `--exact/--no-exact` onto them.
public struct RankOptions: Sendable, Equatable {
    /// How the exact rank is used for piecewise-linear networks.
    public enum ExactMode: Sendable, Equatable {
        /// Exact rank when the network is piecewise linear and has at most ``exactParameterLimit`` parameters.
        case automatic
        /// Exact rank whenever the network is piecewise linear, whatever its size.
        case always
        /// Numeric rank only.
        case never
    }

    /// The number of random points; `nil` chooses it: ⌈B / outputs⌉ + extra points, where
    /// B = P − rank(symmetry tangents) is the rank bound the known symmetries allow; for networks
    /// with kinks a cluster of points on both sides of every unit's kink joins the first batch;
    /// then the batch grows until the rank stops changing. A fixed count switches growth off
    /// (points are still added for units the batch sees on one side only).
    public var points: Int?
    /// Seed of the ``SplitMix64`` generator that draws every sample point.
    public var seed: UInt64
    /// Where inputs are drawn from; `nil` uses the network's own ``Network/inputDomain``, and
    /// when that is absent too, the box [−1, 1]ⁿ.
    public var domain: InputDomain?
    /// The singular-value cut; `nil` uses numpy's `matrix_rank` default σ_max · max(m, n) · ε.
    public var tolerance: Double?
    public var exact: ExactMode
    /// Largest P for which ``ExactMode/automatic`` computes the exact rank.
    public var exactParameterLimit: Int
    /// Points of slack beyond ⌈B / outputs⌉ in the first batch; `nil` for max(4, ⌈B / (4·outputs)⌉).
    /// The slack lets a generic network reach its rank bound in one round, so the common case
    /// costs one SVD (a second would be needed to see the rank stop changing).
    public var extraPoints: Int?
    /// The batch never grows beyond this many points.
    public var maximumPoints: Int
    /// The batch stops growing once this many seconds have passed since the analysis started
    /// (checked between chunks of Jacobian rows; the batch keeps the points read). `nil`: no time budget, the point
    /// budget still ends the growth. Must be finite and in (0, 10⁷] when set.
    public var maximumSeconds: Double? = nil
    /// How the Jacobian is factored: block QR of the whole batch, streaming row selection, or
    /// (default) QR up to ``FactorizationMethod/automaticStreamingThreshold`` parameters and streaming above.
    public var factorization: FactorizationMethod = .auto
    /// Every singular value of the matrix the rank is read from, even for the streaming engine,
    /// which otherwise computes only those the cut needs (σ₁ and the smallest ones up to three
    /// above τ; ``NumericRank/skipped``). `nnid plot spectrum` draws them all. Default `false`.
    public var fullSpectrum = false
    /// Growth stops (a budget: the bracket's directions stay undetermined) after a round whose
    /// rank rose by less than this many per point it added. Default 1/100: a deep ReLU network
    /// whose last directions sit in regions of probability 10⁻⁴ otherwise spends its whole point
    /// budget buying a rank per thousand points. 0 switches it off; at most 1.
    public var minimumRankGain: Double = 0.01
    /// Set by someone else (a signal handler) to stop the growth early; `nil`: never interrupted.
    public var interruption: RankInterruption? = nil
    /// The largest P analysed. Default: the largest P whose memory plan (``MemoryPlan``: 60·P²
    /// bytes up to P = 2,000, 32·P² + 128 MiB up to 8,000, 16·P² + 128 MiB above) fits in three quarters of this machine's memory — 34,634 with 24 GiB. A
    /// larger network is refused up front with the memory it would need and the machine's,
    /// instead of exhausting the machine.
    public var maximumParameters: Int
    /// A cut σ_r / σ_{r+1} below this ratio makes the numeric rank *ambiguous* (see
    /// ``NumericRank/isAmbiguous``; at full rank σ_r/τ, at rank 0 τ/σ₁). Default 10³: a rank exact
    /// in real arithmetic leaves σ_{r+1} at round-off, many orders below σ_r. Must be finite and
    /// in (1, 10¹⁵] (``validAmbiguityRatios``): at 1 or below every cut would be clear, and above
    /// 10¹⁵ — the whole range from σ₁ to Double's round-off — none could be.
    public var ambiguityRatio: Double
    /// The ambiguity ratios an analysis accepts: (1, 10¹⁵].
    public static let validAmbiguityRatios: ClosedRange<Double> = 1.0.nextUp...1e15

    /// Lines walked exactly through the domain's support for piecewise-linear networks with
    /// kinks (default 8; 0 switches the walk off). Each walk lists every activation region the
    /// line crosses, however small its probability, and regions the batch has not seen get
    /// points (see `Sampler+Regions.swift`).
    public var lineWalks: Int
    /// How messages of the analysis name the settings they recommend (``OptionNames``).
    public var optionNames = OptionNames()

    public init(
        points: Int? = nil, seed: UInt64 = 0x6E6E_6964, domain: InputDomain? = nil, tolerance: Double? = nil,
        exact: ExactMode = .automatic, exactParameterLimit: Int = 1_500, extraPoints: Int? = nil,
        maximumPoints: Int = 100_000, ambiguityRatio: Double = 1e3,
        maximumParameters: Int = MemoryPlan.defaultParameterLimit(), lineWalks: Int = 8
    ) {
        self.lineWalks = lineWalks
        self.maximumParameters = maximumParameters
        self.points = points
        self.seed = seed
        self.domain = domain
        self.tolerance = tolerance
        self.exact = exact
        self.exactParameterLimit = exactParameterLimit
        self.extraPoints = extraPoints
        self.maximumPoints = maximumPoints
        self.ambiguityRatio = ambiguityRatio
    }
}
