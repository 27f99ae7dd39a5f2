/// Turns numbers into label text (tick labels, bar and cell values).
///
/// The closure receives the value and the number of fraction digits the context suggests
/// (for ticks: the digits that tell neighbouring ticks apart, from ``NiceTicks``), so a
/// caller can apply its own conventions, e.g. Indonesian `1.166` and `0,25`.
public struct NumberFormat: Sendable {
    /// The formatting closure: `(value, suggested fraction digits) -> text`.
    public let format: @Sendable (_ value: Double, _ fractionDigits: Int) -> String

    /// A format from a closure.
    public init(_ format: @escaping @Sendable (_ value: Double, _ fractionDigits: Int) -> String) {
        self.format = format
    }

    /// Formats `value` with the suggested number of fraction digits.
    public func callAsFunction(_ value: Double, fractionDigits: Int) -> String {
        format(value, fractionDigits)
    }

    /// Plain ASCII: `.` decimal separator, no grouping, exactly `fractionDigits` decimals
    /// (`1166`, `0.002`, `-3.5`), independent of the machine's locale.
    public static let plain = NumberFormat { value, digits in
        DecimalText.format(value, fractionDigits: digits, trimsZeros: false)
    }

    /// Grouped digits with caller-chosen separators, e.g.
    /// `.grouped(groupingSeparator: ".", decimalSeparator: ",")` gives `1.166` and `0,25`.
    public static func grouped(
        groupingSeparator: String, decimalSeparator: String
    ) -> NumberFormat {
        NumberFormat { value, digits in
            DecimalText.format(
                value, fractionDigits: digits, trimsZeros: false,
                decimalSeparator: decimalSeparator, groupingSeparator: groupingSeparator)
        }
    }

    /// Percentages of fractions: `0.25` → `25%` (with `digits − 2` decimals, at least 0),
    /// using `decimalSeparator`.
    public static func percent(decimalSeparator: String = ".") -> NumberFormat {
        NumberFormat { value, digits in
            DecimalText.format(
                value * 100, fractionDigits: max(digits - 2, 0), trimsZeros: false,
                decimalSeparator: decimalSeparator) + "%"
        }
    }

    /// Formats `value` with a fixed number of decimals; the non-finite values give `""`.
    public static func fixed(_ value: Double, fractionDigits: Int) -> String {
        DecimalText.format(value, fractionDigits: fractionDigits, trimsZeros: false)
    }
}
