/// Rough text-width estimates for layout (margins, legend wrapping, label collisions).
///
/// SVG text is measured by the viewer, so the module estimates widths from per-character
/// advance classes of a Helvetica/Arial-like sans-serif font (in em): narrow `il.,:;'|!`
/// ≈ 0.28, `fjtrI()[]` and space ≈ 0.3, digits ≈ 0.56, `mwMW` ≈ 0.85, other upper case
/// ≈ 0.68, other lower case ≈ 0.53, anything else ≈ 0.6, all × 1.1 (× 1.12 more for bold) so the
/// estimates also hold for the wider DejaVu Sans that Linux viewers often substitute.
public enum TextMetrics {
    /// Estimated advance width of `text` in pixels at `fontSize` pixels.
    public static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "i", "l", ".", ",", ":", ";", "'", "|", "!": em += 0.28
            case "f", "j", "t", "r", "I", "(", ")", "[", "]", " ", "-", "/": em += 0.33
            case "m", "w", "M", "W": em += 0.85
            case "0"..."9": em += 0.56
            case "A"..."Z": em += 0.68
            case "a"..."z": em += 0.53
            default:
                // Combining marks take no advance.
                em += (0x300...0x36F).contains(scalar.value) ? 0 : 0.6
            }
        }
        return em * fontSize * 1.1 * (bold ? 1.12 : 1)
    }
}
