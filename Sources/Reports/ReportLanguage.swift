import Charts
import KendaliData

/// The language of a report: Bahasa Indonesia (the default) or English.
///
/// The language decides every word of the report (``ReportText``) and the conventions of
/// its numbers and dates (``ReportFormatter``). The formatting is the project's own and
/// never consults the machine's locale, so the same data gives the same bytes everywhere.
public enum ReportLanguage: String, CaseIterable, Sendable, Codable, Hashable {
    /// Bahasa Indonesia: `1.166`, `12,5`, `27 November 2026`.
    case id
    /// English: `1,166`, `12.5`, `27 November 2026`.
    case en

    /// The BCP 47 tag written in the HTML `lang` attribute.
    public var tag: String { rawValue }

    /// The thousands separator: `.` in Indonesian, `,` in English.
    public var groupingSeparator: String {
        switch self {
        case .id: "."
        case .en: ","
        }
    }

    /// The decimal separator: `,` in Indonesian, `.` in English.
    public var decimalSeparator: String {
        switch self {
        case .id: ","
        case .en: "."
        }
    }

    /// The twelve month names, January first (`Januari` … `Desember` in Indonesian).
    public var monthNames: [String] {
        switch self {
        case .id:
            ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]
        case .en:
            ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
        }
    }

    /// Three-letter month abbreviations for chart axes (`Agu`, `Okt`, `Des` in Indonesian).
    public var monthAbbreviations: [String] {
        switch self {
        case .id: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]
        case .en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        }
    }
}

/// Deterministic number, percentage and date formatting in a ``ReportLanguage``.
///
/// ```
/// ReportFormatter(.id).integer(1166)          // "1.166"
/// ReportFormatter(.en).integer(1166)          // "1,166"
/// ReportFormatter(.id).decimal(12.5, digits: 1) // "12,5"
/// ReportFormatter(.id).percent(0.125, digits: 1) // "12,5%"
/// ReportFormatter(.id).date(day)              // "27 November 2026"
/// ```
///
/// Rounding is half away from zero on the decimal value; negative numbers carry the
/// typographic minus `−` (U+2212); non-finite values are written as `–`.
public struct ReportFormatter: Sendable, Hashable {
    /// The language whose conventions are used.
    public var language: ReportLanguage

    /// A formatter for `language`.
    public init(_ language: ReportLanguage) {
        self.language = language
    }

    /// The text written for a missing or non-finite value.
    public static let missing = "–"

    /// An integer with grouped thousands: `1.166` (id), `1,166` (en).
    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "−" : "") + group(digits)
    }

    /// A number with exactly `digits` decimals (0–9): `12,5` (id), `12.5` (en).
    public func decimal(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return Self.missing }
        let d = min(max(digits, 0), 9)
        var scale = 1.0
        for _ in 0..<d { scale *= 10 }
        let scaled = (value.magnitude * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else {
            return (value < 0 ? "−" : "") + group(String(describing: value.magnitude.rounded()))
        }
        let n = UInt64(scaled)
        var divisor: UInt64 = 1
        for _ in 0..<d { divisor *= 10 }
        let whole = group(String(n / divisor))
        let sign = value < 0 && n != 0 ? "−" : ""
        guard d > 0 else { return sign + whole }
        let raw = String(n % divisor)
        let fraction = String(repeating: "0", count: d - raw.count) + raw
        return sign + whole + language.decimalSeparator + fraction
    }

    /// A signed change: `+12`, `−3`, `0`.
    public func signedInteger(_ value: Int) -> String {
        value > 0 ? "+" + integer(value) : integer(value)
    }

    /// A signed number with `digits` decimals: `+1,5`, `−0,3`.
    public func signedDecimal(_ value: Double, digits: Int) -> String {
        let text = decimal(value, digits: digits)
        guard value.isFinite, !text.hasPrefix("−") else { return text }
        return text.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) ? text : "+" + text
    }

    /// A fraction as a percentage: `0.125` → `12,5%` (id) or `12.5%` (en).
    public func percent(_ fraction: Double, digits: Int = 0) -> String {
        guard fraction.isFinite else { return Self.missing }
        return decimal(fraction * 100, digits: digits) + "%"
    }

    /// A change of a fraction in percentage points: `+2,5 pp` / `+2.5 pp` (`poin` in
    /// Indonesian).
    public func percentagePoints(_ fraction: Double, digits: Int = 1) -> String {
        guard fraction.isFinite else { return Self.missing }
        let unit = language == .id ? " poin" : " pp"
        return signedDecimal(fraction * 100, digits: digits) + unit
    }

    /// A calendar date: `27 November 2026` in both languages (month names in the language).
    public func date(_ day: Day) -> String {
        let c = day.components
        return String(c.day) + " " + language.monthNames[c.month - 1] + " " + String(c.year)
    }

    /// A short date: `27 Nov 2026` (`27 Agu 2026` in Indonesian).
    public func shortDate(_ day: Day) -> String {
        let c = day.components
        return String(c.day) + " " + language.monthAbbreviations[c.month - 1] + " " + String(c.year)
    }

    /// A P50 beyond the forecast's horizon: "di luar horizon (setidaknya N minggu)" /
    /// "beyond the horizon (at least N weeks)", `weeks` counted from the as-of date.
    public func beyondHorizon(weeks: Int) -> String {
        ReportText(language).format(.beyondHorizonAtLeast, [integer(weeks)])
    }

    /// A date, or `–` when absent.
    public func date(_ day: Day?) -> String {
        day.map { date($0) } ?? Self.missing
    }

    /// The chart-module number format with this language's separators.
    public var chartNumbers: NumberFormat {
        let f = self
        return NumberFormat { value, digits in f.decimal(value, digits: digits) }
    }

    /// The chart-module percentage format (values are fractions 0…1).
    public var chartPercent: NumberFormat {
        let f = self
        return NumberFormat { value, digits in f.percent(value, digits: max(digits - 2, 0)) }
    }

    /// The chart-module date labels with this language's month abbreviations.
    public var chartDates: DateFormat {
        .months(language.monthAbbreviations)
    }

    private func group(_ digits: String) -> String {
        guard digits.count > 3 else { return digits }
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        let lead = digits.count % 3
        for (i, ch) in digits.enumerated() {
            if i > 0, (i - lead) % 3 == 0 { out += language.groupingSeparator }
            out.append(ch)
        }
        return out
    }
}
