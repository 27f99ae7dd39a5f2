import Dispatch
import Foundation
import Estimation
import KendaliData
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Options of a green-date forecast.
public struct ForecastOptions: Sendable, Hashable {
    /// The seed: the same seed, data and options give the same forecast on any number of
    /// threads.
    public var seed: UInt64
    /// Monte Carlo paths per cooperative (≥ 10).
    public var paths: Int
    /// Weeks after the as-of week a green date may fall in; later is "beyond the horizon".
    public var horizon: Int
    /// Number of parameter draws: path j uses draw j mod `parameterDraws` of the fitted
    /// models' parameters from their sampling distribution.
    public var parameterDraws: Int
    /// The date of ``CooperativeForecast/probabilityGreenByTarget``; `nil` = as-of + 26
    /// weeks.
    public var target: Day?
    /// Cooperatives per parallel work item: a performance knob only, the results do not
    /// depend on it.
    public var chunkSize: Int

    /// Options; the defaults suit a province.
    public init(seed: UInt64 = 1, paths: Int = 500, horizon: Int = 104, parameterDraws: Int = 25,
                target: Day? = nil, chunkSize: Int = 32) {
        self.chunkSize = max(1, chunkSize)
        self.seed = seed
        self.paths = max(10, paths)
        self.horizon = max(1, min(horizon, 1000))
        self.parameterDraws = max(1, parameterDraws)
        self.target = target
    }
}

/// What delays a cooperative most, in expected weeks over its forecast paths.
public enum DelayCause: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Land not ready (before construction) or a land problem on site.
    case land
    /// Weather during construction.
    case weather
    /// Labour shortage during construction.
    case labour
    /// Technical problems during construction.
    case technical
    /// Land ready, waiting for the portal and the start of construction.
    case start
    /// Building finished, waiting for a business unit to open.
    case operations
    /// Institutional or legal scores below the green thresholds.
    case institutional

    /// The cause's name as written in outputs.
    public var description: String {
        switch self {
        case .land: "land"
        case .weather: "weather"
        case .labour: "labour"
        case .technical: "technical"
        case .start: "start"
        case .operations: "operations"
        case .institutional: "institutional"
        }
    }
}

/// The stage of a cooperative at its last report.
public enum CooperativeStage: String, Sendable, Codable {
    /// Construction not started.
    case notStarted = "not_started"
    /// Under construction.
    case building
    /// Building finished, not green yet.
    case complete
}

/// The forecast of one cooperative not yet green.
public struct CooperativeForecast: Sendable {
    /// Index in the panel.
    public var index: Int
    /// The cooperative.
    public var code: CooperativeCode
    /// Regency code.
    public var regency: Int
    /// Zone at the last report.
    public var zone: Zone?
    /// Stage at the last report.
    public var stage: CooperativeStage
    /// Progress at the last report (points; 0 before construction).
    public var progress: Double
    /// P10, P50, P90 of the green week (grid week index), `nil` beyond the horizon.
    public var p10: Int?
    /// See ``p10``.
    public var p50: Int?
    /// See ``p10``.
    public var p90: Int?
    /// P(green on or before the target date).
    public var probabilityGreenByTarget: Double
    /// Expected weeks of delay per ``DelayCause``.
    public var expectedDelay: [Double]
    /// The cause with the largest expected delay.
    public var mainCause: DelayCause
    /// Assumptions the forecast of this cooperative rests on (empty when none).
    public var assumptions: [String]
}

/// Expected number of green cooperatives per week for a set of cooperatives, with a band
/// across the simulated worlds (path j of every cooperative forms world j).
public struct GreenCurve: Sendable {
    /// Name: a regency code (4 digits), a province code (2 digits, when the data hold
    /// several provinces) or `all`.
    public var name: String
    /// Cooperatives in the set.
    public var total: Int
    /// Green by the as-of week.
    public var greenAtAsOf: Int
    /// Week offsets 0…horizon after the as-of week.
    public var expected: [Double]
    /// P10 across worlds of the number green.
    public var lower: [Double]
    /// P90 across worlds.
    public var upper: [Double]
    /// Median week offset by which 50 %, 90 % and 100 % are green; `nil` beyond the
    /// horizon.
    public var weeksTo50: Int?
    /// See ``weeksTo50``.
    public var weeksTo90: Int?
    /// See ``weeksTo50``.
    public var weeksTo100: Int?
}

/// A green-date forecast.
public struct GreenForecast: Sendable {
    /// The as-of week index (in the panel grid).
    public var asOfWeek: Int
    /// Its date.
    public var asOfDate: Day
    /// Options used.
    public var options: ForecastOptions
    /// Every cooperative not green by the as-of week (code order).
    public var cooperatives: [CooperativeForecast]
    /// Per regency, per province (when several), then the whole panel (`all`) last.
    public var curves: [GreenCurve]
    /// The fitted models.
    public var model: ForecastModel
    /// Model-wide assumptions and fallbacks used.
    public var assumptions: [String]
    /// The panel's first week date (to turn week indices into dates).
    public var firstDate: Day
    /// The simulated green weeks of every path, kept to sum any set of cooperatives.
    var run: GreenForecaster.Run

    /// The date of grid week `t`.
    public func date(ofWeek t: Int) -> Day { firstDate.adding(days: 7 * t) }

    /// The burn-up of any set of cooperatives (a district, a list): the expected number
    /// green per week with its P10–P90 band across the simulated worlds and the dates of
    /// 50/90/100 % green, from the same paths as ``curves``.
    ///
    /// - Parameters:
    ///   - panel: the panel the forecast was made on.
    ///   - contains: whether the cooperative at a panel index belongs to the set.
    public func curve(name: String, panel: Panel, contains: (Int) -> Bool) -> GreenCurve {
        var slots: [Int] = []
        for (j, i) in run.indices.enumerated() where contains(i) { slots.append(j) }
        var total = 0, greenNow = 0
        for i in 0..<panel.cooperativeCount where contains(i) && panel.firstWeek[i] >= 0 && Int(panel.firstWeek[i]) <= asOfWeek {
            total += 1
            if panel.greenWeek[i] >= 0 && Int(panel.greenWeek[i]) <= asOfWeek { greenNow += 1 }
        }
        return GreenForecaster.curve(name: name, slots: slots, total: total, greenNow: greenNow, run: run,
                                     paths: options.paths, horizon: options.horizon)
    }
}

/// Every model the forecast uses, fitted on the panel up to the as-of week.
public struct ForecastModel: Sendable {
    /// The as-of week the models are fitted up to.
    public var asOfWeek: Int
    /// Construction progress and delay factors, with the speeds.
    public var construction: DelayFactorFit
    /// The weather season.
    public var weather: WeatherSeason
    /// The other stages.
    public var stages: StageModels

    /// Fits every model on `panel` up to week `asOfWeek`.
    ///
    /// With fewer than 20 construction weeks in the data the construction model falls back
    /// to ``DelayFactorFit/plan(cooperatives:regencies:rows:)`` (named in the forecast's
    /// assumptions).
    ///
    /// - Throws: ``ForecastError/emptyPanel`` when the panel holds no week.
    public init(panel: Panel, asOfWeek: Int) throws(ForecastError) {
        guard panel.weekCount > 0 else { throw .emptyPanel }
        self.asOfWeek = min(asOfWeek, panel.weekCount - 1)
        let model = DelayFactorModel(panel: panel, upTo: self.asOfWeek)
        let T = self.asOfWeek
        // The construction fit and the other stages' models are independent: fitted at the
        // same time.
        let parts = ModelParts()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                let fit: DelayFactorFit
                do {
                    fit = try model.fit()
                } catch {
                    fit = DelayFactorFit.plan(
                        cooperatives: panel.cooperativeCount, regencies: panel.regencies.count, rows: model.sample.count)
                }
                parts.set(construction: fit)
            } else {
                parts.set(stages: StageModels(panel: panel, upTo: T),
                          weather: WeatherSeason(sample: model.sample, panel: panel))
            }
        }
        guard let fit = parts.construction, let stageModels = parts.stages, let season = parts.weather else {
            throw .emptyPanel
        }
        construction = fit
        weather = season
        stages = stageModels
    }
}

/// Monte Carlo forecast of every cooperative's green date.
///
/// Each path of a cooperative not green at the as-of week runs its stages forward from
/// its last report: the pre-construction chain (exact geometric sojourns in each state),
/// construction week by week (``DelayFactorModel`` with the cooperative's speed drawn
/// from its posterior, flags from their Markov chains, weather from ``WeatherSeason`` on
/// the week's date, lognormal work noise), the first business unit (before completion at
/// a weekly rate, after it by the hazard of weeks since completion, conditional on the
/// weeks already waited) and the institutional and legal items (geometric waits with the
/// cooperative's frailty drawn from its posterior; members by rises). The green week is
/// the first week after the as-of week with the building finished, enough units, the
/// rule set's kelembagaan and legalitas (the on-time report drawn each week) and a report
/// sent. Parameter uncertainty: the (h, θ) of the construction model are drawn from their
/// cluster-robust normal sampling distribution, one draw per path group.
///
/// Cooperatives run in parallel chunks; each draws from its own stream keyed by (seed,
/// code), so the result does not depend on the number of threads.
public enum GreenForecaster {
    /// Fits the models up to `asOfWeek` and forecasts.
    public static func forecast(panel: Panel, asOfWeek: Int, options: ForecastOptions = ForecastOptions())
        throws(ForecastError) -> GreenForecast
    {
        let model = try ForecastModel(panel: panel, asOfWeek: asOfWeek)
        return forecast(panel: panel, model: model, options: options)
    }

    /// Forecasts with fitted models.
    public static func forecast(panel: Panel, model: ForecastModel, options: ForecastOptions) -> GreenForecast {
        let run = simulate(panel: panel, model: model, options: options)
        return summarise(panel: panel, model: model, options: options, run: run)
    }

    /// The raw simulation: cooperative indices forecast and each one's green-week offsets
    /// (1…horizon, horizon + 1 = beyond), `paths` per cooperative, plus expected delays.
    struct Run {
        var indices: [Int]
        var offsets: [UInt16]
        var delays: [Double]
    }

    static let causes = DelayCause.allCases.count

    /// The cooperatives a forecast at `asOfWeek` covers: reported by then and not green.
    static func forecastable(panel: Panel, asOfWeek T: Int) -> [Int] {
        var indices: [Int] = []
        for i in 0..<panel.cooperativeCount {
            let gw = Int(panel.greenWeek[i])
            let fw = Int(panel.firstWeek[i])
            guard fw >= 0, fw <= T else { continue }
            if gw >= 0, gw <= T { continue }
            indices.append(i)
        }
        return indices
    }

    /// Simulates `indices` (every forecastable cooperative when `nil`), slot `j` under
    /// `scenarios[j]` when given (the same cooperative may appear in several slots).
    static func simulate(panel: Panel, model: ForecastModel, options: ForecastOptions,
                         indices given: [Int]? = nil, scenarios: [Scenario]? = nil,
                         prototype given2: PathSimulator? = nil) -> Run {
        let indices = given ?? forecastable(panel: panel, asOfWeek: model.asOfWeek)
        let paths = options.paths
        let count = indices.count
        let chosen = indices
        var offsets = [UInt16](repeating: 0, count: count * paths)
        var delays = [Double](repeating: 0, count: count * causes)
        let chunk = options.chunkSize
        let chunks = (count + chunk - 1) / chunk
        offsets.withUnsafeMutableBufferPointer { off in
            delays.withUnsafeMutableBufferPointer { del in
                let out = OutputBuffers(offsets: off, delays: del)
                let prototype = given2 ?? PathSimulator(
                    panel: panel, model: model, options: options, draws: ParameterDraws(model: model, options: options))
                DispatchQueue.concurrentPerform(iterations: chunks) { k in
                    var sim = prototype
                    for j in (k * chunk)..<min(count, (k + 1) * chunk) {
                        sim.run(cooperative: chosen[j], slot: j, out: out, scenario: scenarios?[j])
                    }
                }
            }
        }
        return Run(indices: indices, offsets: offsets, delays: delays)
    }

    /// The grid week of the options' target date (as-of + 26 weeks by default; −1 before the
    /// panel's first week).
    static func targetWeek(panel: Panel, asOfWeek T: Int, options: ForecastOptions) -> Int {
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        guard let target = options.target else { return T + 26 }
        return first.days(to: target) >= 0 ? first.days(to: target) / 7 : -1
    }

    /// Forecasts with fitted models, every cooperative in `scenarios` (panel index →
    /// scenario) under its interventions: the "with" side of a what-if.
    public static func forecast(panel: Panel, model: ForecastModel, options: ForecastOptions,
                                scenarios: [Int: Scenario]) -> GreenForecast {
        let indices = forecastable(panel: panel, asOfWeek: model.asOfWeek)
        let list = indices.map { scenarios[$0] ?? Scenario() }
        let run = simulate(panel: panel, model: model, options: options, indices: indices, scenarios: list)
        return summarise(panel: panel, model: model, options: options, run: run)
    }

    /// The forecast of each (cooperative, scenario) case alone, in the order given (a
    /// cooperative may appear several times). With the same options a case with an empty
    /// scenario reproduces the cooperative's forecast exactly (the same random streams).
    public static func counterfactuals(panel: Panel, model: ForecastModel, options: ForecastOptions,
                                       cases: [(index: Int, scenario: Scenario)]) -> [CooperativeForecast] {
        ScenarioEvaluator(panel: panel, model: model, options: options).forecasts(cases)
    }

    /// The interventions that can change each cooperative's forecast (panel index → kinds,
    /// only cooperatives with at least one): see ``InterventionKind``.
    public static func applicableInterventions(panel: Panel, model: ForecastModel,
                                               options: ForecastOptions = ForecastOptions()) -> [Int: [InterventionKind]] {
        let small = ForecastOptions(seed: options.seed, paths: 10, horizon: 1, parameterDraws: 1)
        let sim = PathSimulator(panel: panel, model: model, options: small, draws: ParameterDraws(model: model, options: small))
        var out: [Int: [InterventionKind]] = [:]
        for i in forecastable(panel: panel, asOfWeek: model.asOfWeek) {
            let k = sim.applicable(cooperative: i)
            if !k.isEmpty { out[i] = k }
        }
        return out
    }

    static func summariseCooperatives(panel: Panel, model: ForecastModel, options: ForecastOptions, run: Run)
        -> [CooperativeForecast]
    {
        let T = model.asOfWeek
        let P = options.paths
        let H = options.horizon
        let targetWeek = Self.targetWeek(panel: panel, asOfWeek: T, options: options)
        // Cooperatives are summarised in parallel chunks, kept in run order.
        // The paths' week offsets are 1…H+1, so their order statistics come from a count of
        // each offset (O(P + H), no sort).
        @Sendable func summary(_ j: Int, _ histogram: inout [Int32]) -> CooperativeForecast {
            let i = run.indices[j]
            for o in histogram.indices { histogram[o] = 0 }
            for p in 0..<P { histogram[min(Int(run.offsets[j * P + p]), H + 1)] += 1 }
            /// The k-th smallest offset (from 0).
            func orderStatistic(_ k: Int) -> Int {
                var seen = 0
                for o in histogram.indices {
                    seen += Int(histogram[o])
                    if seen > k { return o }
                }
                return H + 1
            }
            func quantile(_ q: Double) -> Int? {
                let k = max(0, min(P - 1, Int((q * Double(P)).rounded(.up)) - 1))
                let o = orderStatistic(k)
                return o > H ? nil : T + o
            }
            var byTarget = 0
            let lastByTarget = min(H, targetWeek - T)
            if lastByTarget >= 0 { for o in 0...lastByTarget { byTarget += Int(histogram[o]) } }
            let d = Array(run.delays[(j * causes)..<((j + 1) * causes)])
            var main = 0
            for c in 1..<causes where d[c] > d[main] { main = c }
            let lw = panel.lastReport(of: i, upTo: T) ?? T
            let c = panel.cell(i, lw)
            let stage: CooperativeStage = panel.tahap[c] >= 3 ? .complete
                : (panel.tahap[c] == 2 || !panel.progress[c].isNaN ? .building : .notStarted)
            var notes: [String] = []
            if stage == .notStarted {
                let s = Int(panel.tahap[c]) * 5 + Int(panel.lahan[c])
                if s < StageModels.preStates, !model.stages.preStateLeft[s] {
                    notes.append("no cooperative was seen leaving its state (\(StatusLahan.allCases[s % 5].rawValue)); assumed it stays")
                }
            }
            if lw < T { notes.append("last report \(T - lw) week(s) before the as-of date") }
            return CooperativeForecast(
                index: i, code: panel.codes[i], regency: panel.codes[i].regency,
                zone: panel.zone(of: i, at: T), stage: stage,
                progress: stage == .complete ? 100 : (panel.progress[c].isNaN ? 0 : Double(panel.progress[c])),
                p10: quantile(0.1), p50: quantile(0.5), p90: quantile(0.9),
                probabilityGreenByTarget: Double(byTarget) / Double(P),
                expectedDelay: d, mainCause: DelayCause(rawValue: main) ?? .land, assumptions: notes)
                }
        let count = run.indices.count
        let chunk = 256
        let slots = ParallelSlots<[CooperativeForecast]>(count: (count + chunk - 1) / chunk)
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { k in
            var histogram = [Int32](repeating: 0, count: H + 2)
            var part: [CooperativeForecast] = []
            for j in (k * chunk)..<min(count, (k + 1) * chunk) { part.append(summary(j, &histogram)) }
            slots.store(part, at: k)
        }
        let coops = slots.values.flatMap { $0 }
        return coops
    }

    /// The burn-up of a set of cooperatives: `slots` are their places in `run`, `total` the
    /// set's size and `greenNow` those green by the as-of week.
    static func curve(name: String, slots: [Int], total: Int, greenNow: Int, run: Run, paths P: Int,
                      horizon H: Int) -> GreenCurve {
        var counts = [Int32](repeating: 0, count: P * (H + 2))
        for j in slots {
            for p in 0..<P {
                let o = Int(run.offsets[j * P + p])
                counts[p * (H + 2) + min(o, H + 1)] += 1
            }
        }
        var expected = [Double](repeating: 0, count: H + 1)
        var lower = expected, upper = expected
        var column = [Int](repeating: 0, count: P)
        var cum = [Int](repeating: greenNow, count: P)
        var reach50 = [Int](repeating: H + 1, count: P)
        var reach90 = reach50, reach100 = reach50
        let n = total
        let need50 = (n + 1) / 2, need90 = Int((0.9 * Double(n)).rounded(.up)), need100 = n
        for o in 0...H {
            for p in 0..<P {
                cum[p] += Int(counts[p * (H + 2) + o])
                column[p] = cum[p]
                if cum[p] >= need50, reach50[p] > H { reach50[p] = o }
                if cum[p] >= need90, reach90[p] > H { reach90[p] = o }
                if cum[p] >= need100, reach100[p] > H { reach100[p] = o }
            }
            expected[o] = Double(column.reduce(0, +)) / Double(P)
            lower[o] = Double(orderStatistic(&column, max(0, Int((0.1 * Double(P)).rounded(.up)) - 1)))
            upper[o] = Double(orderStatistic(&column, max(0, Int((0.9 * Double(P)).rounded(.up)) - 1)))
        }
        func median(_ v: [Int]) -> Int? {
            let s = v.sorted()
            let m = s[max(0, Int((0.5 * Double(P)).rounded(.up)) - 1)]
            return m > H ? nil : m
        }
        return GreenCurve(
            name: name, total: n, greenAtAsOf: greenNow,
            expected: expected, lower: lower, upper: upper,
            weeksTo50: median(reach50), weeksTo90: median(reach90), weeksTo100: median(reach100))
    }

    /// The `k`-th smallest value of `values` (from 0), by Hoare's selection (FIND, Hoare
    /// (1961), *Communications of the ACM* 4(7), doi:10.1145/366622.366647): expected O(n),
    /// where sorting is O(n log n). `values` is reordered.
    static func orderStatistic(_ values: inout [Int], _ k: Int) -> Int {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return values[k] }
        }
        return values[k]
    }

    static func summarise(panel: Panel, model: ForecastModel, options: ForecastOptions, run: Run) -> GreenForecast {
        let T = model.asOfWeek
        let P = options.paths
        let H = options.horizon
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        let coops = summariseCooperatives(panel: panel, model: model, options: options, run: run)
        // Curves per regency, per province (when there are several) and overall.
        var curves: [GreenCurve] = []
        let nr = panel.regencies.count
        let provinces = Array(Set(panel.regencies.map { $0 / 100 })).sorted()
        let np = provinces.count > 1 ? provinces.count : 0
        let groups = nr + np + 1
        var groupNames = panel.regencies.map { String($0) }
        groupNames += provinces.prefix(np).map { String($0) }
        groupNames.append("all")
        let provinceGroup = panel.regencies.map { r in nr + (provinces.firstIndex(of: r / 100) ?? 0) }
        func groupsOf(_ i: Int) -> [Int] {
            let g = Int(panel.regencyIndex[i])
            return np > 0 ? [g, provinceGroup[g], groups - 1] : [g, groups - 1]
        }
        var members = [[Int]](repeating: [], count: groups)
        for (j, i) in run.indices.enumerated() {
            for g in groupsOf(i) { members[g].append(j) }
        }
        var total = [Int](repeating: 0, count: groups)
        var greenNow = [Int](repeating: 0, count: groups)
        for i in 0..<panel.cooperativeCount where panel.firstWeek[i] >= 0 && Int(panel.firstWeek[i]) <= T {
            let isGreen = panel.greenWeek[i] >= 0 && Int(panel.greenWeek[i]) <= T
            for g in groupsOf(i) {
                total[g] += 1
                if isGreen { greenNow[g] += 1 }
            }
        }
        // Groups are independent: summed in parallel, kept in group order.
        let computed = ParallelSlots<GreenCurve>(count: groups)
        let (names, sets, totals, greens) = (groupNames, members, total, greenNow)
        DispatchQueue.concurrentPerform(iterations: groups) { g in
            computed.store(curve(name: names[g], slots: sets[g], total: totals[g], greenNow: greens[g],
                                 run: run, paths: P, horizon: H), at: g)
        }
        curves = computed.values
        var assumptions: [String] = []
        if model.construction.rows < 20 {
            assumptions.append("only \(model.construction.rows) construction week(s) in the data: the S-curve is assumed to follow the 90-working-day plan (100 points in 18 weeks), speeds 1 ± 0.3, no delay-factor effect")
        }
        if model.stages.openingHazardAssumed {
            assumptions.append("no completed building was followed to its first business unit: assumed a weekly opening hazard of 0.159 (median 4 weeks)")
        }
        // Regencies with no completed building to learn their own lag from.
        var completedIn = [Bool](repeating: false, count: nr)
        for i in 0..<panel.cooperativeCount {
            guard let l = panel.lastReport(of: i, upTo: T) else { continue }
            if panel.tahap[panel.cell(i, l)] >= 3 { completedIn[Int(panel.regencyIndex[i])] = true }
        }
        let without = (0..<nr).filter { !completedIn[$0] }.map { String(panel.regencies[$0]) }
        if !without.isEmpty {
            assumptions.append("no completed cooperative yet in regency \(without.joined(separator: ", ")): its completion-to-green lag is assumed to follow the pooled (province) hazard")
        }
        for f in model.construction.factorSummary where !f.estimated {
            assumptions.append("\(f.factor.column) was (almost) never raised during construction: its effect was not estimated (taken as none)")
        }
        if model.weather.exposure.filter({ $0 > 0 }).count < WeatherSeason.bins {
            let seen = model.weather.exposure.filter { $0 > 0 }.count
            assumptions.append("weather season: \(seen) of 52 weeks of the year observed during construction; the others follow the annual cycle fitted to the seen weeks (the pooled rate when the data show none)")
        }
        return GreenForecast(
            asOfWeek: T, asOfDate: panel.date(ofWeek: T), options: options, cooperatives: coops,
            curves: curves, model: model, assumptions: assumptions, firstDate: first, run: run)
    }
}

/// Evaluates many counterfactual cases with one set of prepared tables (parameter draws,
/// weather, shocks): the engine of the priority ranking and the capacity planner.
public struct ScenarioEvaluator: Sendable {
    let panel: Panel
    let model: ForecastModel
    /// The forecast options the cases run with.
    public let options: ForecastOptions
    let prototype: PathSimulator

    /// Prepares the tables for `model` and `options`.
    public init(panel: Panel, model: ForecastModel, options: ForecastOptions) {
        self.panel = panel
        self.model = model
        self.options = options
        prototype = PathSimulator(
            panel: panel, model: model, options: options, draws: ParameterDraws(model: model, options: options))
    }

    /// The forecast of each (cooperative, scenario) case alone, in the order given; cases
    /// run in parallel. The same case always gives the same result.
    public func forecasts(_ cases: [(index: Int, scenario: Scenario)]) -> [CooperativeForecast] {
        guard !cases.isEmpty else { return [] }
        let run = GreenForecaster.simulate(
            panel: panel, model: model, options: options, indices: cases.map(\.index),
            scenarios: cases.map(\.scenario), prototype: prototype)
        return GreenForecaster.summariseCooperatives(panel: panel, model: model, options: options, run: run)
    }

    /// The interventions that can change cooperative `index`'s forecast.
    public func applicable(_ index: Int) -> [InterventionKind] { prototype.applicable(cooperative: index) }
}

/// The models fitted side by side by ``ForecastModel/init(panel:asOfWeek:)``.
final class ModelParts: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var construction: DelayFactorFit?
    private(set) var stages: StageModels?
    private(set) var weather: WeatherSeason?

    func set(construction fit: DelayFactorFit) {
        lock.lock()
        construction = fit
        lock.unlock()
    }

    func set(stages s: StageModels, weather w: WeatherSeason) {
        lock.lock()
        stages = s
        weather = w
        lock.unlock()
    }
}

/// Output buffers written by the parallel workers, each cooperative's slots by exactly one.
struct OutputBuffers: @unchecked Sendable {
    let offsets: UnsafeMutableBufferPointer<UInt16>
    let delays: UnsafeMutableBufferPointer<Double>
}

/// Parameter draws of the construction model, shared by every cooperative.
struct ParameterDraws: Sendable {
    /// Per draw: h node values then θ.
    var values: [[Double]]

    init(model: ForecastModel, options: ForecastOptions) {
        let fit = model.construction
        let mean = fit.curve.values + fit.theta
        let p = mean.count
        var values: [[Double]] = [mean]
        var lower: Matrix?
        var cov = fit.covariance
        if cov.rows == p {
            for a in 0..<p { cov.elements[a + a * p] += 1e-12 }
            if let ch = try? Cholesky(cov) { lower = ch.lower }
        }
        var rng = Xoshiro(stream: [options.seed, 0x5041_5241_4D53])
        let nNodes = fit.curve.nodes.count
        for _ in 1..<options.parameterDraws {
            guard let l = lower else { values.append(mean); continue }
            let z = (0..<p).map { _ in rng.normal() }
            var v = mean
            for a in 0..<p {
                var s = 0.0
                for b in 0...a { s += l[a, b] * z[b] }
                v[a] += s
            }
            for k in 0..<nNodes { v[k] = max(1e-3, v[k]) }
            for k in nNodes..<p { v[k] = min(1, max(0, v[k])) }
            values.append(v)
        }
        // A delay factor never speeds work up: θ ≤ 1 in every draw (so that ending one can
        // never slow a cooperative down).
        for k in nNodes..<p { values[0][k] = min(1, max(0, values[0][k])) }
        self.values = values
    }
}

/// Runs the paths of one cooperative at a time.
struct PathSimulator: Sendable {
    let panel: Panel
    let model: ForecastModel
    let options: ForecastOptions
    let draws: ParameterDraws
    let kelNeeded: Int
    let legNeeded: Int
    let unitsNeeded: Int
    let minMembers: Int32
    let nNodes: Int
    let step: Double
    let weatherByWeek: [[Double]]  // [regency][week offset from as-of]
    let lastWeekSimulated: Int
    /// exp(−Σ −ln θ_k) for each parameter draw and flag combination (`draw * 16 + combo`).
    let multipliers: [Double]
    /// Work lost per factor (land, weather, labour, technical) for each draw and combination.
    let lostShares: [(Double, Double, Double, Double)]
    /// The multiplicative work noise ε by its 4,096 quantiles.
    let noiseTable: [Double]
    /// Common weekly shock factor per path and week: `shocks[p * (lastWeekSimulated + 1) + t]`.
    let shocks: [Double]
    /// Per regency and pre-construction state, where the state goes when its land becomes
    /// ready: (destination, cumulative probability) over the destinations with land `siap`
    /// or construction started, from the regency's row, or from the rows of every regency
    /// pooled when the regency never saw that transition, or from the other land states of
    /// the same stage when nobody left this one; empty when nothing is known.
    let landReady: [[[(Int, Double)]]]

    init(panel: Panel, model: ForecastModel, options: ForecastOptions, draws: ParameterDraws) {
        self.panel = panel
        self.model = model
        self.options = options
        self.draws = draws
        let r = panel.rules
        func needed(_ minimum: Double, _ per: Double) -> Int {
            if minimum <= 0 { return 0 }
            if per <= 0 { return 5 }  // unreachable
            return Int((minimum / per - 1e-9).rounded(.up))
        }
        kelNeeded = needed(r.greenMinimumKelembagaan, r.kelembagaanPointsPerItem)
        legNeeded = needed(r.greenMinimumLegalitas, r.legalitasPointsPerItem)
        unitsNeeded = max(0, r.greenMinimumUnits)
        minMembers = Int32(clamping: r.minimumMembers)
        nNodes = model.construction.curve.nodes.count
        step = 100.0 / Double(nNodes - 1)
        // Weather probability for every week from the earliest last report to the horizon.
        let earliest = 0
        let lastWeek = model.asOfWeek + options.horizon
        lastWeekSimulated = lastWeek
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        weatherByWeek = (0..<panel.regencies.count).map { g in
            (earliest...lastWeek).map { t in
                model.weather.probability(regency: g, day: first.adding(days: 7 * t))
            }
        }
        let sd = model.construction.weekShock
        var shock = [Double](repeating: 1, count: options.paths * (lastWeek + 1))
        if sd > 0 {
            for p in 0..<options.paths {
                var rng = Xoshiro(stream: [options.seed, 0x5348_4F43_4B, UInt64(p)])
                for t in 0...lastWeek { shock[p * (lastWeek + 1) + t] = exp(sd * rng.normal() - sd * sd / 2) }
            }
        }
        shocks = shock
        let nd = StageModels.preStates + 1
        let rows = model.stages.preTransition
        func readyRow(_ weights: (Int) -> Double, from s: Int) -> [(Int, Double)] {
            let ds = (0..<nd).filter { $0 != s && ($0 == StageModels.started || $0 % 5 == 3) }
            let total = ds.reduce(0.0) { $0 + weights($1) }
            guard total > 1e-12 else { return [] }
            var acc = 0.0
            return ds.compactMap { d in
                let w = weights(d)
                guard w > 0 else { return nil }
                acc += w / total
                return (d, acc)
            }
        }
        landReady = rows.map { row in
            (0..<StageModels.preStates).map { s in
                let own = readyRow({ row[s * nd + $0] }, from: s)
                if !own.isEmpty || s % 5 == 3 { return own }
                let pooled = readyRow({ d in rows.reduce(0.0) { $0 + $1[s * nd + d] } / Double(max(1, rows.count)) }, from: s)
                if !pooled.isEmpty { return pooled }
                // Nobody left this land state (a dispute never settled, say): where the
                // other land states of the same stage go when their land becomes ready.
                let others = (0..<StageModels.preStates).filter { $0 / 5 == s / 5 && $0 % 5 != 3 && $0 != s }
                return readyRow({ d in
                    others.reduce(0.0) { acc, o in acc + rows.reduce(0.0) { $0 + $1[o * nd + d] } }
                }, from: s)
            }
        }
        // Work multiplier and the work lost per factor for each of the 16 flag combinations,
        // per parameter draw; the lognormal noise by its 4,096 quantiles (a draw picks one).
        var mult = [Double](repeating: 1, count: draws.values.count * 16)
        var shares = [(Double, Double, Double, Double)](repeating: (0, 0, 0, 0), count: draws.values.count * 16)
        for (d, v) in draws.values.enumerated() {
            let lt = (0..<4).map { k in v[v.count - 4 + k] > 0 ? -log(v[v.count - 4 + k]) : 50 }
            for combo in 0..<16 {
                var logM = 0.0
                for k in 0..<4 where combo & (1 << k) != 0 { logM += lt[k] }
                mult[d * 16 + combo] = exp(-logM)
                if logM > 0 {
                    let lost = 1 - exp(-logM)
                    func part(_ k: Int) -> Double { combo & (1 << k) != 0 ? lost * lt[k] / logM : 0 }
                    shares[d * 16 + combo] = (part(0), part(1), part(2), part(3))
                }
            }
        }
        multipliers = mult
        lostShares = shares
        let noise2 = log(1 + model.construction.multiplicativeNoise * model.construction.multiplicativeNoise)
        noiseTable = (0..<4096).map { k in
            exp(-noise2 / 2 + noise2.squareRoot() * standardNormalQuantile((Double(k) + 0.5) / 4096))
        }
    }

    @inline(__always)
    func h(_ p: Double, _ v: [Double]) -> Double {
        if p >= 100 { return v[nNodes - 1] }
        let k = min(nNodes - 2, max(0, Int(p / step)))
        let f = (p - Double(k) * step) / step
        return v[k] + f * (v[k + 1] - v[k])
    }

    /// Which interventions can change the forecast of cooperative `i` at its last report
    /// up to the as-of week: land when it is not ready before construction or a land problem
    /// is flagged on site; labour and technical when that problem is flagged during
    /// construction; coaching when the institutional or legal items the green rule needs
    /// are not all held.
    func applicable(cooperative i: Int) -> [InterventionKind] {
        let T = model.asOfWeek
        let L = panel.lastReport(of: i, upTo: T) ?? T
        let c = panel.cell(i, L)
        let complete = panel.tahap[c] >= 3
        let building = !complete && (panel.tahap[c] == 2 || !panel.progress[c].isNaN)
        let flags = panel.flags[c]
        var kinds: [InterventionKind] = []
        if !complete {
            if building {
                if flags & Panel.Bit.land != 0 { kinds.append(.land) }
                if flags & Panel.Bit.labour != 0 { kinds.append(.labour) }
                if flags & Panel.Bit.technical != 0 { kinds.append(.technical) }
            } else if Int(max(0, panel.lahan[c])) != 3 {
                kinds.append(.land)
            }
        }
        var kelHeld = 0, legalHeld = 0
        for (k, bit) in Panel.Bit.adminItems.enumerated() where flags & bit != 0 {
            if k < 3 { kelHeld += 1 } else { legalHeld += 1 }
        }
        if panel.members[c] >= minMembers { kelHeld += 1 }
        if kelHeld < kelNeeded || legalHeld < max(0, legNeeded - 1) { kinds.append(.coaching) }
        return kinds
    }

    /// The state reached when the land of pre-construction state `s` becomes ready (from
    /// ``landReady``; the same stage with status siap when nothing is known).
    @inline(__always)
    func landReadyDestination(_ g: Int, _ s: Int, _ rng: inout Xoshiro) -> Int {
        let row = landReady[g][s]
        var dest = (s / 5) * 5 + 3
        guard !row.isEmpty else { return dest }
        let u = rng.uniform()
        for (d, cumulative) in row {
            dest = d
            if u < cumulative { break }
        }
        return dest
    }

    mutating func run(cooperative i: Int, slot j: Int, out: OutputBuffers, scenario: Scenario? = nil) {
        let landFrom = scenario?.start(of: .land) ?? Int.max
        let labourFrom = scenario?.start(of: .labour) ?? Int.max
        let technicalFrom = scenario?.start(of: .technical) ?? Int.max
        let coachingFrom = scenario?.start(of: .coaching) ?? Int.max
        let P = options.paths
        let H = options.horizon
        let T = model.asOfWeek
        let L = panel.lastReport(of: i, upTo: T) ?? T
        let c = panel.cell(i, L)
        let g = Int(panel.regencyIndex[i])
        let st = model.stages
        // Each path's stages draw from their own streams (pre-construction, construction,
        // units, admin items), so an intervention that changes one stage of a path leaves the
        // draws of the others as they were: common random numbers between a forecast and
        // its counterfactual.
        var keyRNG = Xoshiro(stream: [options.seed, UInt64(panel.codes[i].value), 0x4752_4545_4E])
        let key = keyRNG.next()
        let complete = panel.tahap[c] >= 3
        let building = !complete && (panel.tahap[c] == 2 || !panel.progress[c].isNaN)
        let progress0 = panel.progress[c].isNaN ? 0 : min(100, max(0, Double(panel.progress[c])))
        // Completion week (observed) for a complete one.
        var completionWeek = L
        if complete {
            var t = L
            while t > 0, panel.present[panel.cell(i, t - 1)] == 0 || panel.tahap[panel.cell(i, t - 1)] >= 3 {
                if panel.present[panel.cell(i, t - 1)] == 1 { completionWeek = t - 1 }
                t -= 1
            }
        }
        let preState = Int(max(0, panel.tahap[c])) * 5 + Int(max(0, panel.lahan[c]))
        let flags0 = panel.flags[c]
        let units0 = Int(panel.units[c])
        let members0 = panel.members[c]
        // Speed posterior as a lognormal.
        let sm = model.construction.speeds.mean[i]
        let sv = model.construction.speeds.variance[i]
        let sSigma2 = log(1 + sv / max(sm * sm, 1e-9))
        let sMu = log(max(sm, 1e-6)) - sSigma2 / 2
        let sSigma = sSigma2.squareRoot()
        // Frailties.
        let zm = st.preFrailtyMean[i], zv = st.preFrailtyVariance[i]
        let preShape = zv > 1e-9 ? zm * zm / zv : 0, preRate = zv > 1e-9 ? zm / zv : 0
        let aAdm = st.adminFrailtyShape
        let admShape = aAdm + st.adminObserved[i], admRate = aAdm + st.adminExpected[i]
        let onTime = st.onTime[i]
        let presence = st.presence[i]
        let rise = st.memberRise[i]
        let limit = T + H
        let nd = StageModels.preStates + 1
        // Items held at the last report.
        var kelHeld = 0, legalHeld = 0
        for (k, bit) in Panel.Bit.adminItems.enumerated() where flags0 & bit != 0 {
            if k < 3 { kelHeld += 1 } else { legalHeld += 1 }
        }
        if members0 >= minMembers { kelHeld += 1 }
        let adminHeld = kelHeld >= kelNeeded && legalHeld >= legNeeded - 1
        let preRow = st.preTransition[g]
        let wRow = weatherByWeek[g]
        let fOn = st.flagOn[g], fStay = st.flagStay[g]
        let itemRow = st.itemOn[g]
        let prereqRow = st.itemOnGivenPrerequisite[g]
        let jumps = st.memberJumps
        let initial = st.initialProgress
        let openHazard = st.openingHazard
        var kelTimes: [Int] = []
        var legTimes: [Int] = []
        var itemTimes = [Int](repeating: L, count: Panel.Bit.adminItems.count)
        kelTimes.reserveCapacity(4)
        legTimes.reserveCapacity(3)
        var delay = [Double](repeating: 0, count: GreenForecaster.causes)
        for p in 0..<P {
            var rng = Xoshiro(key: key, path: UInt64(p), stage: 1)
            let draw = p % draws.values.count
            let v = draws.values[draw]
            var pathDelay = (land: 0.0, weather: 0.0, labour: 0.0, technical: 0.0, start: 0.0)
            // 1. Infrastructure completion week C.
            var C = Int.max
            var startWeek = -1
            var prog = progress0
            var landFlag = flags0 & Panel.Bit.land != 0
            var labourFlag = flags0 & Panel.Bit.labour != 0
            var techFlag = flags0 & Panel.Bit.technical != 0
            if complete {
                C = completionWeek
            } else if building {
                startWeek = L
            } else {
                var z = preShape > 0 ? rng.gamma(preShape) / preRate : zm
                var s = preState
                var t = L
                var readyStream = false
                var started = false
                while true {
                    if s % 5 != 3 && t >= landFrom {
                        // Land made ready now: the transition the state makes when its land
                        // becomes ready, drawn from the state's row restricted to
                        // destinations with land `siap` or construction started (the portal
                        // registration or the start that often comes with it); the same
                        // portal stage with status siap when the row has none.
                        if !readyStream { rng = Xoshiro(key: key, path: UInt64(p), stage: 6); readyStream = true }
                        let dest = landReadyDestination(g, s, &rng)
                        if dest == StageModels.started { started = true; break }
                        s = dest
                        // The cooperative's frailty was learnt mostly from its land: once the
                        // land is taken care of, the remaining steps go at least at the
                        // regency's typical pace.
                        z = max(z, 1)
                    }
                    let stay = preRow[s * nd + s]
                    let exitP = z == 1 ? 1 - max(0, stay) : 1 - pow(max(0, stay), z)
                    let wait = rng.geometric(exitP)
                    if s % 5 != 3 && landFrom <= limit && (wait == Int.max || t + wait + 1 > landFrom) {
                        // The land intervention comes before this state would have ended.
                        pathDelay.land += Double(landFrom - t)
                        t = landFrom
                        continue
                    }
                    if wait == Int.max || t + wait + 1 > limit {
                        let weeks = Double(limit - t)
                        if s % 5 == 3 { pathDelay.start += weeks } else { pathDelay.land += weeks }
                        break
                    }
                    let weeks = Double(wait + 1)
                    if s % 5 == 3 { pathDelay.start += weeks } else { pathDelay.land += weeks }
                    t += wait + 1
                    // Destination among the others, proportional to the row.
                    let u = rng.uniform() * (1 - stay)
                    var acc = 0.0
                    var dest = StageModels.started
                    for d in 0..<nd where d != s {
                        acc += preRow[s * nd + d]
                        if u < acc { dest = d; break }
                    }
                    if s % 5 != 3 && (dest == StageModels.started || dest % 5 == 3) {
                        // The land becomes ready: which ready state, and everything after,
                        // come from their own stream — the same draws a land intervention
                        // uses, so resolving land can only bring this moment forward.
                        if !readyStream { rng = Xoshiro(key: key, path: UInt64(p), stage: 6); readyStream = true }
                        dest = landReadyDestination(g, s, &rng)
                    }
                    if dest == StageModels.started { started = true; break }
                    s = dest
                }
                if started {
                    startWeek = t
                    prog = initial[Int(rng.next() % UInt64(initial.count))]
                    landFlag = false
                    labourFlag = false
                    techFlag = false
                }
            }
            if startWeek >= 0 {
                if prog >= 100 {
                    C = startWeek
                } else {
                    var rng = Xoshiro(key: key, path: UInt64(p), stage: 2)
                    let speed = exp(sMu + sSigma * rng.normal())
                    var t = startWeek
                    // An intervention ends the current labour or technical episode at its
                    // week: the flag stays down until the episode would have ended by itself,
                    // then follows the chain as before; a land intervention keeps the land
                    // flag down for good. The chains' uniforms are drawn either way, so a
                    // path with the intervention is never slower than without it.
                    var labourCut = labourFrom != Int.max
                    var techCut = technicalFrom != Int.max
                    while t < limit {
                        t += 1
                        landFlag = rng.uniform() < (landFlag ? fStay[0] : fOn[0])
                        labourFlag = rng.uniform() < (labourFlag ? fStay[1] : fOn[1])
                        techFlag = rng.uniform() < (techFlag ? fStay[2] : fOn[2])
                        if labourCut && t >= labourFrom && !labourFlag { labourCut = false }
                        if techCut && t >= technicalFrom && !techFlag { techCut = false }
                        let landOn = landFlag && t < landFrom
                        let labourOn = labourFlag && !(labourCut && t >= labourFrom)
                        let techOn = techFlag && !(techCut && t >= technicalFrom)
                        let wet = rng.uniform() < wRow[t]
                        let combo = (landOn ? 1 : 0) | (wet ? 2 : 0) | (labourOn ? 4 : 0) | (techOn ? 8 : 0)
                        let m = multipliers[draw * 16 + combo]
                        if combo != 0 {
                            // Work lost this week, shared among the flagged factors in
                            // proportion to their −ln θ.
                            let share = lostShares[draw * 16 + combo]
                            pathDelay.land += share.0
                            pathDelay.weather += share.1
                            pathDelay.labour += share.2
                            pathDelay.technical += share.3
                        }
                        let inc = speed * h(prog, v) * shocks[p * (lastWeekSimulated + 1) + t]
                            * m * noiseTable[Int(truncatingIfNeeded: rng.next() >> 52)]
                        prog += inc
                        if prog >= 100 { C = t; break }
                    }
                }
            }
            // 2. Units.
            rng = Xoshiro(key: key, path: UInt64(p), stage: 3)
            var U = Int.max
            if units0 >= unitsNeeded {
                U = L
            } else if C != Int.max {
                var units = units0
                var t = L
                if units == 0 {
                    // The first unit opens at the earlier of the cooperative's own opening
                    // (at the weekly rate seen before completion, from the next week) and
                    // the opening that completion brings (the hazard of weeks since
                    // completion, given the weeks already waited). Both are drawn whatever
                    // the completion week, so an earlier completion never delays it.
                    var own = Int.max
                    if !complete {
                        let wait = rng.geometric(st.openBeforeCompletion[g])
                        if wait != Int.max { own = L + 1 + wait }
                    }
                    var k = max(1, L - C + 1)
                    var after = Int.max
                    var tk = C + k
                    while tk <= min(limit, own) {
                        let hz = k <= openHazard.count ? openHazard[k - 1] : st.openingTail
                        if rng.uniform() < hz { after = tk; break }
                        k += 1
                        tk += 1
                    }
                    let first = min(own, after)
                    if first <= limit {
                        units = 1
                        t = first
                    }
                }
                rng = Xoshiro(key: key, path: UInt64(p), stage: 5)
                while units > 0, units < unitsNeeded, t <= limit {
                    let wait = rng.geometric(st.unitGrowth)
                    if wait == Int.max { t = Int.max; break }
                    t += wait + 1
                    units += 1
                }
                if units >= unitsNeeded, t <= limit { U = max(t, L) }
            }
            // 3. Admin items.
            rng = Xoshiro(key: key, path: UInt64(p), stage: 4)
            var green = Int.max
            let ready0 = max(C, U)
            // The week's on-time report and report sent are drawn per calendar week, so the
            // same week gives the same draws whenever the cooperative gets there.
            @inline(__always) func weekly(_ t: Int, _ which: UInt64) -> Double {
                var r = Xoshiro(key: key ^ 0x5745_454B, path: UInt64(p), stage: UInt64(t) << 1 | which)
                return r.uniform()
            }
            if ready0 != Int.max && ready0 <= limit && adminHeld {
                // Every needed item held (taken as kept): green at the first week from
                // ready0 with a report sent (and an on-time one when that item is needed).
                var t = max(ready0, T + 1)
                while t <= limit {
                    let legalOK = legalHeld >= legNeeded || weekly(t, 0) < onTime
                    if legalOK && weekly(t, 1) < presence { green = t; break }
                    t += 1
                }
            } else if ready0 != Int.max && ready0 <= limit {
                let za = aAdm >= 1e5 ? 1 : rng.gamma(admShape) / admRate
                kelTimes.removeAll(keepingCapacity: true)
                legTimes.removeAll(keepingCapacity: true)
                // Items without a pending prerequisite first, then those waiting for one
                // (their clock starts when the prerequisite is gained, e.g. a bank account
                // after the tax number).
                for pass in 0..<2 {
                    for (k, bit) in Panel.Bit.adminItems.enumerated() {
                        let pre = st.itemPrerequisite[k]
                        let waits = pre >= 0 && flags0 & Panel.Bit.adminItems[pre] == 0
                        guard waits == (pass == 1) else { continue }
                        itemTimes[k] = L
                        guard flags0 & bit == 0 else { continue }
                        let from = waits ? itemTimes[pre] : L
                        let rate = waits ? prereqRow[k] : itemRow[k]
                        itemTimes[k] = Int.max
                        guard from != Int.max else { continue }
                        let q = za == 1 ? rate : 1 - pow(1 - rate, za)
                        let wait = rng.geometric(q)
                        if wait != Int.max { itemTimes[k] = from + 1 + wait }
                    }
                }
                for k in 0..<itemTimes.count {
                    // Coaching closes every gap from its week.
                    let when = min(itemTimes[k], coachingFrom)
                    if k < 3 { kelTimes.append(when) } else { legTimes.append(when) }
                }
                var memberTime = L
                if members0 < minMembers {
                    var m = members0
                    var t = L
                    while m < minMembers {
                        let wait = rng.geometric(rise)
                        if wait == Int.max || t + wait + 1 > limit { t = Int.max; break }
                        t += wait + 1
                        m += jumps[Int(rng.next() % UInt64(jumps.count))]
                    }
                    memberTime = min(t, coachingFrom)
                }
                kelTimes.append(memberTime)
                kelTimes.sort()
                legTimes.sort()
                let kelReady = kelNeeded == 0 ? L : (kelNeeded <= 4 ? kelTimes[kelNeeded - 1] : Int.max)
                var t = max(ready0, kelReady, T + 1)
                let needFromItems = max(0, legNeeded - 1)  // with an on-time report
                while t <= limit {
                    var have = 0
                    for x in legTimes where x <= t { have += 1 }
                    if have < needFromItems {
                        // Jump to the next item.
                        let next = legTimes.first { $0 > t } ?? Int.max
                        if next == Int.max { break }
                        t = next
                        continue
                    }
                    let legalOK = have >= legNeeded || (legNeeded <= 4 && weekly(t, 0) < onTime)
                    if legalOK && weekly(t, 1) < presence { green = t; break }
                    t += 1
                }
            }
            let offset = green == Int.max ? H + 1 : min(H + 1, max(1, green - T))
            out.offsets[j * P + p] = UInt16(offset)
            // Delays of this path.
            delay[DelayCause.land.rawValue] += pathDelay.land
            delay[DelayCause.weather.rawValue] += pathDelay.weather
            delay[DelayCause.labour.rawValue] += pathDelay.labour
            delay[DelayCause.technical.rawValue] += pathDelay.technical
            delay[DelayCause.start.rawValue] += pathDelay.start
            let end = green == Int.max ? limit : green
            if C != Int.max {
                let unitsAt = U == Int.max ? end : U
                delay[DelayCause.operations.rawValue] += Double(max(0, min(unitsAt, end) - max(C, T)))
                delay[DelayCause.institutional.rawValue] += Double(max(0, end - max(C, unitsAt, T)))
            }
        }
        for k in 0..<GreenForecaster.causes {
            out.delays[j * GreenForecaster.causes + k] = delay[k] / Double(P)
        }
    }
}

/// Each cooperative's forecast as it was at a sequence of past as-of weeks: how its P50
/// moved week by week.
public struct ForecastHistory: Sendable {
    /// The as-of weeks, ascending.
    public var weeks: [Int]
    /// Per as-of week, the forecast of each cooperative not green then: panel index → (P10,
    /// P50, P90) week indices (`nil` beyond the horizon).
    public var forecasts: [[Int: QuantileForecast]]

    /// Re-fits and re-forecasts at every week of `weeks` (each on the data up to it).
    ///
    /// - Complexity: one full fit and forecast per week.
    public init(panel: Panel, weeks: [Int], options: ForecastOptions) throws(ForecastError) {
        self.weeks = weeks.sorted()
        var out: [[Int: QuantileForecast]] = []
        for w in self.weeks {
            let f = try GreenForecaster.forecast(panel: panel, asOfWeek: w, options: options)
            var m: [Int: QuantileForecast] = [:]
            for c in f.cooperatives { m[c.index] = QuantileForecast(p10: c.p10, p50: c.p50, p90: c.p90) }
            out.append(m)
        }
        forecasts = out
    }
}
