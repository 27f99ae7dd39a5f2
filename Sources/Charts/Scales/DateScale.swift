/// The spacing of date ticks.
public enum DateTickInterval: Hashable, Sendable {
    /// Every `n` days.
    case days(Int)
    /// Every `n` weeks, on the anchor weekday.
    case weeks(Int)
    /// The first day of every `n`-th month, aligned to January (`.months(3)` = quarters).
    case months(Int)
    /// 1 January of every `n`-th year (years divisible by `n`).
    case years(Int)

    /// The candidates tried, finest first: days, 1 and 2 weeks, 1 month, quarter,
    /// half year, then 1, 2, 5, 10, 20, 50 and 100 years.
    public static let candidates: [DateTickInterval] = [
        .days(1), .weeks(1), .weeks(2), .months(1), .months(3), .months(6),
        .years(1), .years(2), .years(5), .years(10), .years(20), .years(50), .years(100),
    ]

    /// Approximate length in days (for ordering only).
    var approximateDays: Double {
        switch self {
        case let .days(n): return Double(n)
        case let .weeks(n): return 7 * Double(n)
        case let .months(n): return 30.44 * Double(n)
        case let .years(n): return 365.25 * Double(n)
        }
    }
}

/// One date tick handed to a label formatter.
public struct DateTick: Hashable, Sendable {
    /// Days since 1970-01-01.
    public let day: Int
    /// The calendar date of `day`.
    public let date: CivilDate
    /// The tick spacing in use.
    public let interval: DateTickInterval
    /// `true` for the first tick on the axis.
    public let isFirst: Bool
    /// `true` when the year differs from the previous tick's (always `true` for the first),
    /// so a formatter can add the year only where it changes.
    public let startsNewYear: Bool

    /// A tick description.
    public init(day: Int, interval: DateTickInterval, isFirst: Bool, startsNewYear: Bool) {
        self.day = day
        self.date = CivilDate(daysSinceEpoch: Int32(clamping: day))
        self.interval = interval
        self.isFirst = isFirst
        self.startsNewYear = startsNewYear
    }
}

/// Turns date ticks into label text. Build one from a closure or use ``iso`` /
/// ``months(_:)``.
public struct DateFormat: Sendable {
    /// The formatting closure.
    public let format: @Sendable (DateTick) -> String

    /// A format from a closure.
    public init(_ format: @escaping @Sendable (DateTick) -> String) {
        self.format = format
    }

    /// Formats one tick.
    public func callAsFunction(_ tick: DateTick) -> String { format(tick) }

    /// ISO 8601 labels: `YYYY-MM-DD` for day and week ticks, `YYYY-MM` for month ticks,
    /// `YYYY` for year ticks.
    public static let iso = DateFormat { tick in
        let d = tick.date
        switch tick.interval {
        case .days, .weeks: return d.iso
        case .months: return CivilDate.zeroPadded(d.year, width: 4) + "-" + CivilDate.zeroPadded(d.month, width: 2)
        case .years: return CivilDate.zeroPadded(d.year, width: 4)
        }
    }

    /// Labels with caller-supplied month names (12 of them, January first), e.g. Indonesian
    /// `["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]`:
    /// day/week ticks `"10 Mar"` (plus `" 2025"` where the year changes), month ticks
    /// `"Mar"` (`"Jan 2026"` / first tick `"Mar 2025"`), year ticks `"2025"`.
    /// Fewer than 12 names fall back to month numbers for the missing ones.
    public static func months(_ names: [String]) -> DateFormat {
        DateFormat { tick in
            let d = tick.date
            let name = d.month <= names.count ? names[d.month - 1] : String(d.month)
            let year = String(d.year)
            switch tick.interval {
            case .days, .weeks:
                let text = String(d.day) + " " + name
                return tick.startsNewYear ? text + " " + year : text
            case .months:
                return tick.startsNewYear ? name + " " + year : name
            case .years:
                return year
            }
        }
    }

    /// English month abbreviations, `Jan` … `Dec`.
    public static let englishMonthAbbreviations = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
}

/// A linear map from days since 1970-01-01 to pixels, with calendar-aware ticks.
///
/// Tick choice: the finest interval of ``DateTickInterval/candidates`` whose labels fit
/// (at most `maxCount` ticks) and that gives at least two ticks; weeks are anchored on a
/// weekday (Monday by default, or the weekday and phase of a caller's `weekAnchor` day so
/// the ticks fall on the data's report days), months on the 1st, quarters on
/// 1 January/April/July/October, years on 1 January.
public struct DateScale: Sendable, Equatable {
    /// First day of the domain (days since 1970-01-01).
    public var domainStart: Double
    /// Last day of the domain.
    public var domainEnd: Double
    /// Pixel position of `domainStart`.
    public var rangeStart: Double
    /// Pixel position of `domainEnd`.
    public var rangeEnd: Double

    /// A scale mapping the day range `domain` onto `rangeStart … rangeEnd`.
    public init(domain: ClosedRange<Double>, rangeStart: Double, rangeEnd: Double) {
        self.domainStart = domain.lowerBound
        self.domainEnd = domain.upperBound
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
    }

    /// Pixel position of `day` (fractional days allowed).
    public func callAsFunction(_ day: Double) -> Double {
        LinearScale(domain: domainStart...max(domainStart, domainEnd), rangeStart: rangeStart, rangeEnd: rangeEnd)(day)
    }

    /// The tick days of `interval` inside `domain` (at most 10 000 of them). Month and year
    /// ticks are made for the years 1–9999, the range of ``CivilDate``'s calendar dates.
    ///
    /// - Parameter weekAnchor: a day whose weekday (and, for multi-week intervals, phase)
    ///   the week ticks follow; `nil` means Mondays counted from 1970-01-05.
    public static func tickDays(
        in domain: ClosedRange<Int>, interval: DateTickInterval, weekAnchor: Int? = nil
    ) -> [Int] {
        let lo = domain.lowerBound, hi = domain.upperBound
        var out: [Int] = []
        let cap = 10_000
        switch interval {
        case let .days(n):
            guard n > 0 else { return [] }
            var d = lo
            while d <= hi, out.count < cap { out.append(d); d += n }
        case let .weeks(n):
            guard n > 0 else { return [] }
            let period = 7 * n
            let anchor = weekAnchor ?? 4  // 1970-01-05 was a Monday.
            let r = ((lo - anchor) % period + period) % period
            var d = r == 0 ? lo : lo + (period - r)
            while d <= hi, out.count < cap { out.append(d); d += period }
        case let .months(n):
            guard n > 0 else { return [] }
            let start = CivilDate(daysSinceEpoch: Int32(clamping: lo))
            var index = start.year * 12 + (start.month - 1)
            index += ((-index) % n + n) % n
            while out.count < cap {
                let y = index >= 0 ? index / 12 : (index - 11) / 12
                let m = index - y * 12 + 1
                guard let date = CivilDate(year: y, month: m, day: 1) else { break }
                let d = Int(date.daysSinceEpoch)
                if d > hi { break }
                if d >= lo { out.append(d) }
                index += n
            }
        case let .years(n):
            guard n > 0 else { return [] }
            let start = CivilDate(daysSinceEpoch: Int32(clamping: lo))
            var y = start.year + ((-start.year) % n + n) % n
            while out.count < cap {
                guard let date = CivilDate(year: y, month: 1, day: 1) else { break }
                let d = Int(date.daysSinceEpoch)
                if d > hi { break }
                if d >= lo { out.append(d) }
                y += n
            }
        }
        return out
    }

    /// Whether centred labels at their ticks' positions leave at least `gap` pixels between
    /// neighbours.
    static func fitsSideBySide(
        _ ticks: [(day: Int, label: String)], in domain: ClosedRange<Int>, length: Double, fontSize: Double,
        gap: Double
    ) -> Bool {
        let span = Double(max(domain.upperBound - domain.lowerBound, 1))
        let widths = ticks.map { TextMetrics.width($0.label, fontSize: fontSize) }
        if ticks.count == 1 { return widths[0] <= max(length, 1) }
        for i in ticks.indices.dropFirst() {
            let distance = Double(ticks[i].day - ticks[i - 1].day) / span * length
            if (widths[i] + widths[i - 1]) / 2 + gap > distance { return false }
        }
        return true
    }

    /// Ticks for `domain` whose labels fit in `length` pixels.
    ///
    /// Tries ``DateTickInterval/candidates`` finest first and keeps the first interval that
    /// yields at least two ticks, at most `maxCount` ticks, and centred labels that keep
    /// `gap` pixels between neighbours (estimated widths). When none yields two ticks (a very short domain)
    /// the finest fitting interval with one tick is used.
    ///
    /// - Parameters:
    ///   - domain: first and last day (days since 1970-01-01).
    ///   - length: pixel length of the axis.
    ///   - format: the label formatter.
    ///   - fontSize: label font size in pixels (for width estimates).
    ///   - maxCount: an upper bound on the number of ticks.
    ///   - interval: forces an interval instead of choosing one.
    public static func ticks(
        in domain: ClosedRange<Int>, length: Double, format: DateFormat = .iso,
        fontSize: Double = 11, gap: Double = 14, maxCount: Int = 12,
        interval forced: DateTickInterval? = nil, weekAnchor: Int? = nil
    ) -> (interval: DateTickInterval, ticks: [(day: Int, label: String)]) {
        func labelled(_ interval: DateTickInterval) -> [(day: Int, label: String)] {
            let days = tickDays(in: domain, interval: interval, weekAnchor: weekAnchor)
            var previousYear: Int?
            var out: [(day: Int, label: String)] = []
            for (i, d) in days.enumerated() {
                let year = CivilDate(daysSinceEpoch: Int32(clamping: d)).year
                let tick = DateTick(
                    day: d, interval: interval, isFirst: i == 0, startsNewYear: year != previousYear)
                previousYear = year
                out.append((d, format(tick)))
            }
            return out
        }
        if let forced {
            return (forced, labelled(forced))
        }
        var fallback: (DateTickInterval, [(day: Int, label: String)])?
        for candidate in DateTickInterval.candidates {
            let days = tickDays(in: domain, interval: candidate, weekAnchor: weekAnchor)
            if days.count > max(maxCount, 1) { continue }
            let ticks = labelled(candidate)
            guard fitsSideBySide(ticks, in: domain, length: length, fontSize: fontSize, gap: gap) else { continue }
            if ticks.count >= 2 { return (candidate, ticks) }
            if !ticks.isEmpty, fallback == nil { fallback = (candidate, ticks) }
        }
        if let fallback { return fallback }
        return (.days(1), [(domain.lowerBound, format(DateTick(
            day: domain.lowerBound, interval: .days(1), isFirst: true, startsNewYear: true)))])
    }
}
