/// Colour-blind-safe colour sets.
///
/// Categorical colours follow Okabe & Ito's "Color Universal Design" set (2008,
/// <https://jfly.uni-koeln.de/color/>); sequential and diverging ramps and the status trio
/// follow Paul Tol's schemes ("Colour Schemes", SRON/EPS/TN/09-002,
/// <https://personal.sron.nl/~pault/>). Colour is never the only carrier of meaning in
/// this module: every series also gets a text label in the legend.
public enum Palette {
    /// Okabe–Ito blue, `#0072b2`.
    public static let blue = Color(0x0072B2)
    /// Okabe–Ito orange, `#e69f00`.
    public static let orange = Color(0xE69F00)
    /// Okabe–Ito bluish green, `#009e73`.
    public static let bluishGreen = Color(0x009E73)
    /// Okabe–Ito vermillion, `#d55e00`.
    public static let vermillion = Color(0xD55E00)
    /// Okabe–Ito sky blue, `#56b4e9`.
    public static let skyBlue = Color(0x56B4E9)
    /// Okabe–Ito reddish purple, `#cc79a7`.
    public static let reddishPurple = Color(0xCC79A7)
    /// Okabe–Ito yellow, `#f0e442` (too light for thin lines on white; use for fills).
    public static let yellow = Color(0xF0E442)
    /// A neutral grey, `#555555`, for the eighth series and for reference lines.
    public static let grey = Color(0x555555)
    /// A light neutral grey, `#bbbbbb` (Tol's "bad data" grey), for missing or
    /// unclassified values.
    public static let lightGrey = Color(0xBBBBBB)

    /// The default categorical palette: the Okabe–Ito colours ordered so the first ones
    /// contrast most on white (yellow, weak for lines, comes late).
    public static let categorical: [Color] = [
        blue, orange, bluishGreen, vermillion, skyBlue, reddishPurple, grey, yellow,
    ]

    /// Paul Tol's "bright" qualitative scheme.
    public static let tolBright: [Color] = [
        Color(0x4477AA), Color(0xEE6677), Color(0x228833), Color(0xCCBB44),
        Color(0x66CCEE), Color(0xAA3377), Color(0xBBBBBB),
    ]

    // MARK: Status trio

    /// "Good" of a good/caution/bad trio: teal `#009988` (Tol's vibrant teal),
    /// relative luminance ≈ 0.25.
    ///
    /// The trio keeps distinct hues for normal vision and distinct *lightness*
    /// (≈ 0.25 / 0.54 / 0.10 relative luminance, each pair ≥ 2:1 contrast) so it stays
    /// distinguishable under deuteranopia and protanopia and in greyscale print.
    public static let statusGood = Color(0x009988)
    /// "Caution" of the trio: amber `#eebb33` (a light amber after Tol's high-contrast
    /// yellow `#ddaa33`), relative luminance ≈ 0.54.
    public static let statusCaution = Color(0xEEBB33)
    /// "Bad" of the trio: dark red `#aa2211` (a darkened Tol vibrant red `#cc3311`),
    /// relative luminance ≈ 0.10.
    public static let statusBad = Color(0xAA2211)
    /// The trio in order good, caution, bad.
    public static let status: [Color] = [statusGood, statusCaution, statusBad]

    // MARK: Ramps

    /// Tol's sequential "YlOrBr" (9 colours, light to dark).
    public static let sequentialYellowOrangeBrown: [Color] = [
        Color(0xFFFFE5), Color(0xFFF7BC), Color(0xFEE391), Color(0xFEC44F), Color(0xFB9A29),
        Color(0xEC7014), Color(0xCC4C02), Color(0x993404), Color(0x662506),
    ]

    /// A light-to-dark blue ramp (ColorBrewer "Blues", Brewer 2003), safe for
    /// colour-vision deficiencies because only lightness varies much.
    public static let sequentialBlues: [Color] = [
        Color(0xF7FBFF), Color(0xDEEBF7), Color(0xC6DBEF), Color(0x9ECAE1), Color(0x6BAED6),
        Color(0x4292C6), Color(0x2171B5), Color(0x08519C), Color(0x08306B),
    ]

    /// Tol's diverging "BuRd" (blue–white–red, 9 colours), from ColorBrewer "RdBu".
    public static let divergingBlueRed: [Color] = [
        Color(0x2166AC), Color(0x4393C3), Color(0x92C5DE), Color(0xD1E5F0), Color(0xF7F7F7),
        Color(0xFDDBC7), Color(0xF4A582), Color(0xD6604D), Color(0xB2182B),
    ]
}
