import Forecasting
import KendaliData
import Simulation
import Testing

/// Counterfactual forecasts: the ranking, the what-if and the capacity planner (issue "rank
/// intervention priorities"). The reference is the forecast itself: an intervention is the
/// same seeded simulation with one input changed, so the checks are identities (an empty
/// scenario reproduces the forecast to the path), orderings (never later) and re-runs.
@Suite("Interventions: ranking, what-if, capacity")
struct InterventionTests {
    /// A simulated NTB world (seed 11), its first 45 weeks (to 2026-06-05): most
    /// cooperatives are somewhere between land and operations.
    static let panel: Panel = {
        let configuration = SimulationConfiguration(seed: 11, weeks: 45)
        guard let world = try? WorldSimulator.simulate(configuration) else {
            return Panel(history: SnapshotHistory(source: .memory, weeks: []))
        }
        let weeks = world.reportDates.indices.map { w in
            SnapshotHistory.Week(
                date: world.reportDates[w], fileName: "week-\(w).csv", contentDigest: "", records: world.records(week: w),
                warnings: [])
        }
        return Panel(history: SnapshotHistory(source: .memory, weeks: weeks))
    }()

    static let options = ForecastOptions(seed: 5, paths: 80, target: Day(year: 2026, month: 12, day: 31))

    static let forecast: GreenForecast? = try? GreenForecaster.forecast(
        panel: panel, asOfWeek: panel.weekCount - 1, options: options)

    static let ranking: [PriorityRow] = forecast.map { PriorityRanker.rank(panel: panel, forecast: $0) } ?? []

    @Test("an empty scenario reproduces the forecast path for path (common random numbers)")
    func emptyScenarioChangesNothing() throws {
        let f = try #require(Self.forecast)
        #expect(f.cooperatives.count > 300)
        let again = GreenForecaster.counterfactuals(
            panel: Self.panel, model: f.model, options: f.options,
            cases: f.cooperatives.map { ($0.index, Scenario()) })
        for (a, b) in zip(f.cooperatives, again) {
            #expect(a.p10 == b.p10 && a.p50 == b.p50 && a.p90 == b.p90)
            #expect(a.probabilityGreenByTarget == b.probabilityGreenByTarget)
        }
        // A what-if whose interventions cannot act (land for cooperatives already past
        // construction) leaves the burn-up as it was.
        let complete = f.cooperatives.filter { $0.stage == .complete }.map(\.index)
        #expect(!complete.isEmpty)
        let scenarios = Dictionary(uniqueKeysWithValues: complete.map { ($0, Scenario([.land], from: f.asOfWeek + 1)) })
        let w = WhatIf.run(panel: Self.panel, forecast: f, scenarios: scenarios, unit: nil)
        #expect(w.without.expected == w.with.expected)
        #expect(w.without.lower == w.with.lower && w.without.upper == w.with.upper)
        #expect(w.expectedByTarget.with == w.expectedByTarget.without)
    }

    @Test("the burn-up of any set (a district) sums the same paths: a regency's equals its own curve")
    func curveOfAnySet() throws {
        let f = try #require(Self.forecast)
        let panel = Self.panel
        let regency = try #require(f.curves.first)
        let code = try #require(Int(regency.name))
        let again = f.curve(name: regency.name, panel: panel) { panel.codes[$0].regency == code }
        #expect(again.total == regency.total && again.greenAtAsOf == regency.greenAtAsOf)
        #expect(again.expected == regency.expected && again.lower == regency.lower && again.upper == regency.upper)
        #expect(again.weeksTo50 == regency.weeksTo50 && again.weeksTo90 == regency.weeksTo90)
        // The districts of that regency add up to it (expected counts are additive).
        let districts = Set((0..<panel.cooperativeCount).filter { panel.codes[$0].regency == code }.map { panel.codes[$0].district })
        var sum = [Double](repeating: 0, count: regency.expected.count)
        for d in districts {
            let c = f.curve(name: String(d), panel: panel) { panel.codes[$0].district == d }
            for k in sum.indices { sum[k] += c.expected[k] }
        }
        for k in sum.indices { #expect(abs(sum[k] - regency.expected[k]) < 1e-9) }
    }

    @Test("every kind of intervention is ranked, rows sorted by the chance of green by the target, then weeks")
    func rankingShape() throws {
        let f = try #require(Self.forecast)
        let rows = Self.ranking
        let yellowRed = f.cooperatives.filter { $0.zone == .kuning || $0.zone == .merah }
        #expect(rows.count == yellowRed.count)
        #expect(Set(rows.map(\.code)) == Set(yellowRed.map(\.code)))
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.probabilityGain >= b.probabilityGain - 1e-12)
            if abs(a.probabilityGain - b.probabilityGain) <= 1e-12 { #expect(a.weeksGained >= b.weeksGained) }
        }
        // Ordered by weeks instead: weeks gained first.
        let f2 = try #require(Self.forecast)
        let byWeeks = PriorityRanker.rank(panel: Self.panel, forecast: f2, order: .weeks)
        #expect(byWeeks.count == rows.count)
        for (a, b) in zip(byWeeks, byWeeks.dropFirst()) { #expect(a.weeksGained >= b.weeksGained) }
        let kinds = Set(rows.compactMap(\.intervention))
        #expect(kinds.contains(.land) && kinds.contains(.coaching))
        #expect(kinds.contains(.labour) || kinds.contains(.technical))
        // A row without an intervention gains nothing; one with gains at least a week or
        // some probability.
        for r in rows {
            if r.intervention == nil { #expect(r.weeksGained == 0) } else { #expect(r.weeksGained > 0 || r.probabilityGain > 0) }
        }
    }

    @Test("the top-ranked cooperative's counterfactual, run on its own, gains what the ranking says")
    func topRankReproduces() throws {
        let f = try #require(Self.forecast)
        let top = try #require(Self.ranking.first)
        let kind = try #require(top.intervention)
        let alone = GreenForecaster.counterfactuals(
            panel: Self.panel, model: f.model, options: f.options,
            cases: [(top.index, Scenario([kind], from: top.fromWeek))])
        let after = try #require(alone.first)
        #expect(after.p50 == top.after.p50)
        #expect(after.probabilityGreenByTarget == top.after.probabilityGreenByTarget)
        let beyond = top.beyondWeek
        #expect((top.now.p50 ?? beyond) - (after.p50 ?? beyond) == top.weeksGained)
        #expect(top.weeksGained > 0)
    }

    @Test("an intervention never delays a cooperative: no candidate's P10, P50 or P90 is later")
    func neverDelays() throws {
        var checked = 0
        for r in Self.ranking {
            for c in r.candidates {
                let b = r.beyondWeek
                #expect((c.forecast.p10 ?? b) <= (r.now.p10 ?? b), "\(r.code) \(c.kind) P10")
                #expect((c.forecast.p50 ?? b) <= (r.now.p50 ?? b), "\(r.code) \(c.kind) P50")
                #expect((c.forecast.p90 ?? b) <= (r.now.p90 ?? b), "\(r.code) \(c.kind) P90")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test("deterministic under a seed: the same ranking twice, and with other chunking")
    func deterministic() throws {
        let f = try #require(Self.forecast)
        var o = Self.options
        o.chunkSize = 3
        let g = try GreenForecaster.forecast(panel: Self.panel, asOfWeek: Self.panel.weekCount - 1, options: o)
        let again = PriorityRanker.rank(panel: Self.panel, forecast: g)
        #expect(again.map(\.code) == Self.ranking.map(\.code))
        #expect(again.map(\.weeksGained) == Self.ranking.map(\.weeksGained))
        #expect(again.map(\.after.p50) == Self.ranking.map(\.after.p50))
        #expect(f.cooperatives.map(\.p50) == g.cooperatives.map(\.p50))
    }

    @Test("capacity: the greedy plan respects the weekly capacities and is within 2 % of a local search")
    func capacityPlan() throws {
        let f = try #require(Self.forecast)
        // Target 13 weeks ahead, so interventions have time to matter.
        var o = Self.options
        o.target = f.date(ofWeek: f.asOfWeek + 13)
        let g = try GreenForecaster.forecast(panel: Self.panel, asOfWeek: Self.panel.weekCount - 1, options: o)
        let capacity: [InterventionKind: Int] = [.land: 3, .labour: 2, .technical: 2, .coaching: 5]
        let planner = CapacityPlanner(panel: Self.panel, forecast: g, capacity: capacity)
        let plan = planner.greedy()
        #expect(plan.gain > 0)
        var perWeek: [String: Int] = [:]
        for p in plan.interventions {
            perWeek["\(p.kind)-\(p.week)", default: 0] += 1
            #expect(p.week > g.asOfWeek && p.week < g.asOfWeek + 13)
        }
        for (key, n) in perWeek {
            let kind = try #require(InterventionKind(rawValue: String(key.split(separator: "-")[0])))
            #expect(n <= capacity[kind] ?? 0)
        }
        // The plan's value is the sum of its marginal gains.
        #expect(abs(plan.interventions.reduce(0) { $0 + $1.gain } - plan.gain) < 1e-9)
        let search = planner.localSearch(from: plan, seed: 3, passes: 2)
        #expect(plan.gain >= 0.98 * max(plan.gain, search.gain))
    }
}
