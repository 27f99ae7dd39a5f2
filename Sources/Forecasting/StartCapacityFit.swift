import Dispatch
import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An error of the start-capacity estimation.
public enum StartCapacityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The block length is below one week.
    case invalidBlockWeeks(Int)
    /// The as-of week is outside the panel.
    case asOfOutsidePanel(week: Int, weeks: Int)

    /// A one-line message.
    public var description: String {
        switch self {
        case .invalidBlockWeeks(let n): "start-capacity blocks must be at least a week long, got \(n)"
        case .asOfOutsidePanel(let week, let weeks): "as-of week \(week) is outside the panel's \(weeks) weeks"
        }
    }
}

/// Whether one unit's construction starts are rationed, and at what capacity.
public struct StartCapacityUnitFit: Sendable, Hashable {
    /// The unit's code: a regency code (4 digits) or a province code (2 digits).
    public var code: Int
    /// Indices (into ``Panel/regencies``) of the regencies in the unit.
    public var regencies: [Int]
    /// The unit's weeks with cooperatives waiting.
    public var observedWeeks: Int
    /// Blocks of ``StartCapacityFit/blockWeeks`` weeks, the latest (ending at the as-of
    /// week) first: the level in each, its drift from block to block.
    public var blocks: [StartCapacityBlock]
    /// BIC of the hazard law in the latest block with cooperatives waiting
    /// (``StartCapacityBlock/hazardBIC``; 0 when there is none).
    public var hazardBIC: Double
    /// BIC of the queue law in that block.
    public var queueBIC: Double
    /// True when the latest block with waiting cooperatives is capped: the forecast then
    /// serves the unit's starts at ``capacity``.
    public var rationed: Bool
    /// The capacity (starts a week) of that block (0 when not rationed).
    public var capacity: Double
    /// The capacity's standard error (0 when not rationed).
    public var capacityStandardError: Double
    /// The weekly probability that a waiting cooperative asks to start, when rationed: the
    /// start hazard ΣS / ΣN over the unit's weeks with no more waiting than the capacity
    /// (the queue did not bind, so every request started), when they hold at least
    /// ``StartCapacityFit/minimumRequestWeeks`` cooperative-weeks; 1 (at once) otherwise.
    /// Not the queue law's own p: with a capacity less variable than Poisson that p is
    /// pulled down to make min(E, K) steadier, and requests would look slow. The latest
    /// block's hazard when not rationed.
    public var requestProbability: Double
    /// The serving order the history supports (see ``orderConcordance``).
    public var order: StartOrder
    /// Among the pairs (a cooperative that started, one left waiting, not ready the same
    /// week) of the same week in the latest block when capped: the share where the starter
    /// had waited longer; 1 for a strict first-ready-first-served queue, ½ for a random
    /// order; `nil` without such pairs.
    public var orderConcordance: Double?
}

/// Estimates, per unit, whether construction starts are rationed: a start hazard per
/// waiting cooperative against a queue served at a weekly capacity
/// (``StartCapacityLikelihood``).
///
/// **Unit.** The regency when the panel holds at most ``regencyUnitLimit`` regencies (a
/// province or a few: each regency sees enough starts a week to show a ceiling); the
/// province (the code's first two digits) beyond that, at national scale, where regencies
/// are many and small beside the forecast's cost.
///
/// **Drift.** The parameters are piecewise constant in blocks of ``blockWeeks`` weeks,
/// counted back from the as-of week: a level that may move from block to block, the
/// latest block's level carried forward. Within a block both laws hold p constant: a
/// hazard free to move week by week (or block by block of a few weeks) can follow any
/// ceiling (p falling as the queue grows), so the two laws are told apart by how the
/// starts follow the number waiting over weeks long enough for that number to change.
///
/// **Choice.** Per block, by the Bayesian information criterion, BIC = −2 ℓ + k ln n
/// (Schwarz 1978, "Estimating the dimension of a model", Ann. Statist. 6(2)), n the
/// block's weeks with cooperatives waiting, k = 2 for the queue (p, c) and, for the
/// hazard, the better of k = 1 (p) and k = 3 (p₁, p₂ and the week the hazard changes,
/// at least ``minimumSideWeeks`` a side: a calendar that slows the starts while the
/// queue grows looks like a ceiling to a constant hazard); the capacity must also bind: at least ``minimumBindingWeeks`` weeks with twice
/// the capacity waiting. BIC rather than AIC: "no limit" (c = ∞) lies on the boundary of
/// the queue law, and a limit found where there is none makes the forecast queue
/// cooperatives that would start at once, while a missed weak limit costs little; BIC's
/// ln n (about 3 for 24 weeks) against AIC's 2 keeps false limits rare. The unit is
/// rationed when its latest block with waiting cooperatives is capped.
///
/// **Order.** ``StartCapacityUnitFit/orderConcordance``: a random order when at least
/// ``minimumOrderPairs`` pairs say so (fewer than ``fifoConcordance`` agree with first
/// ready, first served); first ready, first served otherwise, a queue's usual rule.
public struct StartCapacityFit: Sendable, Hashable {
    /// Regency or province.
    public enum Unit: String, Sendable, Hashable {
        /// Each regency is a unit.
        case regency
        /// Each province (the first two digits of the code) is a unit.
        case province
    }

    /// The unit chosen for the panel.
    public var unit: Unit
    /// The units, in the order of their first regency.
    public var units: [StartCapacityUnitFit]
    /// The unit of each regency (index into ``units``).
    public var unitOfRegency: [Int]
    /// Block length in weeks.
    public var blockWeeks: Int

    /// Panels with more regencies are fitted by province.
    public static let regencyUnitLimit = 40
    /// The default block length (weeks): long enough for the number waiting to change
    /// under a ceiling (shorter blocks let a drifting hazard mimic it).
    public static let defaultBlockWeeks = 24
    /// Weeks a block's capacity must bind in (twice the capacity waiting).
    public static let minimumBindingWeeks = 3
    /// Weeks on each side of the hazard law's change point.
    public static let minimumSideWeeks = 4
    /// Cooperative-weeks of a non-binding queue needed to estimate the request probability.
    public static let minimumRequestWeeks = 20
    /// Pairs (started, left waiting) needed to call the order random.
    public static let minimumOrderPairs = 20
    /// The concordance from which the order is first ready, first served.
    public static let fifoConcordance = 0.7

    /// True when some unit is rationed.
    public var anyRationed: Bool { units.contains { $0.rationed } }

    /// No unit, nothing rationed (a panel without weeks).
    public static let none = StartCapacityFit(unit: .regency, units: [], unitOfRegency: [], blockWeeks: defaultBlockWeeks)

    /// A fit as given.
    public init(unit: Unit, units: [StartCapacityUnitFit], unitOfRegency: [Int], blockWeeks: Int) {
        self.unit = unit
        self.units = units
        self.unitOfRegency = unitOfRegency
        self.blockWeeks = blockWeeks
    }

    /// Fits every unit of `panel` on the weeks 1…`asOfWeek`.
    ///
    /// - Throws: ``StartCapacityError`` when `blockWeeks` < 1 or `asOfWeek` is outside the
    ///   panel.
    public init(panel: Panel, asOfWeek T: Int, blockWeeks: Int = StartCapacityFit.defaultBlockWeeks)
        throws(StartCapacityError)
    {
        guard blockWeeks >= 1 else { throw .invalidBlockWeeks(blockWeeks) }
        guard T >= 0, T < panel.weekCount else { throw .asOfOutsidePanel(week: T, weeks: panel.weekCount) }
        let byProvince = panel.regencies.count > Self.regencyUnitLimit
        var codes: [Int] = []
        var unitOf = [Int](repeating: 0, count: panel.regencies.count)
        for (g, code) in panel.regencies.enumerated() {
            let u = byProvince ? code / 100 : code
            if let k = codes.firstIndex(of: u) { unitOf[g] = k } else { unitOf[g] = codes.count; codes.append(u) }
        }
        let history = StartHistory(panel: panel, asOfWeek: T, unitOfRegency: unitOf, units: codes.count)
        // The units are fitted independently: in parallel, each into its own slot.
        let slots = ParallelSlots<StartCapacityUnitFit>(count: codes.count)
        let unitCodes = codes, unitOfRegency = unitOf
        DispatchQueue.concurrentPerform(iterations: unitCodes.count) { k in
            let regencies = unitOfRegency.indices.filter { unitOfRegency[$0] == k }
            slots.store(Self.fitUnit(
                code: unitCodes[k], regencies: regencies, weeks: history.weeks[k], pairs: history.pairs[k],
                asOfWeek: T, blockWeeks: blockWeeks), at: k)
        }
        let units = slots.values
        self.init(unit: byProvince ? .province : .regency, units: units, unitOfRegency: unitOf, blockWeeks: blockWeeks)
    }

    /// The fit of one unit from its weekly history `weeks` and, per week, the waiting
    /// cooperatives' (weeks waited, started) pairs for the order check.
    public static func fitUnit(code: Int, regencies: [Int], weeks: [StartWeek], pairs: [Int: [(waited: Int, started: Bool)]],
                               asOfWeek T: Int, blockWeeks: Int) -> StartCapacityUnitFit {
        let observed = weeks.filter { $0.waiting > 0 }
        var byBlock: [Int: [StartWeek]] = [:]
        for w in observed { byBlock[(T - w.week) / blockWeeks, default: []].append(w) }
        var blocks: [StartCapacityBlock] = []
        for b in byBlock.keys.sorted() {
            guard let ws = byBlock[b] else { continue }
            var block = fitBlock(ws)
            block.firstWeek = T - blockWeeks * (b + 1) + 1
            block.lastWeek = T - blockWeeks * b
            blocks.append(block)
        }
        let latest = blocks.first
        let rationed = latest?.capped ?? false
        // The order: pairs of the same week in the latest block when capped.
        var agree = 0.0, total = 0.0
        for block in blocks.prefix(1) where block.capped {
            for t in block.firstWeek...block.lastWeek {
                guard let list = pairs[t] else { continue }
                let started = list.filter(\.started).map(\.waited)
                let left = list.filter { !$0.started }.map(\.waited)
                for a in started {
                    for w in left {
                        if a != w { total += 1 }
                        if a > w { agree += 1 }
                    }
                }
            }
        }
        let concordance = total > 0 ? agree / total : nil
        var request = latest?.hazard ?? 0
        if rationed, let c = latest?.capacity {
            let free = observed.filter { Double($0.waiting) <= c }
            let n = free.reduce(0) { $0 + $1.waiting }
            request = n >= minimumRequestWeeks ? Double(free.reduce(0) { $0 + $1.starts }) / Double(n) : 1
        }
        return StartCapacityUnitFit(
            code: code, regencies: regencies, observedWeeks: observed.count, blocks: blocks,
            hazardBIC: latest?.hazardBIC ?? 0, queueBIC: latest?.queueBIC ?? 0,
            rationed: rationed, capacity: rationed ? latest?.capacity ?? 0 : 0,
            capacityStandardError: rationed ? latest?.capacityStandardError ?? 0 : 0,
            requestProbability: request,
            order: total >= Double(minimumOrderPairs) && (concordance ?? 1) < fifoConcordance ? .random : .firstReadyFirstServed,
            orderConcordance: concordance)
    }

    /// The maximum-likelihood fit of one block under both laws. The queue law's (p, c) by
    /// the profile over ln c (a grid of 20 points, then golden-section search between the
    /// best point's neighbours), p maximised by golden-section search on logit p at each c.
    static func fitBlock(_ ws: [StartWeek]) -> StartCapacityBlock {
        let penalty = log(Double(max(2, ws.count)))
        let s = ws.reduce(0) { $0 + $1.starts }
        let n = ws.reduce(0) { $0 + $1.waiting }
        let hazard = n > 0 ? Double(s) / Double(n) : 0
        let likelihood = BlockLikelihood(ws)
        let penaltyBIC = log(Double(max(2, ws.count)))
        if s == 0 || s == n {
            // Every waiting cooperative started, or none did: the hazard law fits exactly
            // (ℓ = 0) and no capacity can do better.
            return StartCapacityBlock(
                firstWeek: 0, lastWeek: 0, weeks: ws.count, starts: s, waiting: n, hazard: hazard,
                hazardLogLikelihood: 0, requestProbability: hazard, capacity: .infinity, queueLogLikelihood: 0,
                capacityStandardError: 0, bindingWeeks: 0, hazardBIC: penaltyBIC, queueBIC: 2 * penaltyBIC, capped: false)
        }
        let hazardLL = likelihood.hazard(p: hazard)
        // The request probability's best at each capacity tried, the capacity's terms
        // computed once for the search.
        func profile(_ y: Double) -> (x: Double, value: Double) {
            let terms = likelihood.capacityTerms(exp(y))
            func ll(_ x: Double) -> Double { likelihood.queue(p: 1 / (1 + exp(-x)), terms: terms) }
            let x = goldenMax(-9, 9, iterations: 28, ll)
            return (x, ll(x))
        }
        let maxWaiting = ws.map(\.waiting).max() ?? 1
        let lo = log(0.2), hi = log(Double(2 * maxWaiting + 10))
        let points = 20
        let grid = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
        let values = grid.map { profile($0).value }
        var best = 0
        for k in values.indices where values[k] > values[best] { best = k }
        let y = goldenMax(grid[max(0, best - 1)], grid[min(points - 1, best + 1)], iterations: 20) { profile($0).value }
        let top = profile(y)
        let h = 0.05
        let curvature = (profile(y + h).value - 2 * top.value + profile(y - h).value) / (h * h)
        let c = exp(y)
        let se = curvature < -1e-9 ? c / (-curvature).squareRoot() : c
        let atTop = best == points - 1 && y > hi - 0.1
        // The hazard law may also change once within the block (the programme calendar
        // moves it): a fall in the hazard while the queue grows must not pass for a ceiling.
        var hazardBIC = -2 * hazardLL + penalty
        if let change = likelihood.hazardWithChange(minimumSide: minimumSideWeeks) {
            hazardBIC = min(hazardBIC, -2 * change.logLikelihood + 3 * penalty)
        }
        let queueBIC = -2 * top.value + 2 * penalty
        let binding = ws.filter { Double($0.waiting) >= 2 * c }.count
        return StartCapacityBlock(
            firstWeek: 0, lastWeek: 0, weeks: ws.count, starts: s, waiting: n, hazard: hazard,
            hazardLogLikelihood: hazardLL, requestProbability: 1 / (1 + exp(-top.x)), capacity: c,
            queueLogLikelihood: top.value, capacityStandardError: se, bindingWeeks: binding,
            hazardBIC: hazardBIC, queueBIC: queueBIC,
            capped: !atTop && queueBIC < hazardBIC && binding >= minimumBindingWeeks)
    }

    /// The maximum of a unimodal `f` on [a, b] by golden-section search.
    static func goldenMax(_ a0: Double, _ b0: Double, iterations: Int, _ f: (Double) -> Double) -> Double {
        let r = (5.0.squareRoot() - 1) / 2
        var a = a0, b = b0
        var x1 = b - r * (b - a), x2 = a + r * (b - a)
        var f1 = f(x1), f2 = f(x2)
        for _ in 0..<iterations {
            if f1 < f2 {
                a = x1; x1 = x2; f1 = f2; x2 = a + r * (b - a); f2 = f(x2)
            } else {
                b = x2; x2 = x1; f2 = f1; x1 = b - r * (b - a); f1 = f(x1)
            }
        }
        return (a + b) / 2
    }
}

/// The weekly start history of every unit, from consecutive present reports.
struct StartHistory {
    /// Per unit, the weeks 1…T with their waiting and starts.
    var weeks: [[StartWeek]]
    /// Per unit and week, the waiting cooperatives' (weeks waited, started).
    var pairs: [[Int: [(waited: Int, started: Bool)]]]

    init(panel: Panel, asOfWeek T: Int, unitOfRegency: [Int], units: Int) {
        var waiting = [[Int]](repeating: [Int](repeating: 0, count: T + 1), count: units)
        var starts = waiting
        var pairs = [[Int: [(waited: Int, started: Bool)]]](repeating: [:], count: units)
        let ready = StageModels.preState(tahap: Tahap.portal.code, lahan: StatusLahan.siap.code)
        for i in 0..<panel.cooperativeCount {
            let first = Int(panel.firstWeek[i])
            guard first >= 0, first < T else { continue }
            let u = unitOfRegency[Int(panel.regencyIndex[i])]
            var since = -1  // first week of the current ready-and-waiting run
            for t in first...T {
                let c = panel.cell(i, t)
                guard panel.present[c] == 1 else { continue }
                let state = StageModels.preState(panel, cell: c)
                if t > first, panel.present[c - 1] == 1, StageModels.preState(panel, cell: c - 1) == ready {
                    let started = state == nil
                    waiting[u][t] += 1
                    if started { starts[u][t] += 1 }
                    pairs[u][t, default: []].append((t - 1 - max(since, 0), started))
                }
                if state == ready { if since < 0 { since = t } } else { since = -1 }
            }
        }
        weeks = (0..<units).map { u in (1...max(1, T)).compactMap { t in
            t <= T ? StartWeek(week: t, waiting: waiting[u][t], starts: starts[u][t]) : nil } }
        self.pairs = pairs
    }
}

extension StartCapacityFit {
    /// One sentence per rationed unit for the forecast's assumptions (none when no unit is
    /// rationed: the forecast is then the start-hazard model's).
    public var assumptions: [String] {
        units.filter(\.rationed).map { u in
            let order = u.order == .firstReadyFirstServed ? "first ready, first served" : "in a random order"
            return "construction starts in \(unit.rawValue) \(u.code) are rationed (BIC \(Self.fixed(u.queueBIC, 1)) for a queue "
                + "served at a weekly capacity against \(Self.fixed(u.hazardBIC, 1)) for a start hazard per cooperative): "
                + "over the last \(blockWeeks) weeks about \(Self.fixed(u.capacity, 1)) starts a week "
                + "(s.e. \(Self.fixed(u.capacityStandardError, 1))), \(order); the forecast queues its waiting cooperatives "
                + "at that capacity"
        }
    }

    /// `x` with `digits` decimals.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        guard x.isFinite else { return x > 0 ? "inf" : "nan" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = (abs(x) * scale).rounded()
        let whole = Int(n / scale)
        var frac = String(Int(n) - whole * Int(scale))
        while frac.count < digits { frac = "0" + frac }
        return (x < 0 && n > 0 ? "-" : "") + (digits == 0 ? String(whole) : "\(whole).\(frac)")
    }
}
