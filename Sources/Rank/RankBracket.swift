/// What the evidence supports about the functional dimension d (the largest rank of a batch
/// Jacobian over batches in the domain): **seen ≤ d ≤ bound**.
///
/// - seen: the rank of this batch's Jacobian. Adding points adds rows, which cannot lower a
///   rank, so every batch's rank is a lower bound on d.
/// - bound: P minus the dimension of the span of the symmetry tangents of scope `.function`
///   (rescalings, GL motions, free parameters of removable units). They are symmetries of the
///   function itself, hence in the kernel of every batch Jacobian, so no batch exceeds it.
///
/// The bracket is **decided** when seen = bound. Otherwise its bound − seen directions are
/// **undetermined** — more points could raise the rank, and the verdict must not be
/// "identifiable" nor claim a hidden degeneracy (finding NNID009) — when growth stopped on a
/// budget or an interruption (``GrowthStop/isBudget``), or when the batch's kernel does not
/// settle them (``unsettled``, see ``unsettledReason(stop:piecewiseLinear:kinks:exact:searched:ambiguous:)``).
/// Otherwise the directions are reported as the batch's (explained on the batch, or hidden).
public struct RankBracket: Sendable, Equatable {
    public let seen: Int
    public let bound: Int
    public let stop: GrowthStop
    /// Points and Jacobian rows when growth stopped.
    public let points: Int
    public let rows: Int
    /// Why the batch's kernel does not settle its unexplained directions although growth stopped
    /// without a budget; `nil` when it does.
    public let unsettled: String?

    public init(seen: Int, bound: Int, stop: GrowthStop, points: Int, rows: Int, unsettled: String? = nil) {
        self.seen = seen
        self.bound = max(seen, bound)
        self.stop = stop
        self.points = points
        self.rows = rows
        self.unsettled = stop.isBudget ? nil : unsettled
    }

    public var isDecided: Bool { seen == bound }
    /// Directions neither seen in the rank nor excluded by a symmetry of the function, when the
    /// growth stopped on a budget or the kernel does not settle them; 0 otherwise.
    public var undetermined: Int { stop.isBudget || unsettled != nil ? bound - seen : 0 }

    /// When a batch whose growth stopped on `stop` (not a budget) may call its unexplained null
    /// directions a degeneracy of the function on the domain, and why not otherwise:
    ///
    /// - **Analytic activations** (or piecewise-linear ones without kinks): the rank of J at N
    ///   random points is, with probability one, the largest over all batches of N points (the
    ///   points where an analytic map's rank drops form a proper analytic subset, of measure
    ///   zero), so a stable rank with an **unambiguous** numeric cut settles the kernel.
    /// - **Activations with kinks**: the map is analytic only region by region, and a region of
    ///   small probability can hold the missing rows. The kernel is settled only when it is
    ///   **exact** (a numeric null vector is not evidence of an exact one) and the last growth
    ///   round **searched** for points where the null directions move (the directed search of
    ///   ``Sampler``) and the rank still did not grow.
    ///
    /// Whatever the stop, a row selection whose rank (`selected`) exceeds the rank read from the
    /// selected rows' spectrum (`spectral`) leaves the cut in doubt.
    public static func unsettledReason(
        stop: GrowthStop, piecewiseLinear: Bool, kinks: Bool, exact: Bool, searched: Bool, ambiguous: Bool,
        selected: Int? = nil, spectral: Int? = nil
    ) -> String? {
        guard !stop.isBudget else { return nil }
        if let selected, let spectral, spectral < selected, !exact {
            return "the spectrum of the \(selected) selected rows puts the cut at \(spectral)"
        }
        guard stop != .fullRank, stop != .reachedBound else { return nil }
        if piecewiseLinear && kinks {
            if !exact { return "the batch's kernel is numeric, not exact" }
            if !searched { return "no search for points where the null directions move ran" }
            return nil
        }
        return ambiguous && !exact ? "the numeric cut is ambiguous" : nil
    }
}
