import Exact
import Networks

/// The analytic analogue of the rare sides: points where each tanh-form unit is neither
/// saturated nor nearly linear.
///
/// For act(z) = α + β·tanh(γz) the Jacobian columns of a unit's incoming parameters carry the
/// factor act′(z) = βγ·sech²(γz), which is below 10⁻¹⁵ of its peak once |γz| > 18: at points
/// where a unit saturates, those columns vanish in floating point and the numeric rank misses
/// directions the function has. Near z = 0 the unit is nearly linear (tanh(u) = u − u³/3 + …),
/// and a batch that sees it only there tells it from a linear unit only through small cubic
/// terms. A unit with large incoming weights is informative only on a thin slab around its
/// level set z = 0, which random points rarely hit. This step counts, for every hidden tanh-form
/// unit, the batch points with |γz| in ``band``, and tops a unit with fewer than 2·(fan-in + 1)
/// of them up with a hit-and-run chain confined to that band (``walk(unit:inside:from:steps:origin:)``),
/// started from a batch point in the band or, when there is none, from the point a few Newton
/// steps on z reach from the batch point nearest the band.
extension Sampler {
    /// |γz| in this range: sech²(γz) between 0.01 and 0.98 — not saturated, not nearly linear.
    static let band: ClosedRange<Double> = 0.15...3

    /// Tops up every hidden tanh-form unit seen at too few points of its band; at most `budget`
    /// points in all. Returns the number added, and whether the budget ran out before every unit
    /// was served.
    @discardableResult
    mutating func addPointsInUnsaturatedBands(budget: Int) throws(RankError) -> (added: Int, capped: Bool) {
        let units = network.layers.dropLast().enumerated().flatMap { index, layer in
            layer.activation.tanhForm.map { form in (0..<layer.units).map { (UnitID(layer: index + 1, unit: $0), form.inner.doubleValue) } } ?? []
        }
        guard !units.isEmpty, !batch.points.isEmpty else { return (0, false) }
        var pre: [[[Double]]] = []
        for x in batch.numericPoints {
            do { pre.append(try numeric.forward(x).pre) } catch { throw .network(error) }
        }
        var added = 0
        for (unit, gamma) in units {
            let inBand: (Double) -> Bool = { Self.band.contains(Swift.abs(gamma * $0)) }
            let values = pre.map { $0[unit.layer][unit.unit] }
            let count = values.filter(inBand).count
            let target = rareSideTarget(unit)
            guard count < target else { continue }
            guard added < budget else { return (added, true) }
            let start: [Double]
            if let p = values.firstIndex(where: inBand) {
                start = batch.numericPoints[p]
            } else {
                guard let nearest = values.indices.min(by: { Swift.abs(values[$0]) < Swift.abs(values[$1]) }),
                    let found = searchBand(unit: unit, gamma: gamma, from: batch.numericPoints[nearest], inside: inBand)
                else { continue }
                start = found
            }
            added += try walk(unit: unit, inside: inBand, from: start, steps: Swift.min(target - count, budget - added), origin: .unsaturated(unit))
        }
        return (added, false)
    }

    /// Newton steps on z_unit(x) towards γz = ±1 (the sign of z at `x0`) inside the search box; the
    /// point once it is in the band, else `nil`.
    private func searchBand(unit: UnitID, gamma: Double, from x0: [Double], inside: (Double) -> Bool) -> [Double]? {
        var x = x0
        for _ in 0..<20 {
            let (z, g) = preActivation(unit, x)
            if inside(z) { return x }
            let norm2 = g.reduce(0) { $0 + $1 * $1 }
            guard norm2 > 0, gamma != 0 else { return nil }
            let goal = (z < 0 ? -1.0 : 1.0) / Swift.abs(gamma)
            let step = (goal - z) / norm2
            x = domain.clamped((0..<x.count).map { x[$0] + step * g[$0] })
        }
        return inside(preActivationValue(unit, x)) ? x : nil
    }
}
