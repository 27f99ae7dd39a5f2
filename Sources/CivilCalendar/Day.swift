/// A calendar day in the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// Weekly reports and date axes carry no time of day, so a plain day count is exact,
/// cheap to compare and subtract, and independent of time zones and locales.
///
/// The conversion follows Howard Hinnant's `days_from_civil` / `civil_from_days`
/// algorithms (<https://howardhinnant.github.io/date_algorithms.html>), exact for every
/// `Int32` day count.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before).
    public var daysSinceEpoch: Int32

    /// A day from its count of days since 1970-01-01.
    @inlinable
    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// A day from a valid civil date, or `nil` when the date does not exist
    /// (month outside 1–12, day outside the month, year outside 1–9999).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysInMonth(year: year, month: month)
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.daysSinceEpoch = Int32(era * 146_097 + doe - 719_468)
    }

    /// The civil year, month (1–12) and day of month (1–31).
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSinceEpoch) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The civil year (astronomical numbering: 0 is 1 BC).
    public var year: Int { components.year }

    /// The month, 1–12.
    public var month: Int { components.month }

    /// The day of the month, 1–31.
    public var day: Int { components.day }

    /// Day of the week, 1 = Monday … 7 = Sunday (ISO 8601).
    public var isoWeekday: Int {
        // 1970-01-01 was a Thursday (4).
        let r = (Int(daysSinceEpoch) + 3) % 7
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The ISO 8601 form `YYYY-MM-DD`.
    public var iso: String {
        let c = components
        return Day.zeroPadded(c.year, width: 4) + "-" + Day.zeroPadded(c.month, width: 2) + "-"
            + Day.zeroPadded(c.day, width: 2)
    }

    /// The ISO 8601 form `YYYY-MM-DD`.
    public var description: String { iso }

    /// The day `n` days later (earlier when `n` is negative).
    @inlinable
    public func adding(days n: Int) -> Day {
        Day(daysSinceEpoch: daysSinceEpoch + Int32(n))
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    @inlinable
    public func days(to other: Day) -> Int {
        Int(other.daysSinceEpoch) - Int(daysSinceEpoch)
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY` (the two forms of the snapshot spec);
    /// `nil` for anything else, including dates that do not exist.
    public init?(parsing text: Substring) {
        let u = Array(text.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        if u.count == 10, u[4] == 45, u[7] == 45,
           let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if u.count == 10, u[2] == 47, u[5] == 47,
                  let d = num(0..<2), let m = num(3..<5), let y = num(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// Parses `YYYY-MM-DD` or `DD/MM/YYYY`; `nil` for anything else.
    public init?(parsing text: String) {
        self.init(parsing: Substring(text))
    }

    /// Earlier days sort first.
    @inlinable
    public static func < (a: Day, b: Day) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    /// Number of days in `month` of `year` (Gregorian leap years).
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `value` in decimal with at least `width` digits (zeros in front), a minus sign before
    /// them when negative: `zeroPadded(7, width: 2)` is `07`, `zeroPadded(-5, width: 4)` is
    /// `-0005`. The year, month and day fields of ISO 8601 dates.
    public static func zeroPadded(_ value: Int, width: Int) -> String {
        let s = String(value.magnitude)
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(width - s.count, 0)) + s
    }
}
