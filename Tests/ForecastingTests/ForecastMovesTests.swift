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
}
