import Testing
import CivilCalendar

@Suite("Date → week index")
struct WeekIndexTests {
    let start = Day(daysSinceEpoch: 20_000)

    /// The floating-point forms the week index was computed with before it had one home:
    /// `(d / 7).rounded()` (half away from zero), and the integer floor and ceiling.
    func reference(_ d: Int) -> (down: Int, nearest: Int, up: Int) {
        let q = Double(d) / 7
        return (Int(q.rounded(.down)), Int(q.rounded()), Int(q.rounded(.up)))
    }

    @Test("each rounding on every offset from −60 to 60 days")
    func roundings() {
        for d in -60...60 {
            let day = start.adding(days: d)
            let r = reference(d)
            #expect(start.weeks(to: day, rounding: .down) == r.down, "down, \(d) days")
            #expect(start.weeks(to: day, rounding: .nearest) == r.nearest, "nearest, \(d) days")
            #expect(start.weeks(to: day, rounding: .up) == r.up, "up, \(d) days")
        }
    }

    @Test("the cases the callers rely on")
    func edges() {
        func w(_ d: Int, _ r: Day.WeekRounding) -> Int { start.weeks(to: start.adding(days: d), rounding: r) }
        // On the grid every rounding agrees.
        for k in -3...3 {
            #expect(w(7 * k, .down) == k && w(7 * k, .nearest) == k && w(7 * k, .up) == k)
        }
        // Nearest: 3 days past a week round down, 4 round up; the same mirrored before it.
        #expect(w(3, .nearest) == 0 && w(4, .nearest) == 1)
        #expect(w(-3, .nearest) == 0 && w(-4, .nearest) == -1)
        // Down never passes the day, up never comes before it.
        #expect(w(1, .down) == 0 && w(6, .down) == 0 && w(-1, .down) == -1)
        #expect(w(1, .up) == 1 && w(6, .up) == 1 && w(-1, .up) == 0 && w(-7, .up) == -1)
        // The grid week of a rounded-down index is on or before the day; of a rounded-up
        // one on or after it.
        for d in -20...20 {
            #expect(7 * w(d, .down) <= d && d < 7 * (w(d, .down) + 1))
            #expect(7 * w(d, .up) >= d && d > 7 * (w(d, .up) - 1))
        }
    }

    @Test("far from the start")
    func far() {
        let d = 7 * 52 * 100 + 5
        #expect(start.weeks(to: start.adding(days: d), rounding: .down) == 5200)
        #expect(start.weeks(to: start.adding(days: d), rounding: .nearest) == 5201)
        #expect(start.weeks(to: start.adding(days: -d), rounding: .up) == -5200)
        #expect(start.weeks(to: start.adding(days: -d), rounding: .nearest) == -5201)
    }
}
