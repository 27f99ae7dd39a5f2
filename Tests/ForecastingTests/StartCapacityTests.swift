import Foundation
import KendaliData
import Simulation
import Testing
@testable import Forecasting

/// Rationed construction starts: the likelihoods, the choice between a start hazard and a
/// queue at a capacity, and the forecast's joint queue. The references are exact sums of
/// probabilities, synthetic histories whose law is known, and worlds simulated with and
/// without a capacity.
@Suite("Start capacity: hazard or queue")
struct StartCapacityTests {
    static func panel(_ configuration: SimulationConfiguration) -> Panel {
        guard let world = try? WorldSimulator.simulate(configuration) else {
            return Panel(history: SnapshotHistory(source: .memory, weeks: []))
        }
        let weeks = world.reportDates.indices.map { w in
            SnapshotHistory.Week(
                date: world.reportDates[w], fileName: "week-\(w).csv", contentDigest: "", records: world.records(week: w),
                warnings: [])
        }
        return Panel(history: SnapshotHistory(source: .memory, weeks: weeks))
    }

    /// A world of seed 11, 45 weeks, each regency starting about 2 cooperatives a week.
    static let rationed = panel(SimulationConfiguration(seed: 11, weeks: 45, startCapacity: 2))
    /// The same world without a limit.
    static let free = panel(SimulationConfiguration(seed: 11, weeks: 45))

    @Test("the queue law is a probability law that tends to the hazard law as the capacity grows")
    func likelihoodsAreLaws() {
        for (n, p, c) in [(0, 0.3, 2.0), (5, 0.3, 2.0), (40, 0.9, 3.5), (12, 0.05, 0.4), (200, 0.6, 7.0)] {
            var total = 0.0, hazardTotal = 0.0
            for s in 0...n {
                total += exp(StartCapacityLikelihood.queue(starts: s, waiting: n, p: p, capacity: c))
                hazardTotal += exp(StartCapacityLikelihood.hazard(starts: s, waiting: n, p: p))
            }
            #expect(abs(total - 1) < 1e-9, "n \(n) p \(p) c \(c): \(total)")
            #expect(abs(hazardTotal - 1) < 1e-9)
        }
        for s in 0...10 {
            let q = StartCapacityLikelihood.queue(starts: s, waiting: 10, p: 0.4, capacity: 500)
            let h = StartCapacityLikelihood.hazard(starts: s, waiting: 10, p: 0.4)
            #expect(abs(q - h) < 1e-9)
        }
    }

    @Test("a history flat at a ceiling while the waiting grow is rationed; a binomial one is not")
    func choiceOnSyntheticHistories() {
        var rng = Xoshiro(stream: [7, 1])
        var capped: [StartWeek] = [], free: [StartWeek] = []
        var waiting = 4
        for t in 1...40 {
            let want = (0..<waiting).filter { _ in rng.uniform() < 0.8 }.count
            let s = min(want, StartQueues.poisson(3, &rng))
            capped.append(StartWeek(week: t, waiting: waiting, starts: s))
            waiting += 6 - s
            let n = 5 + rng.index(20)
            free.append(StartWeek(week: t, waiting: n, starts: (0..<n).filter { _ in rng.uniform() < 0.35 }.count))
        }
        let a = StartCapacityFit.fitUnit(code: 5201, regencies: [0], weeks: capped, pairs: [:], asOfWeek: 40, blockWeeks: 24)
        #expect(a.rationed)
        #expect(a.queueBIC < a.hazardBIC)
        #expect(abs(a.capacity - 3) < 0.8)
        #expect(a.requestProbability > 0.5)
        #expect(a.order == .firstReadyFirstServed)
        let b = StartCapacityFit.fitUnit(code: 5202, regencies: [0], weeks: free, pairs: [:], asOfWeek: 40, blockWeeks: 24)
        #expect(!b.rationed)
        #expect(b.hazardBIC < b.queueBIC)
        #expect(abs(b.requestProbability - 0.35) < 0.1)
        #expect(throws: StartCapacityError.invalidBlockWeeks(0)) {
            _ = try StartCapacityFit(panel: Self.free, asOfWeek: 10, blockWeeks: 0)
        }
    }

    @Test("the rationed world is found rationed at about its capacity, first ready first served; the free world is not")
    func worlds() throws {
        let r = try StartCapacityFit(panel: Self.rationed, asOfWeek: Self.rationed.weekCount - 1)
        #expect(r.unit == .regency)
        let found = r.units.filter(\.rationed)
        // The small regencies rarely have more cooperatives ready than the capacity.
        #expect(found.count >= 6, "\(found.count) of \(r.units.count)")
        for u in found {
            #expect(u.capacity > 1 && u.capacity < 3.5, "\(u.code): \(u.capacity)")
            #expect(u.order == .firstReadyFirstServed)
        }
        let f = try StartCapacityFit(panel: Self.free, asOfWeek: Self.free.weekCount - 1)
        #expect(!f.anyRationed, "\(f.units.filter(\.rationed).map(\.code))")
        #expect(f.assumptions.isEmpty)
        #expect(!r.assumptions.isEmpty)
    }

    static let options = ForecastOptions(seed: 5, paths: 60, target: Day(year: 2026, month: 12, day: 31))

    @Test("in a rationed unit a land intervention moves the request, not past the queue; no start exceeds a week's capacity")
    func landDoesNotExempt() throws {
        let panel = Self.rationed
        let forecast = try GreenForecaster.forecast(panel: panel, asOfWeek: panel.weekCount - 1, options: Self.options)
        #expect(forecast.model.startCapacity.anyRationed)
        // The forecast names each rationed unit and its capacity in its assumptions.
        let named = forecast.assumptions.filter { $0.hasPrefix("construction starts in regency") }
        #expect(named.count == forecast.model.startCapacity.units.filter(\.rationed).count)
        #expect(named.allSatisfy { $0.contains("starts a week") && $0.contains("first ready, first served") })
        let evaluator = ScenarioEvaluator(panel: panel, model: forecast.model, options: Self.options)
        let sim = evaluator.prototype
        let queues = try #require(sim.queues)
        let from = forecast.asOfWeek + 1
        // Cooperatives queued whose land is not ready: land is an intervention for them.
        let candidates = queues.units.flatMap(\.members).filter { sim.applicable(cooperative: $0).contains(.land) }
        #expect(candidates.count > 20)
        let P = Self.options.paths
        var waitedAfterLand = 0
        for i in candidates.prefix(25) {
            let landed = sim.requests(cooperative: i, scenario: Scenario([.land], from: from))
            let base = try #require(queues.starts(of: i, paths: P))
            let (u, m) = try #require(queues.place[i])
            let unit = queues.units[u]
            // The queue itself never serves an earlier request later (the land sampler
            // brings the request forward in distribution, not on every path: so the check
            // takes the earlier of the two requests).
            let requests = (0..<P).map { min(landed[$0], unit.requests[m * P + $0]) }
            let after = try #require(queues.starts(of: i, requests: requests, sim: sim))
            for p in 0..<P {
                #expect(after[p] <= base[p])
                if after[p] != StartQueues.none {
                    #expect(after[p] >= requests[p])
                    if after[p] > requests[p] { waitedAfterLand += 1 }
                }
                // Every week's starts, the whole queue served again with this cooperative's
                // request moved, within the capacity.
                let all = StartQueues.serve(unit: unit, path: p, sim: sim, replacing: (m, requests[p]))
                #expect(all[m] == after[p])
                var count: [Int32: Int32] = [:]
                for s in all where s != StartQueues.none { count[s, default: 0] += 1 }
                for (week, n) in count {
                    let t = Int(week) - forecast.asOfWeek - 1
                    #expect(n <= unit.capacity[p * (Self.options.horizon + 1) + t])
                }
            }
        }
        #expect(waitedAfterLand > 0)
    }

    @Test("counterfactuals in a rationed world: an empty scenario reproduces the forecast, no intervention delays")
    func counterfactualsRationed() throws {
        let panel = Self.rationed
        let f = try GreenForecaster.forecast(panel: panel, asOfWeek: panel.weekCount - 1, options: Self.options)
        let again = GreenForecaster.counterfactuals(
            panel: panel, model: f.model, options: f.options, cases: f.cooperatives.map { ($0.index, Scenario()) })
        for (a, b) in zip(f.cooperatives, again) {
            #expect(a.p10 == b.p10 && a.p50 == b.p50 && a.p90 == b.p90)
        }
        let rows = PriorityRanker.rank(panel: panel, forecast: f)
        var checked = 0
        for r in rows {
            for c in r.candidates {
                let b = r.beyondWeek
                #expect((c.forecast.p10 ?? b) <= (r.now.p10 ?? b))
                #expect((c.forecast.p50 ?? b) <= (r.now.p50 ?? b))
                #expect((c.forecast.p90 ?? b) <= (r.now.p90 ?? b))
                checked += 1
            }
        }
        #expect(checked > 100)
    }
}
