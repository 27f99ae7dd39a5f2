import KendaliData
import Testing

@testable import Forecasting

/// Why a forecast moved: the changes of a week's report and the one that explains most of
/// the move, on ``SyntheticPanel`` with one cooperative's land taken away in the last week.
@Suite("Forecast moves")
struct ForecastMovesTests {
    static let world = SyntheticPanel(cooperativesPerRegency: 40, weeks: 26)

    @Test("land ready → none in the last report: the P50 jumps, and the land change explains it")
    func landLost() throws {
        let base = Panel(history: Self.world.history)
        let T = base.weekCount - 1
        // A cooperative not started, its land ready in the last two reports, in a regency
        // where construction starts.
        let i = try #require((0..<base.cooperativeCount).first { i in
            let a = base.cell(i, T - 1), b = base.cell(i, T)
            return base.codes[i].regency != 5272 && base.present[a] == 1 && base.present[b] == 1
                && base.lahan[a] == StatusLahan.siap.code && base.lahan[b] == StatusLahan.siap.code
                && base.tahap[b] < Tahap.pembangunan.code && base.progress[b].isNaN
        })
        let code = base.codes[i]
        var reports: [Int: SnapshotRecord] = [:]
        let weeks = Self.world.history.weeks.enumerated().map { t, w in
            SnapshotHistory.Week(date: w.date, fileName: w.fileName, contentDigest: "", records: w.records.map { r in
                guard r.kode == code else { return r }
                var r = r
                if t == T { r.statusLahan = .tidakAda; r.catatan = "lahan ditolak" }
                reports[t] = r
                return r
            }, warnings: [])
        }
        let panel = Panel(history: SnapshotHistory(source: .memory, weeks: weeks))
        let options = ForecastOptions(seed: 4, paths: 200)
        let steps = try ForecastMoves.history(panel: panel, cooperative: i, weeks: [T - 1, T], options: options,
                                              reports: reports)
        #expect(steps.count == 2)
        #expect(steps[0].p50Move == nil && steps[0].changes.isEmpty)
        let move = try #require(steps[1].p50Move)
        #expect(move >= ForecastMoves.minimumMove)
        #expect(steps[1].changes.contains(InputChange(column: "status_lahan", from: "siap", to: "tidak_ada")))
        #expect(steps[1].changes.contains(InputChange(column: "catatan", from: "", to: "lahan ditolak")))
        let x = try #require(steps[1].explanation)
        #expect(x.change.column == "status_lahan")
        #expect(2 * x.weeks >= move)
        // The forecasts are those of the full forecast at each week.
        for s in steps {
            let full = try GreenForecaster.forecast(panel: panel, asOfWeek: s.week, options: options)
            let c = try #require(full.cooperatives.first { $0.index == i })
            #expect(s.forecast == QuantileForecast(p10: c.p10, p50: c.p50, p90: c.p90))
        }
    }

    @Test("moves count a date beyond the horizon as the week after it")
    func moveArithmetic() {
        #expect(ForecastMoves.move(from: 10, asOf: 5, to: 13, asOf: 6, horizon: 20) == 3)
        #expect(ForecastMoves.move(from: 10, asOf: 5, to: nil, asOf: 6, horizon: 20) == 17)
        #expect(ForecastMoves.move(from: nil, asOf: 5, to: nil, asOf: 6, horizon: 20) == 0)
        #expect(ForecastMoves.move(from: nil, asOf: 5, to: 12, asOf: 6, horizon: 20) == -14)
    }

    @Test("reverting a column the forecast does not read gives no panel")
    func reverting() {
        let panel = Panel(history: Self.world.history)
        #expect(ForecastMoves.reverting("catatan", panel: panel, cooperative: 0, week: 2, previous: 1) == nil)
        let p = ForecastMoves.reverting("progres_fisik", panel: panel, cooperative: 0, week: 2, previous: 1)
        #expect(p != nil)
    }

    @Test("one change reverted: the single-cooperative re-forecast is the one a new evaluator on the whole reverted panel gives, rationed queues included")
    func reforecastMatchesRebuild() throws {
        let panel = StartCapacityTests.rationed
        let T = panel.weekCount - 1, previous = T - 4
        let options = ForecastOptions(seed: 3, paths: 60)
        let model = try ForecastModel(panel: panel, asOfWeek: T)
        #expect(model.startCapacity.anyRationed)
        let evaluator = ScenarioEvaluator(panel: panel, model: model, options: options)
        var cases: [(i: Int, column: String)] = []
        for i in GreenForecaster.forecastable(panel: panel, asOfWeek: T) {
            let a = panel.cell(i, previous), b = panel.cell(i, T)
            guard panel.present[a] == 1, panel.present[b] == 1 else { continue }
            if panel.tahap[a] != panel.tahap[b] { cases.append((i, "tahap")) }
            if panel.lahan[a] != panel.lahan[b] { cases.append((i, "status_lahan")) }
        }
        cases = Array(cases.prefix(24))
        var membership = 0
        for (i, column) in cases {
            let reverted = try #require(
                ForecastMoves.reverting(column, panel: panel, cooperative: i, week: T, previous: previous))
            let now = CooperativeStart(panel: panel, cooperative: i, asOfWeek: T).stage
            if now != CooperativeStart(panel: reverted, cooperative: i, asOfWeek: T).stage { membership += 1 }
            let fast = try #require(evaluator.forecasts(reverted: reverted, cooperatives: [i]).first ?? nil)
            let full = try #require(
                ScenarioEvaluator(panel: reverted, model: model, options: options).forecasts([(i, Scenario())]).first)
            #expect(fast.p10 == full.p10 && fast.p50 == full.p50 && fast.p90 == full.p90, "\(i) \(column)")
            #expect(fast.probabilityGreenByTarget == full.probabilityGreenByTarget)
            #expect(fast.expectedDelay == full.expectedDelay)
        }
        // The cooperatives' changes reverted together on one panel: each as alone.
        var together = panel
        var alone: [Int: CooperativeForecast] = [:]
        for (i, column) in cases where alone[i] == nil {
            let reverted = try #require(
                ForecastMoves.reverting(column, panel: panel, cooperative: i, week: T, previous: previous))
            alone[i] = ScenarioEvaluator(panel: reverted, model: model, options: options)
                .forecasts([(i, Scenario())]).first
            #expect(ForecastMoves.revert(column, in: &together, cooperative: i, week: T, previous: previous))
        }
        let chosen = alone.keys.sorted()
        let joint = evaluator.forecasts(reverted: together, cooperatives: chosen)
        for (n, i) in chosen.enumerated() {
            let a = try #require(alone[i]), b = try #require(joint[n])
            #expect(a.p10 == b.p10 && a.p50 == b.p50 && a.p90 == b.p90 && a.expectedDelay == b.expectedDelay, "\(i)")
        }
        #expect(cases.count >= 10)
        #expect(membership > 0)
    }
}
