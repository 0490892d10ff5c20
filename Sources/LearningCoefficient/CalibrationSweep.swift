import Exact
import Networks
import Pictures
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// λ̂ against ε for a few γ: the calibration plot, drawn as SVG.
///
/// For γ ∈ {γ₀/10, γ₀, 10·γ₀} (γ₀ the rule's) and ε = ε₀·2^k, k = −3 … 3 (ε₀ the rule's for that
/// γ), a short estimate (the base options with a quarter of the draws and burn-in, at least 200
/// and 100) gives λ̂ ± std over chains; diverged runs are drawn as crosses at the top. The
/// rule's own ε is ringed on each curve, and the certified interval, when known, is shaded.
public struct CalibrationSweep: Sendable {
    public struct Point: Sendable {
        public let epsilon: Double
        public let estimate: Double
        public let spread: Double
        public let diverged: Bool
    }
    public struct Curve: Sendable {
        public let gamma: Double
        public let ruleEpsilon: Double
        public let points: [Point]
    }
    public let curves: [Curve]
    public let interval: (lower: Double, upper: Double)?
    public let proven: Double?
    public let title: String

    /// Runs the sweep.
    public static func run(
        _ network: Network, data: LLCDataset, base: SGLDOptions, gamma: Double, interval: (lower: Double, upper: Double)?,
        proven: Double?, title: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(LLCError) -> CalibrationSweep {
        var short = base
        short.draws = max(200, base.draws / 4)
        short.burnIn = max(100, base.burnIn / 4)
        var curves: [Curve] = []
        let gammas = [gamma / 10, gamma, gamma * 10]
        var done = 0
        let total = gammas.count * 7
        for g in gammas {
            let rule = try Calibration.choose(network, data: data, base: short, gamma: g)
            var points: [Point] = []
            for k in -3...3 {
                var options = short
                options.gamma = g
                options.epsilon = rule.epsilon * pow(2, Double(k))
                let estimate = try LocalLearningCoefficient.estimate(network, data: data, options: options)
                points.append(Point(
                    epsilon: options.epsilon, estimate: estimate.mean, spread: estimate.standardDeviation,
                    diverged: !estimate.diagnostics.diverged.isEmpty))
                done += 1
                progress?(done, total)
            }
            curves.append(Curve(gamma: g, ruleEpsilon: rule.epsilon, points: points))
        }
        return CalibrationSweep(curves: curves, interval: interval, proven: proven, title: title)
    }

    /// The picture: log ε across, λ̂ up.
    public var svg: String {
        let width = 640.0, height = 420.0, left = 70.0, right = 150.0, top = 40.0, bottom = 60.0
        var doc = SVGDocument(width: width, height: height)
        let all = curves.flatMap(\.points)
        let logs = all.map { log10($0.epsilon) }
        let x0 = (logs.min() ?? -6) - 0.1, x1 = (logs.max() ?? -4) + 0.1
        let finite = all.filter { !$0.diverged && $0.estimate.isFinite }.flatMap { [$0.estimate - $0.spread, $0.estimate + $0.spread] }
        let extra = [interval?.lower, interval?.upper, proven].compactMap { $0 }
        var y0 = min(0, (finite + extra).min() ?? 0), y1 = (finite + extra).max() ?? 1
        if y1 <= y0 { y1 = y0 + 1 }
        y1 += 0.08 * (y1 - y0)
        y0 = min(y0, 0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func px(_ e: Double) -> Double { left + (log10(e) - x0) / (x1 - x0) * plotWidth }
        func py(_ v: Double) -> Double { top + (1 - (v - y0) / (y1 - y0)) * plotHeight }
        doc.rect(0, 0, width, height, "fill=\"white\"")
        doc.text(left, 24, title, "font-size=\"14\"")
        if let interval {
            doc.rect(left, py(interval.upper), plotWidth, max(1, py(interval.lower) - py(interval.upper)), "fill=\"#e8f0e8\"")
            doc.text(width - right + 6, py(interval.upper) + 4, "certified interval", "font-size=\"10\" fill=\"#4a7a4a\"")
        }
        if let proven {
            doc.line(left, py(proven), left + plotWidth, py(proven), "stroke=\"#333\" stroke-dasharray=\"5,4\"")
            doc.text(width - right + 6, py(proven) + 4, "proven λ = \(fixed(proven, 3))", "font-size=\"10\"")
        }
        doc.rect(left, top, plotWidth, plotHeight, "fill=\"none\" stroke=\"#888\"")
        for k in Int(ceil(x0))...Int(floor(x1)) {
            let x = left + (Double(k) - x0) / (x1 - x0) * plotWidth
            doc.line(x, top + plotHeight, x, top + plotHeight + 5, "stroke=\"#888\"")
            doc.text(x - 14, top + plotHeight + 18, "1e\(k)", "font-size=\"10\"")
        }
        for k in 0...4 {
            let v = y0 + Double(k) / 4 * (y1 - y0)
            doc.line(left - 5, py(v), left, py(v), "stroke=\"#888\"")
            doc.text(8, py(v) + 4, fixed(v, 2), "font-size=\"10\"")
        }
        doc.text(left + plotWidth / 2 - 20, height - 18, "step size ε", "font-size=\"12\"")
        doc.text(8, top - 8, "λ̂ ± std", "font-size=\"12\"")
        let colours = ["#1f77b4", "#d62728", "#2ca02c"]
        for (c, curve) in curves.enumerated() {
            let colour = colours[c % colours.count]
            let good = curve.points.filter { !$0.diverged && $0.estimate.isFinite }
            for (a, b) in zip(good, good.dropFirst()) {
                doc.line(px(a.epsilon), py(a.estimate), px(b.epsilon), py(b.estimate), "stroke=\"\(colour)\" stroke-width=\"1.5\"")
            }
            for p in curve.points {
                if p.diverged || !p.estimate.isFinite {
                    let x = px(p.epsilon), y = top + 8
                    doc.line(x - 4, y - 4, x + 4, y + 4, "stroke=\"\(colour)\"")
                    doc.line(x - 4, y + 4, x + 4, y - 4, "stroke=\"\(colour)\"")
                    continue
                }
                doc.line(px(p.epsilon), py(p.estimate - p.spread), px(p.epsilon), py(p.estimate + p.spread), "stroke=\"\(colour)\" stroke-opacity=\"0.5\"")
                doc.circle(px(p.epsilon), py(p.estimate), 3, "fill=\"\(colour)\"")
            }
            if let chosen = curve.points.first(where: { Swift.abs($0.epsilon - curve.ruleEpsilon) <= 1e-12 * curve.ruleEpsilon }), !chosen.diverged {
                doc.circle(px(chosen.epsilon), py(chosen.estimate), 7, "fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"")
            }
            doc.text(width - right + 6, top + 40 + Double(c) * 16, "γ = \(scientific(curve.gamma))", "font-size=\"11\" fill=\"\(colour)\"")
        }
        doc.text(width - right + 6, top + 96, "ringed: the rule's ε", "font-size=\"10\"")
        doc.text(width - right + 6, top + 110, "×: diverged", "font-size=\"10\"")
        return doc.text
    }
}
