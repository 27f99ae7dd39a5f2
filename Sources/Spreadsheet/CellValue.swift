import CivilCalendar

/// The value of one worksheet cell, as read from or written to a workbook.
///
/// The cell types of ECMA-376 Part 1, §18.18.11 (`ST_CellType`): shared and inline strings
/// and formula strings are ``string(_:)``, numbers ``number(_:)``, booleans
/// ``boolean(_:)``, error values ``error(_:)``. A number whose number format is a date or
/// time format (§18.8.30) is read as ``date(_:)``. A formula cell holds its cached value.
public enum CellValue: Hashable, Sendable {
    /// No value: a missing cell, or a cell with a style but no value.
    case empty
    /// Text, exactly as stored (a number stored as text stays text).
    case string(String)
    /// An IEEE-754 double (the format stores numbers as `xsd:double`).
    case number(Double)
    /// `TRUE` or `FALSE`.
    case boolean(Bool)
    /// A date or a date and time, converted from its serial number in the workbook's
    /// date system (ECMA-376 Part 1, §18.17.4).
    case date(SpreadsheetDateTime)
    /// An error value as Excel shows it: `#DIV/0!`, `#N/A`, `#NAME?`, `#NULL!`, `#NUM!`,
    /// `#REF!`, `#VALUE!` (ECMA-376 Part 1, §18.17.3).
    case error(String)

    /// Whether the cell holds no value.
    public var isEmpty: Bool {
        if case .empty = self { return true }
        return false
    }

    /// The value as text, the way a CSV export of the sheet would write it: strings as
    /// they are; whole numbers without a decimal point (`5201012001`, not `5.201012001E9`);
    /// other numbers in their shortest round-trip decimal form; booleans as `TRUE`/`FALSE`;
    /// dates as ISO 8601 (`2026-11-27` or `2026-11-27T08:30:00`); the empty cell as `""`.
    public var text: String {
        switch self {
        case .empty: return ""
        case .string(let value): return value
        case .number(let value): return CellValue.decimalText(value)
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .date(let value): return value.description
        case .error(let value): return value
        }
    }

    /// A number in its shortest round-trip decimal form, whole numbers below 2⁵³ without a
    /// fraction or exponent.
    static func decimalText(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            return String(Int64(value))
        }
        return value.description
    }
}

/// A calendar date and a time of day without a time zone, as a spreadsheet holds them.
///
/// Spreadsheets store local dates and times as serial numbers with no zone; this keeps
/// them as civil fields so no zone is assumed. Years are proleptic Gregorian. The 1900
/// date system's fictional 29 February 1900 (serial 60) is kept as `1900-02-29`, the date
/// Excel shows for it.
public struct SpreadsheetDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, 1899 … 9999.
    public var year: Int
    /// The month, 1 … 12.
    public var month: Int
    /// The day of the month, 1 … 31.
    public var day: Int
    /// The hour, 0 … 23.
    public var hour: Int
    /// The minute, 0 … 59.
    public var minute: Int
    /// The second, 0 … 59 (serial numbers are rounded to the second).
    public var second: Int

    /// A date and time from its civil fields; the time defaults to midnight.
    ///
    /// - Precondition: month 1 … 12, day 1 … 31, hour 0 … 23, minute and second 0 … 59.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        precondition((1...12).contains(month) && (1...31).contains(day), "month or day out of range")
        precondition((0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second),
                      "time of day out of range")
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Whether the time of day is midnight, so the value is a plain date.
    public var isMidnight: Bool { hour == 0 && minute == 0 && second == 0 }

    /// ISO 8601: `2026-11-27` at midnight, `2026-11-27T08:30:00` otherwise.
    public var description: String {
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        if isMidnight { return date }
        return date + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    }

    /// Chronological order.
    public static func < (lhs: SpreadsheetDateTime, rhs: SpreadsheetDateTime) -> Bool {
        (lhs.year, lhs.month, lhs.day, lhs.hour, lhs.minute, lhs.second)
            < (rhs.year, rhs.month, rhs.day, rhs.hour, rhs.minute, rhs.second)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

/// The date system of a workbook: which day serial number 0 is (ECMA-376 Part 1,
/// §18.17.4.1; `workbookPr/@date1904`, §18.2.28).
public enum DateSystem: Sendable, Hashable {
    /// Serial 1 is 1 January 1900; serial 60 is the fictional 29 February 1900 that Lotus
    /// 1-2-3 counted and Excel keeps, so serials from 61 on are days since 30 December 1899.
    case date1900
    /// Serial 0 is 1 January 1904 (older Excel for the Macintosh).
    case date1904

    /// The largest serial either system accepts: 31 December 9999.
    static let maximumSerial1900 = 2_958_465.0

    /// The civil date and time of serial number `serial`; `nil` when it is negative, not
    /// finite, or past 9999-12-31. The fraction is the time of day, rounded to the second.
    ///
    /// - Complexity: O(1).
    public func dateTime(fromSerial serial: Double) -> SpreadsheetDateTime? {
        // Bounded before the conversion to Int, which traps past Int.max.
        guard serial.isFinite, serial >= 0, serial < Self.maximumSerial1900 + 1 else { return nil }
        var day = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(day)) * 86_400).rounded())
        if seconds >= 86_400 {
            day += 1
            seconds -= 86_400
        }
        let epochDay: Int
        switch self {
        case .date1900:
            guard Double(day) <= Self.maximumSerial1900 else { return nil }
            if day == 60 {
                return SpreadsheetDateTime(year: 1900, month: 2, day: 29, hour: seconds / 3600,
                                           minute: seconds / 60 % 60, second: seconds % 60)
            }
            // Before the fictional day the serials count from 31 December 1899.
            epochDay = Self.epoch1900 + (day < 60 ? day + 1 : day)
        case .date1904:
            guard Double(day) <= Self.maximumSerial1900 - 1462 else { return nil }
            epochDay = Self.epoch1904 + day
        }
        let (year, month, dayOfMonth) = Self.civilFromDays(epochDay)
        return SpreadsheetDateTime(year: year, month: month, day: dayOfMonth, hour: seconds / 3600,
                                   minute: seconds / 60 % 60, second: seconds % 60)
    }

    /// The serial number of `dateTime` in this system; `nil` before the system's first day.
    public func serial(of dateTime: SpreadsheetDateTime) -> Double? {
        let fraction = Double(dateTime.hour * 3600 + dateTime.minute * 60 + dateTime.second) / 86_400
        let days: Int
        switch self {
        case .date1900:
            if dateTime.year == 1900, dateTime.month == 2, dateTime.day == 29 { return 60 + fraction }
            guard let civil = Self.daysFromCivil(dateTime.year, dateTime.month, dateTime.day) else { return nil }
            let offset = civil - Self.epoch1900
            guard offset >= 1 else { return nil }
            days = offset <= 60 ? offset - 1 : offset
        case .date1904:
            guard let civil = Self.daysFromCivil(dateTime.year, dateTime.month, dateTime.day) else { return nil }
            days = civil - Self.epoch1904
            guard days >= 0 else { return nil }
        }
        return Double(days) + fraction
    }

    /// 1899-12-30 and 1904-01-01 as days since 1970-01-01: the day before serial 1 of the
    /// 1900 system (counted with its fictional 1900-02-29) and serial 0 of the 1904 system.
    static let epoch1900 = -25_569
    static let epoch1904 = -24_107

    /// Days since 1970-01-01 of a civil date (``CivilCalendar/Day``); `nil` when the date
    /// does not exist or its year is outside 1–9999.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int? {
        Day(year: year, month: month, day: day).map { Int($0.daysSinceEpoch) }
    }

    /// The civil date `days` after 1970-01-01 (``CivilCalendar/Day``); `days` is within the
    /// serial range of a workbook (years 1900–9999), so it fits a `Day`.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        Day(daysSinceEpoch: Int32(clamping: days)).components
    }
}
