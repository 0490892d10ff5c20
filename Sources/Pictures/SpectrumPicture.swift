/// An SVG picture of a singular-value spectrum (e.g. of a Jacobian), on a logarithmic scale.
///
/// Singular values σ₁ ≥ σ₂ ≥ … are drawn as stems with dots at their index; the first `rank` are
/// the kept ones (dark blue), the rest the dropped ones (grey). A dashed horizontal line marks
/// the tolerance τ, a vertical line the rank cut between σ_r and σ_{r+1}. The title gives the rank
/// and the gap ratio σ_r / σ_{r+1} (absent when r = 0 or r = the number of values; infinite when
/// σ_{r+1} = 0). Values that are exactly 0 cannot be placed on a log scale: they are drawn as open
/// rings on the bottom edge, labelled `0`.
///
/// The numbers here are `Double`s because the mathematics is numeric: the spectrum of a
/// floating-point matrix.
public struct SpectrumPicture: Sendable {
    /// The singular values, largest first.
    public let singularValues: [Double]
    public let tolerance: Double
    public let rank: Int
    public let title: String

    /// - Throws: ``PictureError/invalidSpectrum(_:)`` for a negative or non-finite value or
    ///   tolerance, or a rank outside 0 … count. The values are sorted largest first.
    public init(singularValues: [Double], tolerance: Double, rank: Int, title: String) throws(PictureError) {
        for (i, s) in singularValues.enumerated() where !(s.isFinite && s >= 0) {
            throw .invalidSpectrum("singular value \(i + 1) is \(s); singular values are finite and nonnegative")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidSpectrum("the tolerance is \(tolerance); it must be finite and nonnegative")
        }
        guard (0...singularValues.count).contains(rank) else {
            throw .invalidSpectrum("rank \(rank) is outside 0 … \(singularValues.count) (the number of singular values)")
        }
        self.singularValues = singularValues.sorted(by: >)
        self.tolerance = tolerance
        self.rank = rank
        self.title = title
    }

    /// σ_r / σ_{r+1}: `nil` when r = 0 or r = count; `.infinity` when σ_{r+1} = 0.
    public var gapRatio: Double? {
        guard rank > 0, rank < singularValues.count else { return nil }
        let below = singularValues[rank]
        return below == 0 ? .infinity : singularValues[rank - 1] / below
    }

    /// `rank 7 of 9 singular values; gap ratio σ7/σ8 = 1.42e+15` (or why there is no gap).
    public var rankLine: String {
        let n = singularValues.count
        let head = "rank \(rank) of \(n) singular value\(n == 1 ? "" : "s")"
        if n == 0 { return head }
        if rank == n { return head + " (full rank: no cut to measure)" }
        if rank == 0 { return head + " (all at or below the tolerance)" }
        let gap = gapRatio.map { $0.isInfinite ? "∞ (σ\(rank + 1) = 0)" : SVGDocument.scientific($0) } ?? ""
        return head + "; gap ratio σ\(rank)/σ\(rank + 1) = " + gap
    }

    /// The SVG document.
    public var svg: String {
        let n = singularValues.count
        let left = 72.0, right = 24.0, top = 58.0, bottom = 52.0
        let plotWidth = max(520.0, min(900.0, Double(n) * 14)), plotHeight = 300.0
        var doc = SVGDocument(width: left + plotWidth + right, height: top + plotHeight + bottom)
        doc.rect(0, 0, doc.width, doc.height, "fill=\"#ffffff\"")

        // Decades spanned: every positive value and the tolerance, at least one decade.
        let positive = singularValues.filter { $0 > 0 } + (tolerance > 0 ? [tolerance] : [])
        var low = positive.map(SVGDocument.log10Floor).min() ?? -1
        var high = (positive.max().map { v -> Int in
            let e = SVGDocument.log10Floor(v)
            return SVGDocument.power10(e) < v ? e + 1 : e
        }) ?? 1
        if high <= low { high = low + 1 }
        let hasZero = singularValues.contains(0)
        if hasZero { low -= 1 }  // a spare decade at the bottom for the zeros
        func yPixel(_ v: Double) -> Double {
            guard v > 0 else { return top + plotHeight }
            let e = Double(SVGDocument.log10Floor(v))
            let fraction = log10Fraction(v / SVGDocument.power10(Int(e)))
            let position = (e + fraction - Double(low)) / Double(high - low)
            return top + plotHeight * (1 - min(max(position, 0), 1))
        }
        let step = n > 0 ? plotWidth / Double(n) : plotWidth
        func xPixel(_ index: Int) -> Double { left + step * (Double(index) + 0.5) }

        // Title and the rank line.
        doc.text(left, 22, title, "font-size=\"15\" font-weight=\"bold\"")
        doc.text(left, 41, rankLine, "font-size=\"12\" fill=\"#444444\"")

        // Decade grid.
        doc.group("font-size=\"10\" fill=\"#555555\"") { doc in
            var skip = 1
            while (high - low) / skip > 10 { skip += 1 }
            for e in low...high where (e - low) % skip == 0 {
                let y = top + plotHeight * (1 - Double(e - low) / Double(high - low))
                doc.line(left, y, left + plotWidth, y, "stroke=\"#e4e4e4\" stroke-width=\"1\"")
                doc.text(left - 6, y + 3.5, hasZero && e == low ? "0" : "1e\(e)", "text-anchor=\"end\"")
            }
        }

        // Tolerance line.
        if tolerance > 0 {
            let y = yPixel(tolerance)
            doc.line(left, y, left + plotWidth, y, "stroke=\"#c05000\" stroke-width=\"1.2\" stroke-dasharray=\"6 4\"")
            doc.text(left + plotWidth - 4, y - 5, "tolerance \(SVGDocument.scientific(tolerance))", "font-size=\"11\" fill=\"#c05000\" text-anchor=\"end\"")
        }

        // Rank cut.
        if rank > 0 && rank < n {
            let x = left + step * Double(rank)
            doc.line(x, top, x, top + plotHeight, "stroke=\"#7a1fa2\" stroke-width=\"1.4\" stroke-dasharray=\"3 3\"")
            doc.text(x + 4, top + 13, "rank \(rank)", "font-size=\"11\" fill=\"#7a1fa2\"")
        }

        // Stems and dots.
        let radius = max(1.2, min(3.5, step / 3))
        doc.group("stroke-width=\"1.2\"") { doc in
            for (i, v) in singularValues.enumerated() {
                let kept = i < rank
                let colour = kept ? "#1f4e9a" : "#8c8c8c"
                let x = xPixel(i), y = yPixel(v)
                if v > 0 {
                    doc.line(x, top + plotHeight, x, y, "stroke=\"\(colour)\" stroke-opacity=\"0.45\"")
                    doc.circle(x, y, radius, "fill=\"\(colour)\" stroke=\"none\"")
                } else {
                    doc.circle(x, y, radius, "fill=\"#ffffff\" stroke=\"\(colour)\"")
                }
            }
        }

        // Frame and index axis.
        doc.rect(left, top, plotWidth, plotHeight, "fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"")
        doc.group("font-size=\"10\" fill=\"#555555\" text-anchor=\"middle\"") { doc in
            var skip = 1
            while n / skip > 20 { skip = skip < 5 ? skip + 1 : skip * 2 }
            for i in 0..<n where (i + 1) % skip == 0 || i == 0 {
                doc.text(xPixel(i), top + plotHeight + 14, String(i + 1))
            }
        }
        doc.text(left + plotWidth / 2, top + plotHeight + 36, "index i of σᵢ (largest first)", "font-size=\"12\" fill=\"#333333\" text-anchor=\"middle\"")
        return doc.text
    }
}

/// log₁₀ m for m in [1, 10), by the series of ln through atanh (no libm, so the same on every
/// platform): ln m = 2·atanh((m − 1)/(m + 1)).
func log10Fraction(_ m: Double) -> Double {
    let t = (m - 1) / (m + 1), t2 = t * t
    var term = t, sum = 0.0
    var k = 1.0
    while k < 200 {
        sum += term / k
        term *= t2
        k += 2
    }
    return 2 * sum / 2.302585092994045684
}
