import Testing
import CivilCalendar

@Suite("Indonesian public holidays")
struct IndonesianHolidaysTests {
    @Test("every year 2024–2030 holds one Christmas, one Idul Fitri and one Idul Adha, in date order")
    func oneOfEachAYear() {
        for year in IndonesianHolidays.years {
            for kind in IndonesianHolidays.Kind.allCases {
                #expect(IndonesianHolidays.holidays(of: kind).filter { $0.day.year == year }.count == 1, "\(kind) \(year)")
            }
        }
        let days = IndonesianHolidays.all.map(\.day)
        #expect(days == days.sorted())
    }

    @Test("the decreed first days off: Lebaran 2026 from Friday 20 March, Idul Adha 2026 on 27 May")
    func decreed() throws {
        let fitri = IndonesianHolidays.holidays(of: .idulFitri).first { $0.day.year == 2026 }
        #expect(fitri?.day == Day(year: 2026, month: 3, day: 20))
        let adha = IndonesianHolidays.holidays(of: .idulAdha).first { $0.day.year == 2026 }
        #expect(adha?.day == Day(year: 2026, month: 5, day: 27))
    }

    @Test("a week ending on a report date holds the holiday when its first day falls in the 7 days before it")
    func weeks() throws {
        let report = try #require(Day(year: 2026, month: 3, day: 20))  // a Friday
        #expect(IndonesianHolidays.weeks(endingOn: report).map(\.kind) == [.idulFitri])
        #expect(IndonesianHolidays.weeks(endingOn: report).map(\.weekAfter) == [0])
        #expect(IndonesianHolidays.weeks(endingOn: report.adding(days: 7)).map(\.weekAfter) == [1])
        #expect(IndonesianHolidays.weeks(endingOn: report.adding(days: 14)).isEmpty)
        #expect(IndonesianHolidays.weeks(endingOn: report.adding(days: -1)).isEmpty)
    }
}
