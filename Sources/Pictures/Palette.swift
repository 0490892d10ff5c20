import Exact

/// Deterministic colours for pictures.
public enum Palette {
    /// FNV-1a (64-bit) of `bytes`: a hash that is the same in every process (Swift's `Hasher` is
    /// seeded per process and cannot be used for colours that must not change between runs).
    public static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        // Final avalanche (SplitMix64's finaliser), so that patterns differing in one state get
        // far-apart hues.
        h = (h ^ (h >> 30)) &* 0xbf58_476d_1ce4_e5b9
        h = (h ^ (h >> 27)) &* 0x94d0_49bb_1331_11eb
        return h ^ (h >> 31)
    }

    /// A light fill colour for an activation pattern.
    ///
    /// The hue is a sum over the pattern: 200° plus k·137.5° (the golden angle) for each unit k
    /// (counted from 1) on the positive side of its kink, half that for a unit identically 0.
    /// Regions across a kink line differ in one unit (in general position), so neighbours' hues
    /// differ by a fixed angle of that unit, never by 0 — better than random hues, which often
    /// give neighbours the same colour. Lightness and saturation come from a hash of the pattern
    /// (FNV-1a, the same in every process), within a pastel range so that lines and labels stay
    /// legible, and separate patterns whose hue sums coincide.
    public static func fill(forPattern pattern: [UnitState]) -> String {
        var hue = 200.0
        for (k, state) in pattern.enumerated() where state != .negative {
            hue += Double(k + 1) * 137.507_764_050_037_85 * (state == .zero ? 0.5 : 1)
        }
        hue = hue.truncatingRemainder(dividingBy: 360)
        let h = fnv1a(pattern.map { UInt8(bitPattern: $0.rawValue) })
        let saturation = 0.50 + Double(h % 25) / 100
        let lightness = 0.70 + Double((h >> 32) % 12) / 100
        return hex(hue: hue, saturation: saturation, lightness: lightness)
    }

    /// `#rrggbb` for an HSL colour (hue in degrees, saturation and lightness in [0, 1]).
    public static func hex(hue: Double, saturation s: Double, lightness l: Double) -> String {
        let c = (1 - Swift.abs(2 * l - 1)) * s
        let hp = hue / 60
        let x = c * (1 - Swift.abs(hp.truncatingRemainder(dividingBy: 2) - 1))
        let (r1, g1, b1): (Double, Double, Double)
        switch Int(hp) % 6 {
        case 0: (r1, g1, b1) = (c, x, 0)
        case 1: (r1, g1, b1) = (x, c, 0)
        case 2: (r1, g1, b1) = (0, c, x)
        case 3: (r1, g1, b1) = (0, x, c)
        case 4: (r1, g1, b1) = (x, 0, c)
        default: (r1, g1, b1) = (c, 0, x)
        }
        let m = l - c / 2
        let digits = Array("0123456789abcdef")
        var out = "#"
        for v in [r1, g1, b1] {
            let byte = Int(min(max(((v + m) * 255).rounded(), 0), 255))
            out.append(digits[byte / 16])
            out.append(digits[byte % 16])
        }
        return out
    }
}
