import KendaliData

/// The answer to a what-if question: a unit's burn-up with and without a scenario.
public struct WhatIfResult: Sendable {
    /// The unit's burn-up without intervention.
    public var without: GreenCurve
    /// With the scenario.
    public var with: GreenCurve
    /// Each cooperative given a scenario (and forecast, i.e. not green at the as-of week):
    /// its forecast without and with, in code order.
    public var affected: [(before: CooperativeForecast, after: CooperativeForecast)]
    /// The as-of grid week.
    public var asOfWeek: Int
    /// The target grid week (of the options' target date).
    public var targetWeek: Int

    /// Expected number of the unit's cooperatives green by the target week, without and with.
    public var expectedByTarget: (without: Double, with: Double) {
        let o = max(0, min(without.expected.count - 1, targetWeek - asOfWeek))
        return (without.expected[o], with.expected[o])
    }
}

/// What-if forecasts (issue "rank intervention priorities", what-if): the same forecast run
/// twice with the same seed and random streams, once with each chosen cooperative's
/// scenario, so the difference between the two burn-ups is the scenario's effect.
public enum WhatIf {
    /// Runs the scenario.
    ///
    /// - Parameters:
    ///   - forecast: the forecast without intervention (its model and options are reused).
    ///   - scenarios: panel index → interventions (cooperatives already green are ignored).
    ///   - unit: name and membership (by panel index) of the tier whose burn-up is compared;
    ///     every cooperative when `nil`.
    public static func run(panel: Panel, forecast: GreenForecast, scenarios: [Int: Scenario],
                           unit: (name: String, contains: (Int) -> Bool)?) -> WhatIfResult {
        let model = forecast.model
        let options = forecast.options
        let T = model.asOfWeek
        let evaluator = ScenarioEvaluator(panel: panel, model: model, options: options)
        let indices = GreenForecaster.forecastable(panel: panel, asOfWeek: T)
        let none = [Scenario](repeating: Scenario(), count: indices.count)
        let with = indices.map { scenarios[$0] ?? Scenario() }
        let base = GreenForecaster.simulate(
            panel: panel, model: model, options: options, indices: indices, scenarios: none, prototype: evaluator.prototype)
        let changed = GreenForecaster.simulate(
            panel: panel, model: model, options: options, indices: indices, scenarios: with, prototype: evaluator.prototype)
        let inUnit = unit?.contains ?? { _ in true }
        var slots: [Int] = []
        for (j, i) in indices.enumerated() where inUnit(i) { slots.append(j) }
        var total = 0, greenNow = 0
        for i in 0..<panel.cooperativeCount where inUnit(i) && panel.firstWeek[i] >= 0 && Int(panel.firstWeek[i]) <= T {
            total += 1
            if panel.greenWeek[i] >= 0 && Int(panel.greenWeek[i]) <= T { greenNow += 1 }
        }
        let name = unit?.name ?? "all"
        let P = options.paths, H = options.horizon
        let without = GreenForecaster.curve(name: name, slots: slots, total: total, greenNow: greenNow, run: base, paths: P, horizon: H)
        let withCurve = GreenForecaster.curve(name: name, slots: slots, total: total, greenNow: greenNow, run: changed, paths: P, horizon: H)
        let forecastable = Set(indices)
        let chosen = scenarios.keys.filter { i in forecastable.contains(i) && !(scenarios[i]?.isEmpty ?? true) }.sorted()
        let pairs = evaluator.forecasts(chosen.map { ($0, Scenario()) } + chosen.map { ($0, scenarios[$0] ?? Scenario()) })
        var affected: [(before: CooperativeForecast, after: CooperativeForecast)] = []
        for k in chosen.indices { affected.append((pairs[k], pairs[chosen.count + k])) }
        return WhatIfResult(
            without: without, with: withCurve, affected: affected, asOfWeek: T,
            targetWeek: GreenForecaster.targetWeek(panel: panel, asOfWeek: T, options: options))
    }
}
