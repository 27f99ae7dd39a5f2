/// Deterministic, locale-independent decimal formatting used for every number the
/// module writes (coordinates, tick labels by default).
///
/// The value is rounded half away from zero to `fractionDigits` decimals and written
/// with ASCII digits, an optional grouping separator every three integer digits and a
/// caller-chosen decimal separator. No `Locale`, no `printf`, so the output is the same
/// on every machine.
enum DecimalText {
    /// Largest magnitude (after scaling by 10^digits) written exactly through `Int64`.
    private static let limit = 9.0e15

    /// Formats `value` with exactly `fractionDigits` decimals (`trimsZeros` drops
    /// trailing zeros and a bare separator). Non-finite values give an empty string;
    /// `-0` is written as `0`.
    static func format(
        _ value: Double,
        fractionDigits: Int,
        trimsZeros: Bool,
        decimalSeparator: String = ".",
        groupingSeparator: String = ""
    ) -> String {
        guard value.isFinite else { return "" }
        var digits = min(max(fractionDigits, 0), 12)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        var scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        while scaled >= limit, digits > 0 {
            digits -= 1
            scale /= 10
            scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        }
        if scaled >= limit {
            // Too large for exact integer arithmetic: fall back to Swift's shortest
            // round-trip description, which is locale-independent.
            return (value < 0 ? "-" : "") + String(describing: abs(value).rounded())
        }
        let n = Int64(scaled)
        var divisor: Int64 = 1
        for _ in 0..<digits { divisor *= 10 }
        let integerPart = n / divisor
        let fractionPart = n % divisor

        var integerText = String(integerPart)
        if !groupingSeparator.isEmpty, integerText.count > 3 {
            var groups: [Substring] = []
            var end = integerText.endIndex
            while end > integerText.startIndex {
                let start = integerText.index(end, offsetBy: -3, limitedBy: integerText.startIndex)
                    ?? integerText.startIndex
                groups.append(integerText[start..<end])
                end = start
            }
            integerText = groups.reversed().joined(separator: groupingSeparator)
        }

        var fractionText = ""
        if digits > 0 {
            let raw = String(fractionPart)
            fractionText = String(repeating: "0", count: digits - raw.count) + raw
            if trimsZeros {
                while fractionText.hasSuffix("0") { fractionText.removeLast() }
            }
        }
        let sign = (value < 0 && n != 0) ? "-" : ""
        return fractionText.isEmpty
            ? sign + integerText
            : sign + integerText + decimalSeparator + fractionText
    }

    /// An SVG coordinate: at most two decimals, trailing zeros trimmed, `.` separator,
    /// clamped to ±10⁷ so no exponent notation can appear. Non-finite input (which the
    /// renderers never pass) is written as `0`.
    static func coordinate(_ value: Double) -> String {
        let text = format(min(max(value, -1e7), 1e7), fractionDigits: 2, trimsZeros: true)
        return text.isEmpty ? "0" : text
    }
}
