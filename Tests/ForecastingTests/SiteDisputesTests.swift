import Foundation
import KendaliData
import Testing

@testable import Forecasting

/// Land disputes on building sites (``SiteDisputes``): the work share of a disputed week
/// recovered on ``SyntheticPanel`` with disputes written in, kept out of the factor fit,
/// and the bundled province (a simulated world whose disputes stop a site) read as such.
@Suite("Site disputes")
struct SiteDisputesTests {
    static let world = SyntheticPanel(cooperativesPerRegency: 60, weeks: 40, seed: 11)

    /// The history with, for every third cooperative building at week 20, weeks 21–26
    /// marked `sengketa`; with `stop` its progress held at week 20's through them (the
    /// weeks after resume where they were, so the stop's work comes back in one week).
    static func disputed(stop: Bool) -> (panel: Panel, codes: Set<CooperativeCode>) {
        let weeks = world.history.weeks
        var chosen: Set<CooperativeCode> = []
        var held: [CooperativeCode: Double] = [:]
        var n = 0
        for r in weeks[20].records where r.tahap == .pembangunan {
            if let p = r.progresFisik, p < 60, n % 3 == 0 {
                chosen.insert(r.kode)
                held[r.kode] = p
            }
            n += 1
        }
        let edited = weeks.enumerated().map { t, w in
            SnapshotHistory.Week(date: w.date, fileName: w.fileName, contentDigest: w.contentDigest,
                                 records: w.records.map { r in
                                     guard (21...26).contains(t), chosen.contains(r.kode), r.tahap == .pembangunan else { return r }
                                     var e = r
                                     e.statusLahan = .sengketa
                                     if stop { e.progresFisik = held[r.kode] }
                                     return e
                                 }, warnings: [])
        }
        return (Panel(history: SnapshotHistory(source: .memory, weeks: edited)), chosen)
    }

    static func fit(_ panel: Panel) throws -> (DelayFactorModel, DelayFactorFit) {
        let model = DelayFactorModel(panel: panel, upTo: panel.weekCount - 1)
        return (model, try model.fit())
    }

    @Test("a dispute that stops the site gives a work share near 0; one that does not, near 1")
    func workShareRecovered() throws {
        let stopped = Self.disputed(stop: true)
        let (_, fitStopped) = try Self.fit(stopped.panel)
        let d = SiteDisputes(panel: stopped.panel, upTo: stopped.panel.weekCount - 1, fit: fitStopped)
        #expect(d.disputedWeeks > 100)
        #expect(d.workShare < 0.1, "work share \(d.workShare)")
        #expect(d.isActive)
        #expect(d.episodes >= stopped.codes.count / 2)

        let working = Self.disputed(stop: false)
        let (_, fitWorking) = try Self.fit(working.panel)
        let w = SiteDisputes(panel: working.panel, upTo: working.panel.weekCount - 1, fit: fitWorking)
        #expect(abs(w.workShare - 1) < 2.5 * max(0.05, w.workShareStandardError), "work share \(w.workShare) ± \(w.workShareStandardError)")
    }

    @Test("disputed weeks are not rows of the factor fit")
    func disputedWeeksLeftOut() throws {
        let stopped = Self.disputed(stop: true)
        let sample = ConstructionSample(panel: stopped.panel, upTo: stopped.panel.weekCount - 1)
        let plain = ConstructionSample(panel: Panel(history: Self.world.history), upTo: stopped.panel.weekCount - 1)
        var disputedRows = 0
        for r in 0..<sample.count {
            let c = stopped.panel.cell(Int(sample.cooperative[r]), Int(sample.week[r]))
            if SiteDisputes.disputed(stopped.panel, cell: c) { disputedRows += 1 }
        }
        #expect(disputedRows == 0)
        #expect(sample.count < plain.count)
    }

    @Test("a cooperative in a dispute loses more work to land than without it, and resolving its land takes it back")
    func disputedBuilderForecast() throws {
        let stopped = Self.disputed(stop: true)
        let panel = stopped.panel
        // Cut at week 24: the disputes under way, 4 weeks old.
        let model = try ForecastModel(panel: panel, asOfWeek: 24)
        let options = ForecastOptions(seed: 3, paths: 300)
        let forecast = GreenForecaster.forecast(panel: panel, model: model, options: options)
        let plainPanel = Panel(history: Self.world.history)
        let plain = GreenForecaster.forecast(panel: plainPanel, model: try ForecastModel(panel: plainPanel, asOfWeek: 24),
                                             options: options)
        // The synthetic world's cooperatives turn green beyond the horizon; the weeks of
        // work a path loses to land say where the dispute bites.
        let land = DelayCause.allCases.firstIndex(of: .land) ?? 0
        var later = 0, compared = 0
        let before = Dictionary(uniqueKeysWithValues: plain.cooperatives.map { ($0.code, $0) })
        for c in forecast.cooperatives where stopped.codes.contains(c.code) && c.stage == .building {
            guard let b = before[c.code] else { continue }
            compared += 1
            if c.expectedDelay[land] > b.expectedDelay[land] + 2 { later += 1 }
        }
        #expect(compared >= 10)
        #expect(Double(later) >= 0.8 * Double(compared), "\(later) of \(compared) lose more to land")
        // Land is an intervention for them, and it never makes a date later.
        let kinds = GreenForecaster.applicableInterventions(panel: panel, model: model, options: options)
        let disputedIndices = (0..<panel.cooperativeCount).filter { stopped.codes.contains(panel.codes[$0]) && model.siteDisputes.elapsed[$0] > 0 }
        #expect(!disputedIndices.isEmpty)
        for i in disputedIndices { #expect(kinds[i]?.contains(.land) == true) }
        let cases = disputedIndices.flatMap { i in [(index: i, scenario: Scenario()), (index: i, scenario: Scenario([.land], from: model.asOfWeek + 1))] }
        let results = GreenForecaster.counterfactuals(panel: panel, model: model, options: options, cases: cases)
        var less = 0
        for k in stride(from: 0, to: results.count, by: 2) {
            let base = results[k], resolved = results[k + 1]
            for (a, b) in [(base.p10, resolved.p10), (base.p50, resolved.p50), (base.p90, resolved.p90)] {
                #expect((b ?? Int.max) <= (a ?? Int.max))
            }
            if resolved.expectedDelay[land] + 2 < base.expectedDelay[land] { less += 1 }
        }
        #expect(Double(less) >= 0.8 * Double(disputedIndices.count), "\(less) of \(disputedIndices.count) lose less to land once resolved")
    }

    @Test("the bundled province, where a dispute stops the site: work share near 0, disputes of months")
    func bundled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let history = try SnapshotHistory.load(folder: root.path + "/datasets/ntb/snapshots")
        let panel = Panel(history: history)
        let (_, fit) = try Self.fit(panel)
        let d = SiteDisputes(panel: panel, upTo: panel.weekCount - 1, fit: fit)
        // The simulator stops a site in a dispute (work 0), one arising in 0.1–0.2 % of
        // construction weeks and lasting a median of 26 weeks (85 % resolved at 1/30 a week,
        // 15 % at 1/500).
        #expect(d.workShare + 1.96 * d.workShareStandardError < 0.1)
        #expect(d.onset > 0.0003 && d.onset < 0.003, "onset \(d.onset)")
        let median = try #require(d.law.median())
        #expect(median >= 12 && median <= 45, "median \(median)")
    }
}
