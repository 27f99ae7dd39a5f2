import KendaliData

/// One planned intervention: which cooperative, what, from which week.
public struct PlannedIntervention: Sendable, Hashable {
    /// Index in the panel.
    public var index: Int
    /// The cooperative.
    public var code: CooperativeCode
    /// What is done.
    public var kind: InterventionKind
    /// Grid week it is done in (it acts from this week on).
    public var week: Int
    /// Expected cooperatives green by the target this adds, given the interventions planned
    /// for the same cooperative before it (the marginal gain at the time it was chosen).
    public var gain: Double
}

/// A plan of interventions under weekly capacities, with its value.
public struct CapacityPlan: Sendable {
    /// The interventions, in the order chosen.
    public var interventions: [PlannedIntervention]
    /// Expected number of cooperatives green by the target without any intervention, those
    /// green already at the as-of week included.
    public var expectedWithout: Double
    /// Expected number with the plan.
    public var expectedWith: Double
    /// `expectedWith − expectedWithout`.
    public var gain: Double { expectedWith - expectedWithout }
    /// How the plan was found.
    public var method: String
}

/// Chooses interventions under weekly capacities to maximise the expected number of
/// cooperatives green by the target date (issue "rank intervention priorities", capacity).
///
/// The objective is additive over cooperatives: E[number green by the target] = Σᵢ P(green
/// by target | the interventions planned for i), each term a counterfactual forecast of
/// ``ScenarioEvaluator`` (common random numbers, so differences are effects, not noise).
/// Capacity `c` of a kind means at most `c` interventions of it per week, in the weeks from
/// the one after the as-of week up to the week before the target (an intervention in the
/// target week itself cannot change who is green by then).
public struct CapacityPlanner: Sendable {
    /// The counterfactual engine (its options' target is the plan's target).
    public let evaluator: ScenarioEvaluator
    /// The cooperatives considered: panel index → applicable kinds.
    public let candidates: [Int: [InterventionKind]]
    /// Per kind (``InterventionKind`` order), interventions per week.
    public let capacity: [Int]
    /// First and last grid weeks an intervention can be planned in.
    public let weeks: ClosedRange<Int>?
    let codes: [CooperativeCode]
    /// Expected number green by the target without intervention (green now included).
    let baseline: Double
    private let cache = ValueCache()

    /// A planner over every forecast cooperative with an applicable intervention.
    ///
    /// - Parameter capacity: interventions per week of each kind (missing kinds: 0).
    public init(panel: Panel, forecast: GreenForecast, capacity: [InterventionKind: Int]) {
        evaluator = ScenarioEvaluator(panel: panel, model: forecast.model, options: forecast.options)
        var c: [Int: [InterventionKind]] = [:]
        for f in forecast.cooperatives {
            let k = evaluator.applicable(f.index)
            if !k.isEmpty { c[f.index] = k }
        }
        candidates = c
        self.capacity = InterventionKind.allCases.map { max(0, capacity[$0] ?? 0) }
        let T = forecast.asOfWeek
        let target = GreenForecaster.targetWeek(panel: panel, asOfWeek: T, options: forecast.options)
        weeks = target - 1 >= T + 1 ? (T + 1)...(target - 1) : nil
        codes = panel.codes
        let greenNow = forecast.curves.last?.greenAtAsOf ?? 0
        baseline = Double(greenNow) + forecast.cooperatives.reduce(0) { $0 + $1.probabilityGreenByTarget }
    }

    /// P(green by the target) of each (cooperative, scenario), memoised.
    func values(_ cases: [(index: Int, scenario: Scenario)]) -> [Double] {
        var missing: [(index: Int, scenario: Scenario)] = []
        var seen = Set<CaseKey>()
        for c in cases {
            let key = CaseKey(index: c.index, scenario: c.scenario)
            if cache.get(key) == nil, seen.insert(key).inserted { missing.append(c) }
        }
        if !missing.isEmpty {
            let out = evaluator.forecasts(missing)
            for (c, f) in zip(missing, out) {
                cache.set(CaseKey(index: c.index, scenario: c.scenario), f.probabilityGreenByTarget)
            }
        }
        return cases.map { cache.get(CaseKey(index: $0.index, scenario: $0.scenario)) ?? 0 }
    }

    /// The value of `plan`: expected green by the target without and with it.
    public func evaluate(_ plan: [PlannedIntervention]) -> (without: Double, with: Double) {
        var scenarios: [Int: Scenario] = [:]
        for p in plan { scenarios[p.index, default: Scenario()].apply(p.kind, from: p.week) }
        let changed = scenarios.keys.sorted()
        let after = values(changed.map { ($0, scenarios[$0] ?? Scenario()) })
        let before = values(changed.map { ($0, Scenario()) })
        return (baseline, baseline + zip(after, before).reduce(0) { $0 + $1.0 - $1.1 })
    }

    /// Greedy on marginal gains (lazy evaluation): repeatedly take the (cooperative, kind)
    /// whose addition, in the earliest week with capacity left for its kind, adds the most
    /// to the expected number green by the target; stop when no capacity is left or nothing
    /// gains.
    public func greedy() -> CapacityPlan {
        guard let weeks else { return finish([], method: "greedy") }
        var left = [[Int]](repeating: [Int](repeating: 0, count: weeks.count), count: capacity.count)
        for k in capacity.indices { left[k] = [Int](repeating: capacity[k], count: weeks.count) }
        func earliest(_ kind: InterventionKind) -> Int? {
            left[kind.index].firstIndex { $0 > 0 }.map { weeks.lowerBound + $0 }
        }
        var scenario: [Int: Scenario] = [:]
        // Initial gains at the first week.
        var heap: [(gain: Double, index: Int, kind: InterventionKind)] = []
        let pairs = candidates.keys.sorted().flatMap { i in (candidates[i] ?? []).map { (i, $0) } }
        let base = values(pairs.map { ($0.0, Scenario()) })
        let first = values(pairs.map { ($0.0, Scenario([$0.1], from: weeks.lowerBound)) })
        for (k, p) in pairs.enumerated() where capacity[p.1.index] > 0 {
            heap.append((first[k] - base[k], p.0, p.1))
        }
        heap.sort { ($0.gain, $1.index, $1.kind.index) > ($1.gain, $0.index, $0.kind.index) }
        var plan: [PlannedIntervention] = []
        while !heap.isEmpty {
            let top = heap.removeFirst()
            guard top.gain > 1e-9, let week = earliest(top.kind) else { continue }
            let current = scenario[top.index] ?? Scenario()
            var next = current
            next.apply(top.kind, from: week)
            let v = values([(top.index, current), (top.index, next)])
            let gain = v[1] - v[0]
            if let runnerUp = heap.first, gain + 1e-12 < runnerUp.gain {
                // Stale: put it back where it now belongs.
                let at = heap.firstIndex { $0.gain < gain } ?? heap.count
                heap.insert((gain, top.index, top.kind), at: at)
                continue
            }
            guard gain > 1e-9 else { continue }
            scenario[top.index] = next
            left[top.kind.index][week - weeks.lowerBound] -= 1
            plan.append(PlannedIntervention(index: top.index, code: codes[top.index], kind: top.kind, week: week, gain: gain))
        }
        return finish(plan, method: "greedy")
    }

    /// Another way to the same goal, to check the greedy: a seeded local search that
    /// starts from a random feasible plan and from `start`, and makes the best swap of each
    /// planned intervention for one not planned (same kind and week) while that raises the
    /// expected number green, until no swap in a full pass does or `passes` is reached.
    public func localSearch(from start: CapacityPlan, seed: UInt64 = 1, passes: Int = 4) -> CapacityPlan {
        guard let weeks else { return finish([], method: "local search") }
        var rng = Xoshiro(stream: [seed, 0x4C4F_4341_4C])
        let pairs = candidates.keys.sorted().flatMap { i in (candidates[i] ?? []).map { (i, $0) } }
        // A random feasible plan: shuffle the pairs and fill the slots.
        var shuffled = pairs
        for k in stride(from: shuffled.count - 1, to: 0, by: -1) {
            shuffled.swapAt(k, Int(rng.next() % UInt64(k + 1)))
        }
        var random: [PlannedIntervention] = []
        var used = [[Int]](repeating: [Int](repeating: 0, count: weeks.count), count: capacity.count)
        for (i, kind) in shuffled {
            guard let w = used[kind.index].firstIndex(where: { $0 < capacity[kind.index] }) else { continue }
            used[kind.index][w] += 1
            random.append(PlannedIntervention(index: i, code: codes[i], kind: kind, week: weeks.lowerBound + w, gain: 0))
        }
        var best = improve(random, pairs: pairs, weeks: weeks, passes: passes)
        let fromStart = improve(start.interventions, pairs: pairs, weeks: weeks, passes: passes)
        if evaluate(fromStart).with > evaluate(best).with { best = fromStart }
        return finish(best, method: "local search")
    }

    func improve(_ initial: [PlannedIntervention], pairs: [(Int, InterventionKind)], weeks: ClosedRange<Int>,
                 passes: Int) -> [PlannedIntervention] {
        var plan = initial
        // Candidates worth trying: by their single gain at the first week, best first.
        let base = values(pairs.map { ($0.0, Scenario()) })
        let single = values(pairs.map { ($0.0, Scenario([$0.1], from: weeks.lowerBound)) })
        let order = pairs.indices.sorted { single[$0] - base[$0] > single[$1] - base[$1] }
        let total = capacity.reduce(0, +) * weeks.count
        let tried = order.prefix(max(50, 3 * total)).map { pairs[$0] }
        func scenario(of i: Int, in plan: [PlannedIntervention], skipping skip: Int? = nil) -> Scenario {
            var s = Scenario()
            for (k, p) in plan.enumerated() where p.index == i && k != skip { s.apply(p.kind, from: p.week) }
            return s
        }
        for _ in 0..<passes {
            var moved = false
            for slot in plan.indices {
                let old = plan[slot]
                // Value lost by taking the slot away from its cooperative.
                let oldWith = scenario(of: old.index, in: plan)
                let oldWithout = scenario(of: old.index, in: plan, skipping: slot)
                let lost = values([(old.index, oldWith), (old.index, oldWithout)])
                let loss = lost[0] - lost[1]
                var bestDelta = 1e-9
                var bestIndex: Int?
                for (i, kind) in tried where kind == old.kind && i != old.index {
                    if plan.contains(where: { $0.index == i && $0.kind == kind }) { continue }
                    let current = scenario(of: i, in: plan)
                    var next = current
                    next.apply(kind, from: old.week)
                    let v = values([(i, current), (i, next)])
                    let delta = v[1] - v[0] - loss
                    if delta > bestDelta { bestDelta = delta; bestIndex = i }
                }
                if let i = bestIndex {
                    plan[slot].index = i
                    plan[slot].code = codes[i]
                    moved = true
                }
            }
            if !moved { break }
        }
        // Record each intervention's marginal gain in plan order.
        var so: [Int: Scenario] = [:]
        for k in plan.indices {
            let current = so[plan[k].index] ?? Scenario()
            var next = current
            next.apply(plan[k].kind, from: plan[k].week)
            let v = values([(plan[k].index, current), (plan[k].index, next)])
            plan[k].gain = v[1] - v[0]
            so[plan[k].index] = next
        }
        return plan
    }

    func finish(_ plan: [PlannedIntervention], method: String) -> CapacityPlan {
        let v = evaluate(plan)
        return CapacityPlan(interventions: plan, expectedWithout: v.without, expectedWith: v.with, method: method)
    }
}

/// A memo key: a cooperative and its scenario.
struct CaseKey: Hashable, Sendable {
    var index: Int
    var scenario: Scenario
}

/// The planner's memo of P(green by target) per case (not shared across threads).
final class ValueCache: @unchecked Sendable {
    private var values: [CaseKey: Double] = [:]
    func get(_ key: CaseKey) -> Double? { values[key] }
    func set(_ key: CaseKey, _ value: Double) { values[key] = value }
}
