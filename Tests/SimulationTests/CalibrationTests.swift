import Foundation
import KendaliData
import Testing
@testable import Simulation

/// The bundled seed's world against the press figures of 2025–26 and the Diskop UKM NTB
/// article (the table "simulated vs reported" in `datasets/README.md`).
@Suite struct CalibrationTests {
    private func within(_ value: Int, _ target: Int, _ tolerance: Double) -> Bool {
        abs(Double(value - target)) <= tolerance * Double(target)
    }

    /// The dashboard of the article (report nearest 16 Jan 2026): 454 in the portal or
    /// later, 249 under construction, 176 in the portal with land not ready — each
    /// within ±3 %.
    @Test func articleFiguresOfMidJanuary() throws {
        let world = try SimulationFixtures.world()
        let c = WeekCounts(world.provinces[0], week: try SimulationFixtures.week(world, 2026, 1, 16))
        #expect(within(c.portalOrLater, 454, 0.03), "portal or later \(c.portalOrLater)")
        #expect(within(c.underConstruction, 249, 0.03), "pembangunan \(c.underConstruction)")
        #expect(within(c.portalLandNotReady, 176, 0.03), "portal, land not ready \(c.portalLandNotReady)")
    }

    /// The press trajectory: ≈ 400 / 199 early January (report of 2 Jan 2026) and
    /// ≈ 489 / 310 on 1 February (report of 30 Jan 2026), within ±6 %.
    @Test func pressTrajectory() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        let jan2 = WeekCounts(p, week: try SimulationFixtures.week(world, 2026, 1, 2))
        let jan30 = WeekCounts(p, week: try SimulationFixtures.week(world, 2026, 1, 30))
        #expect(within(jan2.portalOrLater, 400, 0.06), "\(jan2.portalOrLater)")
        #expect(within(jan2.underConstruction, 199, 0.06), "\(jan2.underConstruction)")
        #expect(within(jan30.portalOrLater, 489, 0.06), "\(jan30.portalOrLater)")
        #expect(within(jan30.underConstruction, 310, 0.06), "\(jan30.underConstruction)")
    }

    /// No construction before the groundbreaking of 17 Oct 2025, almost no completion
    /// before February 2026 (nationally 857 of ~30,000 by 5–11 Feb), and a slipping tail:
    /// most finished by the end, some not green at the end, a few never within the cap.
    @Test func shapeOfTheProgramme() throws {
        let world = try SimulationFixtures.world()
        let truth = world.truth
        let groundbreaking = Day.known(2025, 10, 17)
        let february = Day.known(2026, 2, 1)
        #expect(truth.allSatisfy { ($0.constructionStart ?? groundbreaking) >= groundbreaking })
        let early = truth.count(where: { ($0.completion ?? february) < february })
        #expect(early <= 12, "completions before February: \(early)")
        let last = try #require(world.reportDates.last)
        let end = WeekCounts(world.provinces[0], week: world.reportDates.count - 1)
        #expect(end.finished * 2 > end.present, "finished at the end: \(end.finished)")
        let notGreen = truth.count(where: { ($0.greenDate ?? last.adding(days: 1)) > last })
        #expect(notGreen >= 100 && notGreen <= 700, "not green at the end: \(notGreen)")
        let never = truth.filter { $0.greenDate == nil }
        #expect(!never.isEmpty && never.count < 80, "never green: \(never.count)")
        #expect(never.count(where: \.everDisputed) * 2 >= never.count, "never-green mostly disputes")
    }

    /// Land: few sites "clean and clear" by early November 2025 (press: 41 on 6 Nov).
    @Test func landReadyEarlyNovember() throws {
        let world = try SimulationFixtures.world()
        let nov7 = Day.known(2025, 11, 7)
        let ready = world.truth.count(where: { ($0.landReadyDate ?? nov7.adding(days: 1)) <= nov7 })
        #expect((15...80).contains(ready), "land ready by 7 Nov 2025: \(ready)")
    }

    /// Lombok Tengah and Lombok Timur lead; Kota Mataram, Lombok Utara and Kota Bima lag:
    /// shares of the sites started by 30 Jan 2026 against shares of cooperatives.
    @Test func regionalLeadersAndLaggards() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        let cutoff = Day.known(2026, 1, 30)
        var started: [Int: Int] = [:], total: [Int: Int] = [:]
        for (i, c) in p.cooperatives.enumerated() {
            total[c.regencySuffix, default: 0] += 1
            if let s = p.truth[i].constructionStart, s <= cutoff { started[c.regencySuffix, default: 0] += 1 }
        }
        let all = Double(p.cooperatives.count)
        let startedAll = Double(started.values.reduce(0, +))
        func ratio(_ suffixes: [Int]) -> Double {
            let s = Double(suffixes.reduce(0) { $0 + (started[$1] ?? 0) }) / startedAll
            let n = Double(suffixes.reduce(0) { $0 + (total[$1] ?? 0) }) / all
            return s / n
        }
        #expect(ratio([2, 3]) > 1.15, "leaders \(ratio([2, 3]))")
        #expect(ratio([71, 8, 72]) < 0.6, "laggards \(ratio([71, 8, 72]))")
    }

    /// Construction: about 90 working days nominal, slowed by the season — median 16–30
    /// weeks; speed factors lognormal with log-sd about 0.3; average progress of the sites
    /// under construction in mid-February near the national 20 %.
    @Test func constructionDurations() throws {
        let world = try SimulationFixtures.world()
        let weeks = world.truth.compactMap { t -> Int? in
            guard let s = t.constructionStart, let c = t.completion else { return nil }
            return s.days(to: c) / 7
        }.sorted()
        let median = weeks[weeks.count / 2]
        #expect((16...30).contains(median), "median construction weeks \(median)")
        let logs = world.truth.map { log($0.speedFactor) }
        let mean = logs.reduce(0, +) / Double(logs.count)
        let sd = (logs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logs.count)).squareRoot()
        #expect(abs(sd - 0.3) < 0.05, "log speed sd \(sd)")
        let p = world.provinces[0]
        let w = try SimulationFixtures.week(world, 2026, 2, 13)
        let progress = p.cooperatives.indices.compactMap { i -> Double? in
            let r = p.report(cooperative: i, week: w)
            return r.isPresent && r.tahap == .pembangunan ? r.progresFisik : nil
        }
        let average = progress.reduce(0, +) / Double(progress.count)
        #expect((10...30).contains(average), "average progress mid-February \(average)")
    }

    /// Weather delays follow the wet season: reported far more often in January–February
    /// than in July–August; the Sumbawa-island season starts later than Lombok's.
    @Test func weatherFollowsTheSeason() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        var wet = (flags: 0, rows: 0), dry = (flags: 0, rows: 0)
        for (w, date) in world.reportDates.enumerated() {
            let month = date.components.month
            guard [1, 2, 7, 8].contains(month) else { continue }
            for i in p.cooperatives.indices {
                let r = p.report(cooperative: i, week: w)
                guard r.isPresent, r.tahap == .pembangunan else { continue }
                let hit = r.flags.contains(.kendalaCuaca) ? 1 : 0
                if month <= 2 { wet = (wet.flags + hit, wet.rows + 1) } else { dry = (dry.flags + hit, dry.rows + 1) }
            }
        }
        let wetRate = Double(wet.flags) / Double(max(1, wet.rows))
        let dryRate = Double(dry.flags) / Double(max(1, dry.rows))
        #expect(wetRate > 0.3 && dryRate < 0.1 && wetRate > 4 * dryRate, "wet \(wetRate) dry \(dryRate)")
        let lombok = Season(), bima = Season(onsetLagDays: 28, retreatLeadDays: 10)
        let nov21 = Day.known(2025, 11, 21)
        #expect(lombok.index(on: nov21) > bima.index(on: nov21) + 0.2)
        #expect(lombok.index(on: .known(2026, 1, 30)) == 1)
        #expect(lombok.index(on: .known(2026, 8, 1)) < 0.1)
    }

    /// Reporting noise: about 1–2 % of reports absent, some late reports, some
    /// `progres_fisik` decreases of at most one point.
    @Test func reportingNoise() throws {
        let world = try SimulationFixtures.world()
        let p = world.provinces[0]
        let total = p.reports.count
        let absent = p.reports.count(where: { !$0.isPresent })
        let share = Double(absent) / Double(total)
        #expect(share > 0.01 && share < 0.02, "absent share \(share)")
        let late = p.reports.count(where: { $0.isPresent && !$0.flags.contains(.laporanTepatWaktu) })
        #expect(Double(late) / Double(total - absent) > 0.03)
        var decreases = 0
        for i in p.cooperatives.indices {
            var previous: Int16?
            for w in 0..<p.weeks {
                let r = p.report(cooperative: i, week: w)
                guard r.isPresent, r.progressTenths >= 0 else { continue }
                if let prev = previous, r.progressTenths < prev {
                    decreases += 1
                    #expect(prev - r.progressTenths <= 10, "drop of more than a point")
                }
                previous = r.progressTenths
            }
        }
        #expect(decreases > 0)
    }
}
