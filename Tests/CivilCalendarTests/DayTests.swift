import Testing
import CivilCalendar

@Suite("Civil dates")
struct DayTests {
    @Test("known day numbers, weekdays and ISO forms")
    func knownDays() throws {
        #expect(Day(year: 1970, month: 1, day: 1)?.daysSinceEpoch == 0)
        #expect(Day(year: 2000, month: 2, day: 29)?.daysSinceEpoch == 11_016)
        #expect(Day(year: 1969, month: 12, day: 31)?.daysSinceEpoch == -1)
        let friday = try #require(Day(year: 2025, month: 3, day: 7))
        #expect(friday.isoWeekday == 5)
        #expect(Day(daysSinceEpoch: 20_000).iso == "2024-10-04")
        #expect(Day(year: 1, month: 1, day: 1)?.iso == "0001-01-01")
        #expect(Day(year: 9999, month: 12, day: 31)?.iso == "9999-12-31")
        let d = Day(daysSinceEpoch: 20_000)
        #expect((d.year, d.month, d.day) == (2024, 10, 4))
    }

    @Test("invalid civil dates are nil")
    func invalid() {
        #expect(Day(year: 2025, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 1900, month: 2, day: 29) == nil)
        #expect(Day(year: 2000, month: 2, day: 29) != nil)
        #expect(Day(year: 2025, month: 13, day: 1) == nil)
        #expect(Day(year: 2025, month: 4, day: 31) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
        #expect(Day(parsing: "2025-02-29") == nil)
        #expect(Day(parsing: "2025-2-28") == nil)
    }

    @Test("days → civil date → days round-trips over years 1–9999")
    func roundTrip() {
        let first = Int(Day(year: 1, month: 1, day: 1)?.daysSinceEpoch ?? 0)
        let last = Int(Day(year: 9999, month: 12, day: 31)?.daysSinceEpoch ?? 0)
        for d in stride(from: first, through: last, by: 997) + [first, last] {
            let day = Day(daysSinceEpoch: Int32(d))
            let c = day.components
            #expect(Day(year: c.year, month: c.month, day: c.day) == day)
            #expect(Day(parsing: day.iso) == day)
        }
    }

    @Test("both spec forms parse to the same day")
    func parsing() {
        #expect(Day(parsing: "2026-11-27") == Day(parsing: "27/11/2026"))
        #expect(Day(parsing: "2026-11-27")?.iso == "2026-11-27")
    }

    @Test("zero padding, with the sign in front")
    func padding() {
        #expect(Day.zeroPadded(7, width: 2) == "07")
        #expect(Day.zeroPadded(2025, width: 4) == "2025")
        #expect(Day.zeroPadded(12_345, width: 4) == "12345")
        #expect(Day.zeroPadded(-5, width: 4) == "-0005")
        #expect(Day.zeroPadded(0, width: 2) == "00")
    }
}
