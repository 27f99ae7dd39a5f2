import Analysis
import Forecasting
import Foundation
import KendaliData
import Simulation
import Testing

/// Green is defined once and counted the same everywhere: "green this week" (the zone of the
/// week's reports) in the headline, `status` and the burn-up's `green_now`; "ever green"
/// (green at some report so far, what the forecast is about) in the headline, the burn-up's
/// `observed_green` and the forecast's `green_at_as_of`. Checked for every tier (province,
/// each regency, each district) and every week of the bundled data, and on a small national
/// world from the simulator.
@Suite(.serialized) struct GreenConsistencyTests {
    /// The package's root folder (three levels above this file).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The forecast's two counts for the cooperatives `include` accepts at week `t`: green
    /// this week and ever green, from the panel the forecast runs on.
    static func panelCounts(_ panel: Panel, week t: Int, include: (CooperativeCode) -> Bool) -> (now: Int, ever: Int) {
        var now = 0, ever = 0
        for i in 0..<panel.cooperativeCount where include(panel.codes[i]) {
            if panel.isGreenReport(i, at: t) { now += 1 }
            if panel.greenWeek[i] >= 0, Int(panel.greenWeek[i]) <= t { ever += 1 }
        }
        return (now, ever)
    }

    /// Checks every tier of `history` at every week (status at each level, the burn-up of
    /// each tier, the panel's counts), the headline at the last week of each tier and at
    /// every week of `headlineTier`, and the forecast's ever-green counts at `forecastWeeks`.
    static func check(history: SnapshotHistory, tiers: [ReportLevel], levels: [AdminLevel], headlineTier: ReportLevel,
                      forecastWeeks: [Int]) throws {
        let weeks = history.weeks
        let panel = Panel(history: history)
        #expect(panel.weekCount == weeks.count, "the bundled weeks are on the weekly grid")
        // Status: hijau per unit at every level and week, against the panel's green this week.
        var statusGreen: [AdminUnit: [Int]] = [:]
        for (t, week) in weeks.enumerated() {
            for level in levels {
                let status = try #require(StatusReport.compute(history: history, asOf: week.date, level: level))
                for u in status.units {
                    statusGreen[u.unit, default: Array(repeating: 0, count: weeks.count)][t] = u.current.hijau
                    let counts = panelCounts(panel, week: t) { u.unit.contains($0) }
                    #expect(u.current.hijau == counts.now, "status \(u.unit) week \(week.date.iso)")
                }
            }
        }
        // Each tier: headline and burn-up (every week) against status and the panel.
        var analysed: [(tier: ReportLevel, unit: AdminUnit, burnUp: BurnUp)] = []
        for tier in tiers {
            let a = try Analyser.analyse(history: history, options: AnalysisOptions(level: tier, forecast: false))
            analysed.append((tier, a.unit, a.burnUp))
            let b = a.burnUp
            #expect(b.observedDates == weeks.map(\.date))
            #expect(a.headline.zones.hijau == b.greenNow.last, "\(tier) headline green this week")
            #expect(a.headline.everGreen == b.observed.last, "\(tier) headline ever green")
            for t in weeks.indices {
                let counts = panelCounts(panel, week: t) { a.unit.contains($0) }
                #expect(b.greenNow[t] == counts.now, "\(tier) green_now week \(t)")
                #expect(b.observed[t] == counts.ever, "\(tier) observed_green week \(t)")
                #expect(b.greenNow[t] <= b.observed[t])
                if let s = statusGreen[a.unit] { #expect(s[t] == b.greenNow[t], "\(tier) status week \(t)") }
            }
        }
        // The headline of every week (the analysis as of that week) equals the burn-up's
        // value for that week: the burn-up's past is what the headline said then.
        let whole = try Analyser.analyse(history: history, options: AnalysisOptions(level: headlineTier, forecast: false))
        for (t, week) in weeks.enumerated() {
            let then = try Analyser.analyse(
                history: history, options: AnalysisOptions(level: headlineTier, asOf: week.date, forecast: false))
            #expect(then.headline.zones.hijau == whole.burnUp.greenNow[t], "headline green this week \(week.date.iso)")
            #expect(then.headline.everGreen == whole.burnUp.observed[t], "headline ever green \(week.date.iso)")
        }
        // The forecast counts ever green: its curves start from the burn-up's observed value.
        for t in forecastWeeks {
            let forecast = try GreenForecaster.forecast(panel: panel, asOfWeek: t, options: ForecastOptions(paths: 8))
            for (tier, unit, burnUp) in analysed {
                let curve = forecast.curve(name: unit.dotted, panel: panel) { unit.contains(panel.codes[$0]) }
                #expect(curve.greenAtAsOf == burnUp.observed[t], "\(tier) forecast vs burn-up, week \(t)")
                #expect(curve.total == burnUp.total, "\(tier) forecast set vs unit")
            }
            if let all = forecast.curves.first(where: { $0.name == "all" }) {
                #expect(all.greenAtAsOf == panelCounts(panel, week: t) { _ in true }.ever)
            }
        }
    }

    @Test func bundledDataAgreeAtEveryTierAndWeek() throws {
        let history = try SnapshotHistory.load(folder: Self.root.appendingPathComponent("datasets/ntb/snapshots").path)
        let last = history.weeks.count - 1
        var regencies = Set<Int64>(), districts = Set<Int64>()
        for r in history.weeks[last].records {
            regencies.insert(AdminUnit(r.kode, at: .regency).code)
            districts.insert(AdminUnit(r.kode, at: .district).code)
        }
        for week in history.weeks {
            for r in week.records { districts.insert(AdminUnit(r.kode, at: .district).code) }
        }
        let tiers: [ReportLevel] = [.province(nil)] + regencies.sorted().map { .regency(Int($0)) }
            + districts.sorted().map { .district(Int($0)) }
        #expect(tiers.count > 50)
        try Self.check(history: history, tiers: tiers, levels: [.province, .regency, .district],
                       headlineTier: .province(nil), forecastWeeks: [last / 2, last])
        // The full report's own forecast starts from the same ever-green count.
        let a = try Analyser.analyse(history: history, options: AnalysisOptions(paths: 20))
        let curve = try #require(a.burnUp.forecast.value)
        #expect(curve.greenAtAsOf == a.headline.everGreen)
        #expect(a.headline.zones.hijau == a.burnUp.greenNow.last)
    }

    @Test func nationalWorldAgrees() throws {
        let world = try WorldSimulator.simulate(SimulationConfiguration(seed: 11, provinces: 2, weeks: 12, capWeeks: 12))
        let weeks = world.reportDates.indices.map { w in
            let records = world.records(week: w).sorted { $0.kode < $1.kode }
            return SnapshotHistory.Week(
                date: world.reportDates[w], fileName: world.reportDates[w].iso + ".csv", contentDigest: "", records: records,
                warnings: [])
        }
        let history = SnapshotHistory(source: .memory, weeks: weeks)
        let provinces = Set(weeks[weeks.count - 1].records.map(\.kode.province)).sorted()
        #expect(provinces.count == 2)
        let someRegencies = provinces.compactMap { p in
            weeks[weeks.count - 1].records.first { $0.kode.province == p }.map { AdminUnit($0.kode, at: .regency).code }
        }
        let tiers: [ReportLevel] = [.national] + provinces.map { .province($0) } + someRegencies.map { .regency(Int($0)) }
        try Self.check(history: history, tiers: tiers, levels: [.province, .regency], headlineTier: .national,
                       forecastWeeks: [weeks.count - 1])
    }
}
