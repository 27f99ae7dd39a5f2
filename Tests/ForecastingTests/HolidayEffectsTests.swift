import KendaliData
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import Forecasting

@Suite("Holiday effects on the common weekly shock")
struct HolidayEffectsTests {
    typealias Sums = (rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)

    /// 100 rows a week, each expected 1 point and observed `exp(ℓ_t)` (no sampling noise).
    static func sums(_ logs: [Double]) -> [Sums] {
        logs.map { l in
            let r = exp(l)
            return (100, 100 * r, 100, 100 * r * r, 100 * r, 100)
        }
    }

    static let first = Day(year: 2025, month: 8, day: 1)!
    static let dates = (0..<70).map { first.adding(days: 7 * $0) }

    /// ±0.05 in ordinary weeks, the given effects in the holiday weeks.
    static func logs(_ effect: [Int: Double]) -> [Double] {
        dates.enumerated().map { t, d in
            let base = 0.05 * sin(Double(t) * 1.7)
            return base + (HolidayEffects.cell(endingOn: d).flatMap { effect[$0] } ?? 0)
        }
    }

    @Test("recovers each holiday's effect and the shock without them")
    func recovers() {
        let truth: [Int: Double] = [0: -0.36, 1: -0.16, 2: -1.05, 3: -0.36, 4: -0.16, 5: 0]
        let fit = HolidayEffects(weeks: Self.sums(Self.logs(truth)), dates: Self.dates, allWeeksShock: 0.3)
        #expect(fit.estimated)
        for (c, e) in fit.effects.enumerated() {
            #expect(e.weeks >= 1)
            #expect(abs(e.logEffect - truth[c]!) < 0.08, "cell \(c): \(e.logEffect)")
        }
        #expect(fit.residualShock < 0.06)
        #expect(fit.spread > 0.3)
        // The forecast's table puts Lebaran 2026's week-of effect on the week ending 2026-03-20.
        let t = Self.first.weeks(to: Day(year: 2026, month: 3, day: 20)!, rounding: .nearest)
        let table = fit.logEffects(first: Self.first, lastWeek: 69, paths: 3, seed: 1)
        #expect(table.count == 3 * 70)
        #expect(abs(table[t] - fit.ordinaryLevel + 1.05) < 0.15)
        #expect(table[t + 2] == fit.ordinaryLevel)  // an ordinary week: the level alone
    }

    @Test("no holiday effect in the history: every effect shrinks to none and the table is empty")
    func none() {
        let fit = HolidayEffects(weeks: Self.sums(Self.logs([:])), dates: Self.dates, allWeeksShock: 0.05)
        #expect(fit.effects.allSatisfy { abs($0.logEffect) < 0.02 })
        #expect(fit.logEffects(first: Self.first, lastWeek: 69, paths: 2, seed: 1).allSatisfy { abs($0) < 0.1 })
    }

    @Test("a holiday the history never saw keeps no effect, drawn with the spread of the others")
    func unseen() {
        let truth: [Int: Double] = [0: -0.36, 1: -0.16]
        let early = Array(Self.dates.prefix(28))  // to 2026-02-06: Christmas only
        let fit = HolidayEffects(weeks: Self.sums(Array(Self.logs(truth).prefix(28))), dates: early, allWeeksShock: 0.2)
        let fitri = fit.effects[2]
        #expect(fitri.weeks == 0 && fitri.logEffect == 0)
        #expect(fitri.logEffectStandardDeviation == fit.spread && fit.spread > 0.1)
    }
}
