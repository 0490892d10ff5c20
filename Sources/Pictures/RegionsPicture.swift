import Exact
import Networks

/// An SVG picture of a two-input network's linear regions.
///
/// Each region is filled with a colour derived from its activation pattern (the same pattern
/// always gets the same colour); each kinked unit's zero set is drawn as a line (solid for layer 1,
/// dashed for deeper layers) labelled with the unit's name; optional sample points are overlaid
/// (a point exactly on a kink is drawn as a red ring); the frame is labelled with the box bounds.
/// Hovering a region in a browser shows its pattern and the exact affine outputs there.
///
/// Drawing is the only place numbers leave exact arithmetic: pixel coordinates are the nearest
/// `Double` to the exact ones, written with two decimals.
public struct RegionsPicture: Sendable {
    public var regions: LinearRegions
    /// Points to overlay; points outside the box are not drawn.
    public var points: [PlanePoint]
    /// The first line of the title (e.g. the network's name).
    public var title: String?
    /// The longer side of the plot area, in pixels.
    public var plotSize: Double

    public init(regions: LinearRegions, points: [PlanePoint] = [], title: String? = nil, plotSize: Double = 520) {
        self.regions = regions
        self.points = points
        self.title = title
        self.plotSize = plotSize
    }

    /// Whether `p` (inside the box) lies exactly on the kink of some unit: its pre-activation,
    /// computed on a region containing p, is 0 there.
    public func isOnKink(_ p: PlanePoint) -> Bool {
        for region in regions.regions where region.polygon.locate(p) != .outside {
            for unit in regions.kinkUnits where region.preActivations[unit.layer][unit.unit](p).isZero { return true }
            return false
        }
        return false
    }

    /// The points inside the closed box.
    var pointsInBox: [PlanePoint] {
        let box = regions.box
        return points.filter { $0.x >= box.x0 && $0.x <= box.x1 && $0.y >= box.y0 && $0.y <= box.y1 }
    }

    /// Stroke styles of kink lines by layer (cycled for deep networks).
    static let layerStyles: [(colour: String, dash: String?)] = [
        ("#1b1b1b", nil), ("#8a1c1c", "7 4"), ("#1c3f8a", "2 3"), ("#1c6b2e", "9 3 2 3"),
    ]

    /// The SVG document.
    public var svg: String {
        let box = regions.box
        let dx = box.x1 - box.x0, dy = box.y1 - box.y0
        // Keep the aspect ratio unless it is extreme (then each axis gets its own scale).
        let ratio = (dy / dx).doubleValue
        let (plotWidth, plotHeight): (Double, Double) =
            ratio > 3 || ratio < 1.0 / 3 ? (plotSize, plotSize) : ratio >= 1 ? (plotSize / ratio, plotSize) : (plotSize, plotSize * ratio)
        let left = 70.0, top = 56.0, right = 28.0
        let layers = Set(regions.crossingKinkLines.map(\.unit.layer)).sorted()
        let bottom = 62.0 + (layers.isEmpty ? 0 : 22)
        var doc = SVGDocument(width: left + plotWidth + right, height: top + plotHeight + bottom)
        let sx = (try? Rational(exactly: plotWidth)) ?? .one, sy = (try? Rational(exactly: plotHeight)) ?? .one
        func pixel(_ p: PlanePoint) -> (Double, Double) {
            (left + ((p.x - box.x0) / dx * sx).doubleValue, top + ((box.y1 - p.y) / dy * sy).doubleValue)
        }

        doc.rect(0, 0, doc.width, doc.height, "fill=\"#ffffff\"")
        // Title.
        let count = regions.regions.count, lines = regions.crossingKinkLines.count
        let summary = "\(count) linear region\(count == 1 ? "" : "s"), \(lines) kink line\(lines == 1 ? "" : "s")"
        doc.text(left, 22, title ?? "Linear regions", "font-size=\"15\" font-weight=\"bold\"")
        doc.text(left, 41, "\(summary) on \(box)", "font-size=\"12\" fill=\"#444444\"")

        // Regions.
        doc.group("stroke-linejoin=\"round\"") { doc in
            for region in regions.regions {
                let fill = Palette.fill(forPattern: region.pattern)
                let outputs = region.outputs.map(\.description).joined(separator: "; ")
                doc.polygon(
                    region.polygon.vertices.map(pixel), "fill=\"\(fill)\" stroke=\"\(fill)\" stroke-width=\"0.6\"",
                    tooltip: "pattern \(region.patternText(kinkUnits: regions.kinkUnits)); output \(outputs)")
            }
        }

        // Kink lines and their labels.
        var labels: [(x: Double, y: Double, text: String, colour: String)] = []
        for line in regions.crossingKinkLines {
            let style = Self.layerStyles[(line.unit.layer - 1) % Self.layerStyles.count]
            let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
            doc.group("stroke=\"\(style.colour)\" stroke-width=\"1.6\" stroke-linecap=\"round\"\(dash)") { doc in
                for s in line.segments {
                    let (x1, y1) = pixel(s.start), (x2, y2) = pixel(s.end)
                    doc.line(x1, y1, x2, y2)
                }
            }
            // Label on the longest segment, at a position that differs between units of a layer.
            guard let longest = line.segments.max(by: { $0.squaredLength < $1.squaredLength }) else { continue }
            let t = Rational(line.unit.unit % 5 + 1, 6)
            let at = PlanePoint(longest.start.x + t * (longest.end.x - longest.start.x), longest.start.y + t * (longest.end.y - longest.start.y))
            let (x, y) = pixel(at)
            labels.append((x, y, line.unit.description, style.colour))
        }
        doc.group("font-size=\"11\" text-anchor=\"middle\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\" stroke-linejoin=\"round\"") { doc in
            for label in labels {
                let x = min(max(label.x, left + 38), left + plotWidth - 38)
                let y = min(max(label.y - 4, top + 12), top + plotHeight - 4)
                doc.text(x, y, label.text, "fill=\"\(label.colour)\"")
            }
        }

        // Sample points.
        let shown = pointsInBox
        if !shown.isEmpty {
            doc.group("stroke-width=\"1\"") { doc in
                for p in shown {
                    let (x, y) = pixel(p)
                    if isOnKink(p) {
                        doc.circle(x, y, 3.5, "fill=\"none\" stroke=\"#d00000\" stroke-width=\"1.6\"")
                    } else {
                        doc.circle(x, y, 2.4, "fill=\"#111111\" stroke=\"#ffffff\"")
                    }
                }
            }
        }

        // Frame and axes: the box bounds, exactly as given.
        doc.rect(left, top, plotWidth, plotHeight, "fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"")
        doc.group("font-size=\"11\" fill=\"#333333\"") { doc in
            let base = top + plotHeight
            doc.line(left, base, left, base + 5, "stroke=\"#333333\"")
            doc.line(left + plotWidth, base, left + plotWidth, base + 5, "stroke=\"#333333\"")
            doc.line(left - 5, top, left, top, "stroke=\"#333333\"")
            doc.line(left - 5, base, left, base, "stroke=\"#333333\"")
            doc.text(left, base + 17, box.x0.description, "text-anchor=\"middle\"")
            doc.text(left + plotWidth, base + 17, box.x1.description, "text-anchor=\"middle\"")
            doc.text(left - 8, base + 4, box.y0.description, "text-anchor=\"end\"")
            doc.text(left - 8, top + 4, box.y1.description, "text-anchor=\"end\"")
            doc.text(left + plotWidth / 2, base + 20, "x₁ (layer0.unit0)", "text-anchor=\"middle\" font-size=\"12\"")
            doc.text(
                left - 14, top + plotHeight / 2, "x₂ (layer0.unit1)",
                "text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 \(SVGDocument.number(left - 14)) \(SVGDocument.number(top + plotHeight / 2)))\"")
        }

        // Legend: line style per layer.
        if !layers.isEmpty {
            let y = top + plotHeight + 48
            var x = left
            doc.group("font-size=\"11\" fill=\"#333333\"") { doc in
                for l in layers {
                    let style = Self.layerStyles[(l - 1) % Self.layerStyles.count]
                    let dash = style.dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
                    doc.line(x, y - 4, x + 28, y - 4, "stroke=\"\(style.colour)\" stroke-width=\"1.6\"\(dash)")
                    doc.text(x + 34, y, "kinks of layer \(l)")
                    x += 130
                }
                if !shown.isEmpty {
                    doc.circle(x + 4, y - 4, 2.4, "fill=\"#111111\" stroke=\"#ffffff\"")
                    doc.text(x + 12, y, "sample point")
                    doc.circle(x + 100, y - 4, 3.5, "fill=\"none\" stroke=\"#d00000\" stroke-width=\"1.6\"")
                    doc.text(x + 108, y, "on a kink")
                }
            }
        }
        return doc.text
    }
}
