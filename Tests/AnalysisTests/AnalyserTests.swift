import Foundation
import KendaliData
import Testing
@testable import Reports

@Suite("The report's figures")
struct ReportBuilderTests {
    @Test func headlineMatchesTheZonesOfTheLatestWeek() throws {
        let (report, _) = try ReportFixtures.report()
        let h = report.headline
        #expect(report.asOf == ReportFixtures.lastDate)
        #expect(h.known == 20)
        #expect(h.reporting == 20)
        #expect(h.zones.total == 20)
        #expect(h.stages.byStage.reduce(0, +) == 20)
        // #17 stalled, #18 disputed land, #19 no land in the portal: red.
        #expect(h.zones.merah >= 3)
        #expect(report.trend.dates.count == ReportFixtures.weekCount)
        #expect(report.trend.tallies.last == h.zones)
        // Week 10: #5 missing.
        #expect(report.trend.tallies[10].total == 19)
        // The breakdown adds up to the headline.
        var sum = ZoneTally()
        for row in report.breakdown.rows { sum.add(row.zones) }
        #expect(sum == h.zones)
        #expect(report.breakdown.level == .regency)
        #expect(report.breakdown.rows.map(\.name) == ["Lombok Barat", "Lombok Tengah"])
        #expect(report.unitName == "Nusa Tenggara Barat")
    }

    @Test func zonesAgreeWithTheStatusReport() throws {
        let history = ReportFixtures.history()
        let (report, _) = try ReportFixtures.report()
        let status = try #require(StatusReport.compute(history: history, level: .regency))
        #expect(status.total.current.hijau == report.headline.zones.hijau)
        #expect(status.total.current.kuning == report.headline.zones.kuning)
        #expect(status.total.current.merah == report.headline.zones.merah)
        #expect(status.total.current.portalLandNotReady == report.headline.stages.portalLandNotReady)
        #expect(status.total.previous.hijau == report.headline.previousZones?.hijau)
    }

    @Test func redReasonsAreNamed() throws {
        let (report, _) = try ReportFixtures.report()
        let pass = ZonePass(weeks: ReportFixtures.history().weeks, unit: report.unit, childLevel: .regency, rules: .default)
        let reasons = pass.cooperatives.compactMap(\.redReason)
        #expect(reasons.contains(.landDisputed))
        #expect(reasons.contains(.noLand))
        #expect(reasons.contains(.stalledConstruction))
    }

    @Test func burnUpIsCumulativeAndNeverAboveTheTotal() throws {
        let (report, _) = try ReportFixtures.report()
        let b = report.burnUp
        #expect(zip(b.observed, b.observed.dropFirst()).allSatisfy { $0 <= $1 })
        #expect((b.observed.last ?? 0) <= b.total)
        #expect((b.observed.last ?? 0) > 0)
        if case .unavailable(let key, _) = b.forecast {
            #expect(key == .forecastNotRequested)
        } else {
            Issue.record("the forecast was not requested but is present")
        }
    }

    @Test func tiersNarrowTheReport() throws {
        let (regency, _) = try ReportFixtures.report(level: .regency(5202))
        #expect(regency.headline.known == 10)
        #expect(regency.unitName == "Lombok Tengah")
        #expect(regency.breakdown.level == .district)
        #expect(regency.breakdown.rows.map(\.name) == ["Praya", "Pujut"])
        let (district, _) = try ReportFixtures.report(level: .district(520101))
        #expect(district.headline.known == 5)
        #expect(district.breakdown.level == .village)
        #expect(district.breakdown.rows.count == 5)
        #expect(throws: ReportError.self) { try ReportFixtures.report(level: .regency(5299)) }
    }

    @Test func changesThisWeekAreThoseWhoseZoneDiffers() throws {
        let (report, _) = try ReportFixtures.report()
        let pass = ZonePass(weeks: ReportFixtures.history().weeks, unit: report.unit, childLevel: .regency, rules: .default)
        let expected = pass.cooperatives.filter { $0.zone != $0.previousZone }.map(\.kode)
        #expect(Set(report.changes.map(\.kode)) == Set(expected))
        for change in report.changes { #expect(change.from != change.to) }
    }

    @Test func survivalCurvesStartAtOneAndFall() throws {
        let (report, _) = try ReportFixtures.report()
        let s = try #require(report.survival.value)
        #expect(s.overall.cooperatives == 20)
        #expect(s.overall.events == report.headline.everGreen)
        #expect(s.overall.survival.first == 1)
        #expect(zip(s.overall.survival, s.overall.survival.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(s.groups.count == 2)
        for g in s.groups {
            #expect(zip(g.lower, g.upper).allSatisfy { $0 <= $1 })
        }
    }

    @Test func sCurvesShowTheMostDelayedBuilders() throws {
        let (report, _) = try ReportFixtures.report()
        let s = try #require(report.sCurves.value)
        #expect(s.selection == .mostDelayed)
        #expect(!s.panels.isEmpty)
        // The stalled cooperative has been building the longest of those still building.
        #expect(s.panels.first?.kode == ReportFixtures.codes[17])
        for p in s.panels {
            #expect(p.projection.isEmpty)  // no forecast: no projection, never invented
            #expect(!p.observed.isEmpty)
        }
    }

    @Test func prioritiesFillTheirSectionOnlyWhenGiven() throws {
        let (plain, doc) = try ReportFixtures.report()
        guard case .unavailable(.prioritiesNotGiven, _) = plain.priorities else {
            Issue.record("priorities should be unavailable without input")
            return
        }
        #expect(doc.table(named: "priorities") == nil)
        let csv = """
            kode_koperasi,zone,intervention,p50_now,p50_after,weeks_gained,reason
            \(ReportFixtures.codes[3]),kuning,land,2027-03-05,2027-01-22,6,"Land is the bottleneck, resolve it"
            9999012001,merah,labour,2027-03-05,2027-02-26,1,outside the province
            \(ReportFixtures.codes[17]),merah,technical,,2027-02-05,,stalled
            """
        let input = try PriorityList.parse(csv: csv, source: "rank.csv")
        #expect(input.entries.count == 3)
        #expect(input.entries[0].reason == "Land is the bottleneck, resolve it")
        #expect(input.entries[2].p50Now == nil)
        let (report, document) = try ReportFixtures.report(priorities: input)
        let p = try #require(report.priorities.value)
        #expect(p.entries.map(\.kode) == [ReportFixtures.codes[3], ReportFixtures.codes[17]])
        #expect(document.table(named: "priorities")?.rows.count == 2)
        // The S-curves now follow the ranking.
        #expect(report.sCurves.value?.selection == .priority)
        #expect(report.sCurves.value?.panels.first?.kode == ReportFixtures.codes[3])
    }

    @Test func badPrioritiesAreRefusedWithTheLine() {
        #expect(throws: ReportError.invalidPriorities(source: "p.csv", reason: "no kode_koperasi column")) {
            try PriorityList.parse(csv: "a,b\n1,2\n", source: "p.csv")
        }
        #expect(throws: ReportError.self) {
            try PriorityList.parse(csv: "kode_koperasi,intervention,p50_now\n5201012001,land,soon\n", source: "p.csv")
        }
        #expect(throws: ReportError.self) {
            try PriorityList.parse(csv: "kode_koperasi,intervention\nnot-a-code,land\n", source: "p.csv")
        }
    }

    @Test func warningsOfImportReachTheReport() throws {
        let (report, _) = try ReportFixtures.report()
        let kinds = report.warnings.counts.map(\.kind)
        #expect(kinds.contains(.cooperativeMissing))
        #expect(kinds.contains(.progressDecreased))
        // Province 52 only: a regency report keeps only its own.
        let (regency, _) = try ReportFixtures.report(level: .regency(5202))
        let all = regency.warnings.counts.reduce(0) { $0 + $1.all }
        let province = report.warnings.counts.reduce(0) { $0 + $1.all }
        #expect(all < province)
    }

    @Test func versionsNameRulesAndData() throws {
        let (report, _) = try ReportFixtures.report()
        let v = report.versions
        #expect(v.ruleSet == RuleSet.default.label)
        #expect(v.ruleSetDigest.count == 64)
        #expect(v.dataDigest.count == 64)
        #expect(v.dataSource == "folder snapshots")  // never the machine's full path
        #expect(v.weeks == ReportFixtures.weekCount)
        #expect(v.latestFile == "2026-11-27.csv")
        #expect(v.forecast == nil)
    }

    @Test func asOfCutsTheHistory() throws {
        let history = ReportFixtures.history()
        let asOf = ReportFixtures.firstDate.adding(days: 7 * 9 + 3)
        let report = try ReportBuilder.build(
            history: history, options: ReportOptions(asOf: asOf, forecast: false))
        #expect(report.asOf == ReportFixtures.firstDate.adding(days: 63))
        #expect(report.trend.dates.count == 10)
        #expect(throws: ReportError.noWeeks) {
            try ReportBuilder.build(
                history: history, options: ReportOptions(asOf: ReportFixtures.firstDate.adding(days: -1), forecast: false))
        }
    }

    @Test func forecastSectionsAreFilledFromTheForecast() throws {
        let (report, document) = try ReportFixtures.report(forecast: true)
        switch report.burnUp.forecast {
        case let .available(f):
            #expect(f.total == 20)
            #expect(f.dates.first == report.asOf)
            for k in f.expected.indices {
                // The expectation is a mean and may leave the P10–P90 band of a small count.
                #expect(f.lower[k] <= f.upper[k])
                #expect(f.lower[k] >= 0 && f.upper[k] <= 20 && f.expected[k] <= 20)
            }
            if let d50 = f.date50, let d90 = f.date90 { #expect(d50 <= d90) }
            #expect(document.table(named: "forecast_dates")?.rows.count == 3)
            let factors = try #require(report.factors.value)
            #expect(factors.factors.count == 4)
            #expect(report.versions.forecast?.seed == 7)
        case let .unavailable(key, detail):
            // The models may refuse a world this small; then the report says so and shows
            // no forecast numbers.
            #expect(key == .forecastFailed, "\(detail ?? "")")
            #expect(document.table(named: "forecast_dates") == nil)
        }
    }
}
