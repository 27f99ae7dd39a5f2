import Foundation
import KendaliData
import Testing
import AnalysisFixtures
@testable import Analysis

@Suite("The week's analysis")
struct AnalyserTests {
    @Test func headlineMatchesTheZonesOfTheLatestWeek() throws {
        let report = try FixtureWorld.analysis()
        let h = report.headline
        #expect(report.asOf == FixtureWorld.lastDate)
        #expect(h.known == 20)
        #expect(h.reporting == 20)
        #expect(h.zones.total == 20)
        #expect(Tahap.allCases.reduce(0) { $0 + h.stages[$1] } == 20)
        #expect(h.stages.cooperatives == 20)
        // #17 stalled, #18 disputed land, #19 no land in the portal: red.
        #expect(h.zones.merah >= 3)
        #expect(report.trend.dates.count == FixtureWorld.weekCount)
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

    @Test func countsAreTheStatusReportsCounts() throws {
        let history = FixtureWorld.history()
        let report = try FixtureWorld.analysis()
        let status = try #require(StatusReport.compute(history: history, level: .regency))
        #expect(status.total.current == report.headline.stages)
        #expect(status.total.previous == report.headline.previousStages)
        for zone in Zone.allCases { #expect(report.headline.stages[zone] == report.headline.zones[zone]) }
        #expect(status.total.previous.hijau == report.headline.previousZones?.hijau)
    }

    @Test func redReasonsAreNamed() throws {
        let report = try FixtureWorld.analysis()
        let pass = ZonePass(weeks: FixtureWorld.history().weeks, unit: report.unit, childLevel: .regency, rules: .default)
        let reasons = pass.cooperatives.compactMap(\.redReason)
        #expect(reasons.contains(.landDisputed))
        #expect(reasons.contains(.noLand))
        #expect(reasons.contains(.stalledConstruction))
    }

    @Test func burnUpIsCumulativeAndNeverAboveTheTotal() throws {
        let report = try FixtureWorld.analysis()
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
        let regency = try FixtureWorld.analysis(level: .regency(5202))
        #expect(regency.headline.known == 10)
        #expect(regency.unitName == "Lombok Tengah")
        #expect(regency.breakdown.level == .district)
        #expect(regency.breakdown.rows.map(\.name) == ["Praya", "Pujut"])
        let district = try FixtureWorld.analysis(level: .district(520101))
        #expect(district.headline.known == 5)
        #expect(district.breakdown.level == .village)
        #expect(district.breakdown.rows.count == 5)
        #expect(throws: AnalysisError.self) { try FixtureWorld.analysis(level: .regency(5299)) }
    }

    @Test func changesThisWeekAreThoseWhoseZoneDiffers() throws {
        let report = try FixtureWorld.analysis()
        let pass = ZonePass(weeks: FixtureWorld.history().weeks, unit: report.unit, childLevel: .regency, rules: .default)
        let expected = pass.cooperatives.filter { $0.zone != $0.previousZone }.map(\.kode)
        #expect(Set(report.changes.map(\.kode)) == Set(expected))
        for change in report.changes { #expect(change.from != change.to) }
    }

    @Test func survivalCurvesStartAtOneAndFall() throws {
        let report = try FixtureWorld.analysis()
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
        let report = try FixtureWorld.analysis()
        let s = try #require(report.sCurves.value)
        #expect(s.selection == .mostDelayed)
        #expect(!s.panels.isEmpty)
        // The stalled cooperative has been building the longest of those still building.
        #expect(s.panels.first?.kode == FixtureWorld.codes[17])
        for p in s.panels {
            #expect(p.projection.isEmpty)  // no forecast: no projection, never invented
            #expect(!p.observed.isEmpty)
        }
    }

    @Test func prioritiesFillTheirSectionOnlyWhenGiven() throws {
        let plain = try FixtureWorld.analysis()
        guard case .unavailable(.prioritiesNotGiven, _) = plain.priorities else {
            Issue.record("priorities should be unavailable without input")
            return
        }
        let csv = """
            kode_koperasi,zone,intervention,p50_now,p50_after,weeks_gained,reason
            \(FixtureWorld.codes[3]),kuning,land,2027-03-05,2027-01-22,6,"Land is the bottleneck, resolve it"
            9999012001,merah,labour,2027-03-05,2027-02-26,1,outside the province
            \(FixtureWorld.codes[17]),merah,technical,,2027-02-05,,stalled
            """
        let input = try PriorityList.parse(csv: csv, source: "rank.csv")
        #expect(input.entries.count == 3)
        #expect(input.entries[0].reason == "Land is the bottleneck, resolve it")
        #expect(input.entries[2].p50Now == nil)
        let report = try FixtureWorld.analysis(priorities: input)
        let p = try #require(report.priorities.value)
        #expect(p.entries.map(\.kode) == [FixtureWorld.codes[3], FixtureWorld.codes[17]])
        // The S-curves now follow the ranking.
        #expect(report.sCurves.value?.selection == .priority)
        #expect(report.sCurves.value?.panels.first?.kode == FixtureWorld.codes[3])
    }

    @Test func badPrioritiesAreRefusedWithTheLine() {
        #expect(throws: AnalysisError.invalidPriorities(source: "p.csv", reason: "no kode_koperasi column")) {
            try PriorityList.parse(csv: "a,b\n1,2\n", source: "p.csv")
        }
        #expect(throws: AnalysisError.self) {
            try PriorityList.parse(csv: "kode_koperasi,intervention,p50_now\n5201012001,land,soon\n", source: "p.csv")
        }
        #expect(throws: AnalysisError.self) {
            try PriorityList.parse(csv: "kode_koperasi,intervention\nnot-a-code,land\n", source: "p.csv")
        }
    }

    @Test func warningsOfImportReachTheReport() throws {
        let report = try FixtureWorld.analysis()
        let kinds = report.warnings.counts.map(\.kind)
        #expect(kinds.contains(.cooperativeMissing))
        #expect(kinds.contains(.progressDecreased))
        // Province 52 only: a regency report keeps only its own.
        let regency = try FixtureWorld.analysis(level: .regency(5202))
        let all = regency.warnings.counts.reduce(0) { $0 + $1.all }
        let province = report.warnings.counts.reduce(0) { $0 + $1.all }
        #expect(all < province)
    }

    @Test func versionsNameRulesAndData() throws {
        let report = try FixtureWorld.analysis()
        let v = report.versions
        #expect(v.ruleSet == RuleSet.default.label)
        #expect(v.ruleSetDigest.count == 64)
        #expect(v.dataDigest.count == 64)
        #expect(v.dataSource == "folder snapshots")  // never the machine's full path
        #expect(v.weeks == FixtureWorld.weekCount)
        #expect(v.latestFile == "2026-11-27.csv")
        #expect(v.forecast == nil)
    }

    @Test func asOfCutsTheHistory() throws {
        let history = FixtureWorld.history()
        let asOf = FixtureWorld.firstDate.adding(days: 7 * 9 + 3)
        let report = try Analyser.analyse(
            history: history, options: AnalysisOptions(asOf: asOf, forecast: false))
        #expect(report.asOf == FixtureWorld.firstDate.adding(days: 63))
        #expect(report.trend.dates.count == 10)
        #expect(throws: AnalysisError.noWeeks) {
            try Analyser.analyse(
                history: history, options: AnalysisOptions(asOf: FixtureWorld.firstDate.adding(days: -1), forecast: false))
        }
    }

    @Test func forecastSectionsAreFilledFromTheForecast() throws {
        let report = try FixtureWorld.analysis(forecast: true)
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
            let factors = try #require(report.factors.value)
            #expect(factors.factors.count == 4)
            #expect(report.versions.forecast?.seed == 7)
        case let .unavailable(reason, detail):
            // The models may refuse a world this small; then the analysis says so and holds
            // no forecast numbers.
            #expect(reason == .forecastFailed, "\(detail ?? "")")
            #expect(report.factors.value == nil)
        }
    }
}
