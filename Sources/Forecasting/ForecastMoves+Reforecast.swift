import Dispatch
import KendaliData

extension ScenarioEvaluator {
    /// The forecast of each of `cooperatives` (distinct) on `reverted`, this evaluator's
    /// panel with only those cooperatives' reports changed
    /// (``ForecastMoves/reverting(_:panel:cooperative:week:previous:)``), each the same as a
    /// new evaluator on this panel with only that cooperative's changes gives it, without
    /// rebuilding the whole panel's machinery; `nil` for one not forecast. They run side by
    /// side, each in its own slot.
    ///
    /// A cooperative's paths read only its own reports, the model, the options and the
    /// tables shared by every cooperative (the parameter draws, the weather and the common
    /// shocks, none of which reads the reports). The one thing shared that does read them is
    /// the queue of its unit where starts are rationed (``StartQueues``): for each
    /// cooperative that unit alone is built again with its request, its first week ready
    /// and its place in the queue read from `reverted`, every other member's as they were.
    ///
    /// - Complexity: the shared tables once, then one cooperative's paths each, plus
    ///   serving its unit's queue on every path when starts are rationed there.
    func forecasts(reverted: Panel, cooperatives: [Int]) -> [CooperativeForecast?] {
        guard !cooperatives.isEmpty else { return [] }
        let shared = PathSimulator(panel: reverted, model: model, options: options, draws: prototype.draws)
        let queues = prototype.queues
        let slots = ParallelSlots<(Int, CooperativeForecast?)>(count: cooperatives.count)
        DispatchQueue.concurrentPerform(iterations: cooperatives.count) { n in
            let i = cooperatives[n]
            var sim = shared
            if let queues { sim.queues = queues.revised(cooperative: i, sim: sim) }
            let run = GreenForecaster.simulate(
                panel: reverted, model: model, options: options, indices: [i], scenarios: [Scenario()],
                prototype: sim, alone: true)
            let forecast = GreenForecaster.summariseCooperatives(
                panel: reverted, model: model, options: options, run: run).first
            slots.store((n, forecast), at: n)
        }
        return slots.values.map(\.1)
    }
}

extension StartQueues {
    /// These queues (built on a panel that differs from `sim`'s only in cooperative `i`'s
    /// reports) with `i`'s unit built again as `StartQueues(sim: sim)` builds it: `i` joins
    /// or leaves the unit's members by its stage at the as-of week on `sim`'s panel, its
    /// request and first week ready are read from that panel, and the unit is served again
    /// on every path. The other units are left as they are; only `i`'s unit is consistent
    /// with `sim`'s panel, so the result serves forecasts of `i` alone.
    func revised(cooperative i: Int, sim: PathSimulator) -> StartQueues {
        let fit = sim.model.startCapacity
        let g = Int(sim.panel.regencyIndex[i])
        guard g < fit.unitOfRegency.count else { return self }
        let u = fit.unitOfRegency[g]
        guard fit.units[u].rationed else { return self }
        // The units kept are the rationed ones, in the fit's order.
        let k = fit.units[..<u].filter(\.rationed).count
        guard k < units.count else { return self }
        let T = sim.model.asOfWeek
        let P = sim.options.paths
        var unit = units[k]
        var out = self
        // `i`'s place in the unit: members are kept in ascending panel index.
        let position = unit.members.firstIndex { $0 >= i } ?? unit.members.count
        let member = position < unit.members.count && unit.members[position] == i
        if member {
            unit.members.remove(at: position)
            unit.readySince.remove(at: position)
            unit.requests.removeSubrange((position * P)..<((position + 1) * P))
            unit.starts.removeSubrange((position * P)..<((position + 1) * P))
        }
        let queued = CooperativeStart(panel: sim.panel, cooperative: i, asOfWeek: T).stage == .notStarted
        if queued {
            unit.members.insert(i, at: position)
            unit.readySince.insert(Self.readySince(panel: sim.panel, cooperative: i, asOfWeek: T), at: position)
            unit.requests.insert(contentsOf: sim.requests(cooperative: i, scenario: nil), at: position * P)
            unit.starts.insert(contentsOf: [Int32](repeating: Self.none, count: P), at: position * P)
        }
        if member || queued {
            for p in 0..<P {
                let served = Self.serve(unit: unit, path: p, sim: sim, replacing: nil)
                for m in unit.members.indices { unit.starts[m * P + p] = served[m] }
            }
            out.units[k] = unit
            for (m, j) in unit.members.enumerated() { out.place[j] = (k, m) }
            if !queued { out.place[i] = nil }
        }
        return out
    }
}
