import Exact
import LinearAlgebra
import Networks

/// The `.nnet` text format of the ACAS Xu networks (Julian, Kochenderfer and Owen, "Deep
/// neural network compression for aircraft collision avoidance systems", and the format's
/// documentation in the NNet repository).
///
/// Layout, after any header lines starting with `//`, comma-separated values:
///
/// 1. L, inputs, outputs, largest layer size — L is the number of weight layers;
/// 2. the L + 1 layer sizes, input first;
/// 3. a flag (unused, 0);
/// 4. input minima (one per input); 5. input maxima; 6. means (inputs + 1, the last for the
///    output); 7. ranges (inputs + 1);
/// 8. then for each layer: its weight matrix row by row ([out, in]), then its biases.
///
/// Hidden layers are ReLU, the output layer linear. Every number is read **exactly** from its
/// decimal text (`0.1` is 1/10).
///
/// **Normalisation.** The network computes y = f((x − mean)/range) for x clipped to
/// [min, max], and reports y·range_out + mean_out. nnid keeps the file's weights as they are —
/// so parameters, canonical forms and symmetries are those of the network every verification
/// tool reads — and gives it the input domain of the box [min, max] in these normalised
/// coordinates, [(minᵢ − meanᵢ)/rangeᵢ, (maxᵢ − meanᵢ)/rangeᵢ]. The output's affine
/// rescaling changes no identifiability question; means and ranges are kept in the metadata
/// (`nnet.means`, `nnet.ranges`).
public enum NNet {
    /// Whether `bytes` starts like a `.nnet` file: `//` comment lines, or four comma-separated
    /// integers on the first line.
    public static func looksLike(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 4 else { return false }
        if bytes.starts(with: Array("//".utf8)) { return true }
        let line = bytes.prefix(200).prefix { $0 != 0x0A }
        let fields = String(decoding: line, as: UTF8.self).split(separator: ",").map { $0.trimmingCharacters(in: " \t\r") }.filter { !$0.isEmpty }
        return fields.count == 4 && fields.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }
    }

    /// A number of the body with the line it is on.
    struct Token {
        var text: Substring
        var line: Int
    }

    public static func read(_ bytes: [UInt8], file: String, limits: ReadLimits = .default) throws(FormatError) -> Network {
        if let bad = firstInvalidUTF8(bytes) { throw FormatError(file: file, place: "byte \(bad)", message: "a .nnet file is UTF-8 text") }
        var cursor = TokenCursor(tokens: tokens(String(decoding: bytes, as: UTF8.self)), file: file, limits: limits.numbers)
        let header = try (0..<4).map { _ throws(FormatError) in try cursor.count("the header") }
        let layerCount = header[0]
        guard layerCount >= 1, layerCount <= 10_000 else { throw cursor.fail("the number of layers must be 1 to 10000, found \(layerCount)") }
        let sizes = try (0...layerCount).map { _ throws(FormatError) in try cursor.count("the layer sizes") }
        guard sizes.allSatisfy({ $0 >= 1 && $0 <= 1 << 40 }), sizes[0] == header[1], sizes[layerCount] == header[2] else {
            throw cursor.fail("layer sizes \(sizes) must be positive and agree with \(header[1]) inputs and \(header[2]) outputs")
        }
        var parameters = 0
        for l in 1...layerCount {
            let (p, o1) = sizes[l].multipliedReportingOverflow(by: sizes[l - 1] + 1)
            let (sum, o2) = parameters.addingReportingOverflow(p)
            guard !o1, !o2, sum <= limits.maximumParameters else {
                throw FormatError(file: file, message: "the layer sizes \(sizes) need more than \(limits.maximumParameters) parameters (see \(setting: .maximumFileParameters))")
            }
            parameters = sum
        }
        _ = try cursor.number("the flag line")
        let n = sizes[0]
        let mins = try cursor.numbers(n, "input minima"), maxs = try cursor.numbers(n, "input maxima")
        let means = try cursor.numbers(n + 1, "means"), ranges = try cursor.numbers(n + 1, "ranges")
        var layers: [Layer] = []
        for l in 1...layerCount {
            let weights = try cursor.numbers(sizes[l] * sizes[l - 1], "layer \(l) weights")
            let bias = try cursor.numbers(sizes[l], "layer \(l) biases")
            guard let matrix = Matrix(rows: sizes[l], columns: sizes[l - 1], elements: weights) else { throw cursor.fail("layer \(l) weights") }
            layers.append(Layer(activation: l == layerCount ? .identity : .relu, weights: matrix, bias: bias, source: l - 1))
        }
        try cursor.end()
        let domain = try inputDomain(mins: mins, maxs: maxs, means: means, ranges: ranges, file: file)
        let metadata = ["nnet.means": means.map(\.description).joined(separator: ","), "nnet.ranges": ranges.map(\.description).joined(separator: ",")]
        do {
            return try Network(inputCount: n, layers: layers, inputDomain: domain, metadata: metadata)
        } catch {
            throw FormatError(file: file, message: SettingMessage(verbatim: error.description))
        }
    }

    /// The box [min, max] in normalised coordinates (x − mean)/range.
    static func inputDomain(mins: [Rational], maxs: [Rational], means: [Rational], ranges: [Rational], file: String) throws(FormatError) -> InputDomain {
        var lower: [Rational] = [], upper: [Rational] = []
        for i in mins.indices {
            guard ranges[i] > .zero else { throw FormatError(file: file, place: "ranges[\(i)]", message: "the range \(ranges[i]) of input \(i) must be positive") }
            guard mins[i] <= maxs[i] else { throw FormatError(file: file, place: "input \(i)", message: "minimum \(mins[i]) exceeds maximum \(maxs[i])") }
            lower.append((mins[i] - means[i]) / ranges[i])
            upper.append((maxs[i] - means[i]) / ranges[i])
        }
        return .box(lower: lower, upper: upper)
    }

    /// The comma-separated values after the `//` header lines, each with its line number.
    static func tokens(_ text: String) -> [Token] {
        var out: [Token] = []
        for (k, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.hasPrefix("//") { continue }
            for field in line.split(separator: ",") {
                let value = field.drop { " \t\r".contains($0) }
                let end = value.lastIndex { !" \t\r".contains($0) }
                if let end { out.append(Token(text: value[...end], line: k + 1)) }
            }
        }
        return out
    }
}

