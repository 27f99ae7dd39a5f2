import Testing
@testable import Charts

@Suite("Calendar dates and date ticks")
struct DateScaleTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> Int { Samples.day(y, m, d) }

    @Test("civil dates round-trip and match known day numbers")
    func civil() throws {
        #expect(day(1970, 1, 1) == 0)
        #expect(day(2000, 2, 29) == 11_016)
        #expect(day(1969, 12, 31) == -1)
        #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
        #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
        #expect(CivilDate(year: 2025, month: 13, day: 1) == nil)
        #expect(CivilDate(daysSinceEpoch: Int32(day(2025, 3, 7))).isoWeekday == 5)  // a Friday
        #expect(CivilDate(daysSinceEpoch: 20_000).iso == "2024-10-04")
        for d in stride(from: -700_000, through: 800_000, by: 997) {
            let date = CivilDate(daysSinceEpoch: Int32(d))
            #expect(CivilDate(year: date.year, month: date.month, day: date.day)?.daysSinceEpoch == Int32(d))
        }
    }

    @Test("weekly ticks fall on Mondays by default, or on the anchor's weekday")
    func weekly() {
        let march = day(2025, 3, 1)...day(2025, 3, 31)
        let mondays = DateScale.tickDays(in: march, interval: .weeks(1))
        #expect(mondays == [3, 10, 17, 24, 31].map { day(2025, 3, $0) })
        let fridays = DateScale.tickDays(in: march, interval: .weeks(1), weekAnchor: day(2025, 1, 3))
        #expect(fridays == [7, 14, 21, 28].map { day(2025, 3, $0) })
        let fortnights = DateScale.tickDays(in: march, interval: .weeks(2), weekAnchor: day(2025, 3, 7))
        #expect(fortnights == [7, 21].map { day(2025, 3, $0) })
    }

    @Test("month, quarter and year ticks start periods")
    func calendarTicks() {
        let year = day(2025, 1, 15)...day(2025, 12, 31)
        #expect(DateScale.tickDays(in: year, interval: .months(3)) == [
            day(2025, 4, 1), day(2025, 7, 1), day(2025, 10, 1),
        ])
        #expect(DateScale.tickDays(in: year, interval: .months(1)).count == 11)
        let decade = day(2019, 6, 1)...day(2031, 1, 1)
        #expect(DateScale.tickDays(in: decade, interval: .years(5)) == [day(2020, 1, 1), day(2025, 1, 1), day(2030, 1, 1)])
        let before1970 = day(1968, 11, 20)...day(1969, 3, 5)
        #expect(DateScale.tickDays(in: before1970, interval: .months(1)) == [
            day(1968, 12, 1), day(1969, 1, 1), day(1969, 2, 1), day(1969, 3, 1),
        ])
    }

    @Test("the interval grows with the span: weeks, then months, then quarters, then years")
    func automaticInterval() {
        let format = DateFormat.months(Samples.indonesianMonths)
        let start = day(2025, 1, 6)
        let eightWeeks = DateScale.ticks(in: start...(start + 56), length: 600, format: format)
        #expect(eightWeeks.interval == .weeks(1))
        let halfYear = DateScale.ticks(in: start...(start + 182), length: 600, format: format)
        #expect(halfYear.interval == .months(1))
        let fullYear = DateScale.ticks(in: start...(start + 364), length: 600, format: format)
        #expect(fullYear.interval == .months(3))
        #expect(fullYear.ticks.map(\.label) == ["Apr 2025", "Jul", "Okt", "Jan 2026"])
        let decade = DateScale.ticks(in: start...(start + 3650), length: 600, format: format)
        if case .years = decade.interval {} else { Issue.record("expected years, got \(decade.interval)") }
        let oneDay = DateScale.ticks(in: start...start, length: 600)
        #expect(oneDay.ticks.count == 1)
    }

    @Test("labels: ISO by default, caller month names otherwise")
    func labels() {
        let span = day(2025, 4, 20)...day(2025, 9, 10)
        let iso = DateScale.ticks(in: span, length: 700, interval: .months(1))
        #expect(iso.ticks.map(\.label) == ["2025-05", "2025-06", "2025-07", "2025-08", "2025-09"])
        let indonesian = DateScale.ticks(in: span, length: 700, format: .months(Samples.indonesianMonths),
                                         interval: .months(1))
        #expect(indonesian.ticks.map(\.label) == ["Mei 2025", "Jun", "Jul", "Agu", "Sep"])
        let weeks = DateScale.ticks(in: day(2025, 12, 20)...day(2026, 1, 12), length: 700,
                                    format: .months(DateFormat.englishMonthAbbreviations), interval: .weeks(1))
        #expect(weeks.ticks.map(\.label) == ["22 Dec 2025", "29 Dec", "5 Jan 2026", "12 Jan"])
        let isoWeeks = DateScale.ticks(in: day(2025, 3, 1)...day(2025, 3, 12), length: 700, interval: .weeks(1))
        #expect(isoWeeks.ticks.map(\.label) == ["2025-03-03", "2025-03-10"])
        let custom = DateFormat { "W" + String($0.day - day(2025, 1, 6)) }
        #expect(custom(DateTick(day: day(2025, 1, 13), interval: .weeks(1), isFirst: true, startsNewYear: true)) == "W7")
    }
}
