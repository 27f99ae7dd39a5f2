import KendaliData

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
        var sim = PathSimulator(
            panel: panel, model: model, options: options, draws: ParameterDraws(model: model, options: options))
        if model.startCapacity.anyRationed { sim.queues = StartQueues(sim: sim) }
        prototype = sim
    }

    /// The forecast of each (cooperative, scenario) case alone, in the order given; cases
    /// run in parallel. The same case always gives the same result.
    public func forecasts(_ cases: [(index: Int, scenario: Scenario)]) -> [CooperativeForecast] {
        guard !cases.isEmpty else { return [] }
        let run = GreenForecaster.simulate(
            panel: panel, model: model, options: options, indices: cases.map(\.index),
            scenarios: cases.map(\.scenario), prototype: prototype, alone: true)
        return GreenForecaster.summariseCooperatives(panel: panel, model: model, options: options, run: run)
    }

    /// The interventions that can change cooperative `index`'s forecast.
    public func applicable(_ index: Int) -> [InterventionKind] { prototype.applicable(cooperative: index) }
}
