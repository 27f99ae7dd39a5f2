#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

/// An opaque sRGB colour with 8-bit channels, written to SVG as `#rrggbb`.
public struct Color: Hashable, Sendable, CustomStringConvertible {
    /// Red channel, 0–255.
    public var red: UInt8
    /// Green channel, 0–255.
    public var green: UInt8
    /// Blue channel, 0–255.
    public var blue: UInt8

    /// A colour from its three 8-bit sRGB channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// A colour from a packed `0xRRGGBB` literal, e.g. `Color(0x009988)`.
    public init(_ rgb: UInt32) {
        self.red = UInt8((rgb >> 16) & 0xFF)
        self.green = UInt8((rgb >> 8) & 0xFF)
        self.blue = UInt8(rgb & 0xFF)
    }

    /// Parses `#rrggbb`, `rrggbb` or the short `#rgb`; `nil` for anything else.
    public init?(hex: String) {
        var s = Substring(hex)
        if s.hasPrefix("#") { s = s.dropFirst() }
        if s.count == 3 { s = Substring(s.map { "\($0)\($0)" }.joined()) }
        guard s.count == 6, let v = UInt32(s, radix: 16) else { return nil }
        self.init(v)
    }

    /// The SVG/CSS form `#rrggbb` (lower case).
    public var hex: String {
        let digits = Array("0123456789abcdef")
        var out = "#"
        for c in [red, green, blue] {
            out.append(digits[Int(c >> 4)])
            out.append(digits[Int(c & 0xF)])
        }
        return out
    }

    /// The `#rrggbb` form.
    public var description: String { hex }

    /// WCAG 2 relative luminance, 0 (black) … 1 (white):
    /// `Y = 0.2126 R + 0.7152 G + 0.0722 B` on linearised sRGB channels.
    ///
    /// Reference: W3C, Web Content Accessibility Guidelines 2.1, "relative luminance".
    public var relativeLuminance: Double {
        let l = linearRGB
        return 0.2126 * l.0 + 0.7152 * l.1 + 0.0722 * l.2
    }

    /// WCAG 2 contrast ratio `(L1 + 0.05) / (L2 + 0.05)` with `L1` the lighter colour,
    /// from 1 (none) to 21 (black on white).
    public func contrastRatio(with other: Color) -> Double {
        let a = relativeLuminance, b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    /// Black or white, whichever has the higher WCAG contrast against this colour
    /// (the text colour for a value written on a filled cell).
    public var contrastingText: Color {
        contrastRatio(with: .black) >= contrastRatio(with: .white) ? .black : .white
    }

    /// Linear-light sRGB channels, each 0…1 (IEC 61966-2-1 transfer function).
    public var linearRGB: (Double, Double, Double) {
        (Self.linearize(red), Self.linearize(green), Self.linearize(blue))
    }

    /// A colour from linear-light sRGB channels (clamped to 0…1, rounded to 8 bits).
    public init(linearRed r: Double, green g: Double, blue b: Double) {
        self.init(red: Self.encode(r), green: Self.encode(g), blue: Self.encode(b))
    }

    /// Black, `#000000`.
    public static let black = Color(0x000000)
    /// White, `#ffffff`.
    public static let white = Color(0xFFFFFF)

    private static func linearize(_ c: UInt8) -> Double {
        let v = Double(c) / 255
        return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }

    private static func encode(_ linear: Double) -> UInt8 {
        let l = linear.isFinite ? min(max(linear, 0), 1) : 0
        let v = l <= 0.0031308 ? 12.92 * l : 1.055 * pow(l, 1 / 2.4) - 0.055
        return UInt8((min(max(v, 0), 1) * 255).rounded())
    }
}

// MARK: - OKLab interpolation

extension Color {
    /// The colour in Björn Ottosson's OKLab space `(L, a, b)`.
    ///
    /// Reference: B. Ottosson, "A perceptual color space for image processing" (2020),
    /// <https://bottosson.github.io/posts/oklab/>.
    public var oklab: (l: Double, a: Double, b: Double) {
        let (r, g, b) = linearRGB
        let l = cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b)
        let m = cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b)
        let s = cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b)
        return (
            0.2104542553 * l + 0.7936177850 * m - 0.0040720468 * s,
            1.9779984951 * l - 2.4285922050 * m + 0.4505937099 * s,
            0.0259040371 * l + 0.7827717662 * m - 0.8086757660 * s
        )
    }

    /// A colour from OKLab coordinates (out-of-gamut results are clamped to sRGB).
    public init(oklabL L: Double, a: Double, b: Double) {
        let l = pow(L + 0.3963377774 * a + 0.2158037573 * b, 3)
        let m = pow(L - 0.1055613458 * a - 0.0638541728 * b, 3)
        let s = pow(L - 0.0894841775 * a - 1.2914855480 * b, 3)
        self.init(
            linearRed: 4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
            green: -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
            blue: -0.0041960863 * l - 0.7034186147 * m + 1.7076147010 * s
        )
    }

    /// Linear interpolation from `self` (t = 0) to `other` (t = 1) in OKLab, which keeps
    /// perceived lightness changing evenly along a ramp; `t` is clamped to 0…1.
    public func mixed(with other: Color, fraction t: Double) -> Color {
        let u = t.isFinite ? min(max(t, 0), 1) : 0
        let p = oklab, q = other.oklab
        return Color(
            oklabL: p.l + (q.l - p.l) * u,
            a: p.a + (q.a - p.a) * u,
            b: p.b + (q.b - p.b) * u
        )
    }
}
