import KendaliData
import Testing
@testable import Simulation

@Suite("The simulator's holidays")
struct HolidayCalendarTests {
    @Test("the simulated worlds' holidays are the civil calendar's, late 2025 to mid 2028, with the simulator's multipliers")
    func fromTheCalendar() throws {
        let expected: [(Day?, Double, Double)] = [
            (Day(year: 2025, month: 12, day: 25), 0.7, 0.85), (Day(year: 2026, month: 3, day: 20), 0.35, 0.7),
            (Day(year: 2026, month: 5, day: 27), 0.85, 1), (Day(year: 2026, month: 12, day: 25), 0.7, 0.85),
            (Day(year: 2027, month: 3, day: 10), 0.35, 0.7), (Day(year: 2027, month: 5, day: 17), 0.85, 1),
            (Day(year: 2027, month: 12, day: 25), 0.7, 0.85), (Day(year: 2028, month: 2, day: 27), 0.35, 0.7),
            (Day(year: 2028, month: 5, day: 5), 0.85, 1),
        ]
        let got = ProvinceTimeline.holidays
        try #require(got.count == expected.count)
        for (g, e) in zip(got, expected) {
            #expect(g.0 == e.0 && g.1 == e.1 && g.2 == e.2)
        }
    }
}
