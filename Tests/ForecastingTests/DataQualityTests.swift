import KendaliData
import Testing

@testable import Forecasting

/// Data quality (stale, inconsistent) and the forecast intervals of cooperatives whose
/// state is uncertain, on ``SyntheticPanel`` with a few cooperatives' reports edited.
@Suite("Data quality of the forecast")
struct DataQualityTests {
    static let world = SyntheticPanel(cooperativesPerRegency: 40, weeks: 40)
    static let base = Panel(history: world.history)
    static let last = world.history.weeks.count - 1
    static let options = ForecastOptions(seed: 5, paths: 200)

    /// The history with every record passed through `edit` (`nil` drops it), `t` its week.
    static func edited(_ edit: (_ t: Int, _ r: SnapshotRecord) -> SnapshotRecord?) -> SnapshotHistory {
        let weeks = world.history.weeks.enumerated().map { t, w in
            SnapshotHistory.Week(date: w.date, fileName: w.fileName, contentDigest: w.contentDigest,
                                 records: w.records.compactMap { edit(t, $0) }, warnings: [])
        }
        return SnapshotHistory(source: .memory, weeks: weeks)
    }

    /// Codes of cooperatives building at the last week with progress in 20…80 that reported
    /// every one of the last six weeks.
    static func building(_ count: Int) -> [CooperativeCode] {
        var out: [CooperativeCode] = []
        for i in 0..<base.cooperativeCount where out.count < count {
            let c = base.cell(i, last)
            let p = base.progress[c]
            guard base.tahap[c] == Tahap.pembangunan.code, p >= 20, p <= 80 else { continue }
            guard (last - 5...last).allSatisfy({ base.present[base.cell(i, $0)] == 1 }) else { continue }
            out.append(base.codes[i])
        }
        return out
    }

    /// P90 − P10 in weeks, a date beyond the horizon counted as the week after it.
    static func width(_ c: CooperativeForecast, asOf t: Int, horizon: Int) -> Int {
        (c.p90 ?? t + horizon + 1) - (c.p10 ?? t + horizon + 1)
    }

    @Test("stale after 3 silent weeks, inconsistent on a fall of more than 2 points or a stage going back")
    func classification() throws {
        let codes = Self.building(4)
        try #require(codes.count == 4)
        let history = Self.edited { t, r in
            var r = r
            if r.kode == codes[0], t > Self.last - 3 { return nil }  // last report 3 weeks before: stale
            if r.kode == codes[1], t > Self.last - 2 { return nil }  // 2 weeks: still ok
            if r.kode == codes[2], t == Self.last { r.progresFisik = (r.progresFisik ?? 0) - 15 }
            if r.kode == codes[3], t == Self.last { r.tahap = .portal }
            return r
        }
        let panel = Panel(history: history)
        func quality(_ code: CooperativeCode) -> DataQuality {
            panel.dataQuality(of: panel.codes.firstIndex(of: code) ?? 0, at: Self.last)
        }
        #expect(quality(codes[0]) == .stale)
        #expect(quality(codes[1]) == .ok)
        #expect(quality(codes[2]) == .inconsistent)
        #expect(quality(codes[3]) == .inconsistent)
        // The planted report going backwards by 0.8 point is reporting noise, not a contradiction.
        let noisy = try #require(panel.codes.firstIndex { $0.value == 5_201_032_003 })
        for t in 1...Self.last { #expect(!panel.contradicts(cooperative: noisy, at: t)) }
        let f = try GreenForecaster.forecast(panel: panel, asOfWeek: Self.last, options: Self.options)
        #expect(f.cooperatives.first { $0.code == codes[0] }?.dataQuality == .stale)
        #expect(f.cooperatives.first { $0.code == codes[2] }?.dataQuality == .inconsistent)
    }

    @Test("a stale cooperative's interval is at least as wide as with its last report fresh")
    func staleIsNotNarrower() throws {
        let codes = Self.building(6)
        try #require(codes.count == 6)
        let silent = 4
        let chosen = Set(codes)
        // Stale: silent for the last `silent` weeks. Fresh: the same last report re-sent each
        // of those weeks, so its state now is known and is the one last seen.
        var lastSeen: [CooperativeCode: SnapshotRecord] = [:]
        let stale = Panel(history: Self.edited { t, r in
            if chosen.contains(r.kode), t > Self.last - silent { return nil }
            if chosen.contains(r.kode) { lastSeen[r.kode] = r }
            return r
        })
        let fresh = Panel(history: Self.edited { t, r in
            guard chosen.contains(r.kode), t > Self.last - silent, var copy = lastSeen[r.kode] else { return r }
            copy.tanggal = r.tanggal
            return copy
        })
        let model = try ForecastModel(panel: stale, asOfWeek: Self.last)
        let a = GreenForecaster.forecast(panel: stale, model: model, options: Self.options)
        let b = GreenForecaster.forecast(panel: fresh, model: model, options: Self.options)
        let H = Self.options.horizon
        for code in codes {
            let s = try #require(a.cooperatives.first { $0.code == code })
            let f = try #require(b.cooperatives.first { $0.code == code })
            #expect(s.dataQuality == .stale)
            #expect(f.dataQuality == .ok)
            #expect(Self.width(s, asOf: Self.last, horizon: H) >= Self.width(f, asOf: Self.last, horizon: H),
                    "\(code): stale \(s.p10 ?? -1)–\(s.p90 ?? -1), fresh \(f.p10 ?? -1)–\(f.p90 ?? -1)")
        }
        // Every other cooperative's forecast is the same on both panels.
        for (s, f) in zip(a.cooperatives, b.cooperatives) where !chosen.contains(s.code) {
            let same: Bool = s.code == f.code && s.p10 == f.p10 && s.p50 == f.p50 && s.p90 == f.p90
            #expect(same)
        }
    }

    @Test("an inconsistent cooperative's interval is at least as wide as without the contradiction")
    func inconsistentIsNotNarrower() throws {
        let codes = Self.building(6)
        try #require(codes.count == 6)
        let chosen = Set(codes)
        var progressNow: [CooperativeCode: Double] = [:]
        for w in Self.world.history.weeks.last?.records ?? [] where chosen.contains(w.kode) {
            progressNow[w.kode] = w.progresFisik ?? 0
        }
        // Inconsistent: the report before the last claims 12 points more than the last.
        // Without the contradiction: it claims what the last does.
        func panel(_ extra: Double) -> Panel {
            Panel(history: Self.edited { t, r in
                guard chosen.contains(r.kode), t == Self.last - 1, let p = progressNow[r.kode] else { return r }
                var r = r
                r.progresFisik = p + extra
                return r
            })
        }
        let contradicted = panel(12), agreeing = panel(0)
        let model = try ForecastModel(panel: contradicted, asOfWeek: Self.last)
        let a = GreenForecaster.forecast(panel: contradicted, model: model, options: Self.options)
        let b = GreenForecaster.forecast(panel: agreeing, model: model, options: Self.options)
        let H = Self.options.horizon
        var earlier = 0
        for code in codes {
            let s = try #require(a.cooperatives.first { $0.code == code })
            let f = try #require(b.cooperatives.first { $0.code == code })
            #expect(s.dataQuality == .inconsistent)
            #expect(f.dataQuality == .ok)
            #expect(Self.width(s, asOf: Self.last, horizon: H) >= Self.width(f, asOf: Self.last, horizon: H))
            if let p = s.p10, let q = f.p10, p <= q { earlier += 1 }
        }
        // The higher reading finishes sooner: the pooled P10 is never later.
        #expect(earlier == codes.count)
    }

    @Test("the backtest scores each data quality apart, and their counts add up")
    func backtestByQuality() throws {
        let codes = Self.building(6)
        let chosen = Set(codes)
        let cut = Self.last - 8
        let panel = Panel(history: Self.edited { t, r in
            chosen.contains(r.kode) && t > cut - 4 && t <= cut ? nil : r
        })
        let results = try Backtester.run(panel: panel, cutoffs: [cut], options: ForecastOptions(seed: 2, paths: 60))
        let r = try #require(results.first)
        let stale = try #require(r.modelScoresByDataQuality.first { $0.quality == .stale })
        #expect(stale.forecast >= codes.count)
        let forecast: Int = r.modelScoresByDataQuality.map { $0.forecast }.reduce(0, +)
        let scored: Int = r.modelScoresByDataQuality.map { $0.score.scored }.reduce(0, +)
        #expect(forecast == r.forecast)
        #expect(scored == r.scores[0].scored)
    }
}
