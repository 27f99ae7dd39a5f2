import Dispatch
import KendaliData

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
/// A cooperative whose last reports cannot be trusted as its state now (``DataQuality``:
/// stale or inconsistent) runs its paths from both readings of its state, and its P10–P90
/// is never narrower than its last report read as fresh would give
/// (``PathSimulator/run(cooperative:slot:out:scenario:)``).
///
/// Cooperatives run in parallel chunks; each draws from its own stream keyed by (seed,
/// code), so the result does not depend on the number of threads.
public enum GreenForecaster {
    /// Fits the models up to `asOfWeek` and forecasts.
    public static func forecast(panel: Panel, asOfWeek: Int, options: ForecastOptions = ForecastOptions())
        throws(ForecastError) -> GreenForecast
    {
        let model = try ForecastModel(panel: panel, asOfWeek: asOfWeek, rationStarts: options.rationStarts)
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
        /// P10, P50, P90 offsets of each slot whose data quality is not `ok` (0 = none:
        /// the quantiles of its paths in ``offsets``).
        var quantiles: [UInt16]
    }

    /// The 0-based rank of the `q` quantile among `n` sorted values: ⌈q·n⌉ − 1, clamped to
    /// 0…n − 1 (the lower empirical quantile).
    static func quantileRank(_ q: Double, _ n: Int) -> Int {
        max(0, min(n - 1, Int((q * Double(n)).rounded(.up)) - 1))
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
    ///
    /// Where starts are rationed (``StartQueues``) the scenarios act together on their
    /// units' queues, or, with `alone`, each slot's scenario alone beside the forecast's
    /// queue (the counterfactual of one cooperative).
    static func simulate(panel: Panel, model: ForecastModel, options: ForecastOptions,
                         indices given: [Int]? = nil, scenarios: [Scenario]? = nil,
                         prototype given2: PathSimulator? = nil, alone: Bool = false) -> Run {
        let indices = given ?? forecastable(panel: panel, asOfWeek: model.asOfWeek)
        let paths = options.paths
        let count = indices.count
        let chosen = indices
        var offsets = [UInt16](repeating: 0, count: count * paths)
        var delays = [Double](repeating: 0, count: count * causes)
        var quantiles = [UInt16](repeating: 0, count: count * 3)
        let chunk = options.chunkSize
        let chunks = (count + chunk - 1) / chunk
        offsets.withUnsafeMutableBufferPointer { off in
            delays.withUnsafeMutableBufferPointer { del in
              quantiles.withUnsafeMutableBufferPointer { qs in
                let out = OutputBuffers(offsets: off, delays: del, quantiles: qs)
                var prototype = given2 ?? PathSimulator(
                    panel: panel, model: model, options: options, draws: ParameterDraws(model: model, options: options))
                if model.startCapacity.anyRationed {
                    prototype.queues = queues(prototype: prototype, indices: chosen, scenarios: scenarios, alone: alone)
                }
                let ready = prototype
                DispatchQueue.concurrentPerform(iterations: chunks) { k in
                    var sim = ready
                    for j in (k * chunk)..<min(count, (k + 1) * chunk) {
                        let i = chosen[j]
                        var starts = sim.queues?.starts(of: i, paths: paths)
                        if alone, starts != nil, let scenario = scenarios?[j], !scenario.isEmpty {
                            starts = sim.queues?.starts(
                                of: i, requests: sim.requests(cooperative: i, scenario: scenario), sim: sim)
                        }
                        sim.run(cooperative: i, slot: j, out: out, scenario: scenarios?[j], startWeeks: starts)
                    }
                }
              }
            }
        }
        return Run(indices: indices, offsets: offsets, delays: delays, quantiles: quantiles)
    }

    /// The queues of the rationed units for a run: the prototype's own (the forecast's) when
    /// the scenarios act alone or there are none; built with every slot's scenario
    /// otherwise.
    static func queues(prototype: PathSimulator, indices: [Int], scenarios: [Scenario]?, alone: Bool) -> StartQueues {
        let acting = scenarios.map { list in
            Dictionary(zip(indices, list).filter { !$0.1.isEmpty }, uniquingKeysWith: { a, _ in a })
        } ?? [:]
        if acting.isEmpty || alone { return prototype.queues ?? StartQueues(sim: prototype) }
        return StartQueues(sim: prototype, scenarios: acting)
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

}

/// Output buffers written by the parallel workers, each cooperative's slots by exactly one.
struct OutputBuffers: @unchecked Sendable {
    let offsets: UnsafeMutableBufferPointer<UInt16>
    let delays: UnsafeMutableBufferPointer<Double>
    /// Three per slot: P10, P50, P90 offsets of a cooperative whose data quality is not `ok`.
    let quantiles: UnsafeMutableBufferPointer<UInt16>
}

