import Exact

/// A minimal SVG writer: elements are appended as text, numbers are written with a fixed number
/// of decimals, so the same picture always gives byte-identical output (no plotting library, no
/// locale, no hash seeds).
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var body: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends raw SVG markup (the caller escapes text with ``SVGDocument/escape(_:)``).
    public mutating func append(_ markup: String) { body.append(markup) }

    /// `<g attributes>` … `</g>` around what `content` appends.
    public mutating func group(_ attributes: String, _ content: (inout SVGDocument) -> Void) {
        body.append("<g \(attributes)>")
        content(&self)
        body.append("</g>")
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: String = "") {
        body.append("<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" y2=\"\(Self.number(y2))\"\(Self.attributes(attributes))/>")
    }

    public mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ attributes: String = "") {
        body.append("<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\"\(Self.attributes(attributes))/>")
    }

    public mutating func circle(_ cx: Double, _ cy: Double, _ r: Double, _ attributes: String = "") {
        body.append("<circle cx=\"\(Self.number(cx))\" cy=\"\(Self.number(cy))\" r=\"\(Self.number(r))\"\(Self.attributes(attributes))/>")
    }

    /// A polygon; `tooltip`, when given, becomes its `<title>` (shown on hover by browsers).
    public mutating func polygon(_ points: [(Double, Double)], _ attributes: String = "", tooltip: String? = nil) {
        let list = points.map { "\(Self.number($0.0)),\(Self.number($0.1))" }.joined(separator: " ")
        if let tooltip {
            body.append("<polygon points=\"\(list)\"\(Self.attributes(attributes))><title>\(Self.escape(tooltip))</title></polygon>")
        } else {
            body.append("<polygon points=\"\(list)\"\(Self.attributes(attributes))/>")
        }
    }

    /// Text at (x, y); `content` is escaped here.
    public mutating func text(_ x: Double, _ y: Double, _ content: String, _ attributes: String = "") {
        body.append("<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\"\(Self.attributes(attributes))>\(Self.escape(content))</text>")
    }

    /// The whole document.
    public var text: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.number(width))\" height=\"\(Self.number(height))\" "
        out += "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n"
        for element in body { out += element + "\n" }
        out += "</svg>\n"
        return out
    }

    private static func attributes(_ a: String) -> String { a.isEmpty ? "" : " " + a }

    /// `x` with at most `decimals` decimals (rounded half to even on its exact value by
    /// ``DecimalText``, trailing zeros dropped, no `-0`). Coordinates beyond ±10¹² are clamped
    /// there; non-finite values are written as 0.
    public static func number(_ x: Double, decimals: Int = 2) -> String {
        guard x.isFinite else { return "0" }
        return DecimalText.fixed(min(max(x, -1e12), 1e12), decimals: decimals, tie: .toEven, trimZeros: true)
    }

    /// `x` in scientific notation with at most `digits` decimals in the mantissa (`1.25e-13`,
    /// `3e+2`, `0`), rounded half to even on its exact value.
    public static func scientific(_ x: Double, digits: Int = 2) -> String {
        DecimalText.scientific(x, digits: digits, tie: .toEven, trimZeros: true)
    }

    /// ⌊log₁₀ x⌋ for x > 0 by repeated scaling (no libm, so the same on every platform; a value
    /// within round-off of a power of ten may land on either side).
    static func log10Floor(_ x: Double) -> Int {
        var e = 0
        var v = x
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }

    /// 10^e as a `Double`.
    static func power10(_ e: Int) -> Double {
        var p = 1.0
        if e >= 0 { for _ in 0..<e { p *= 10 } } else { for _ in 0..<(-e) { p /= 10 } }
        return p
    }

    /// Text with `&`, `<`, `>` and `"` escaped for XML, and control characters that XML 1.0
    /// forbids (below U+0020 except tab, newline, carriage return) replaced by U+FFFD.
    public static func escape(_ s: String) -> String {
        s.replacingScalars(["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;"]) { u in
            let forbidden = u.value < 0x20 && u != "\t" && u != "\n" && u != "\r" || u.value == 0xFFFE || u.value == 0xFFFF
            return forbidden ? "\u{FFFD}" : nil
        }
    }
}
