import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The construction starts of the rationed units (``StartCapacityFit``), simulated jointly
/// within each path: every cooperative of the unit not yet building asks to start when its
/// land-and-portal chain reaches "started" (the request), and the unit serves at most K_t
/// requests in week t, K_t ~ Poisson(c_p), c_p the unit's capacity drawn once per path from
/// its estimate's normal sampling distribution (parameter uncertainty), in the order the
/// history supports (``StartOrder``).
///
/// Streams: each cooperative's request comes from its own land-and-portal streams, the
/// capacities from the unit's own stream keyed by (seed, unit, path), a random order's keys
/// from ``PathStream/startQueue``; so a counterfactual that changes one cooperative's
/// request leaves every other draw as it was. Serving is a priority queue with fixed
/// capacities: a cooperative's start depends only on the requests ranked before it, so an
/// earlier request never makes its own start later (a land intervention helps, but does
/// not exempt it from the queue).
struct StartQueues: Sendable {
    /// One rationed unit.
    struct Unit: Sendable {
        /// Panel indices of the cooperatives queued (forecast and not building at the as-of
        /// week).
        var members: [Int]
        /// The first week of each member's wait when ready and waiting at the as-of week
        /// (portal with land `siap`), `Int.max` otherwise.
        var readySince: [Int]
        /// The unit's stream key.
        var key: UInt64
        /// Order.
        var order: StartOrder
        /// Capacity a week by path and week: `[p * (horizon + 1) + (t − T − 1)]`.
        var capacity: [Int32]
        /// Request week and start week by member and path: `[m * paths + p]`
        /// (``none`` = not within the horizon).
        var requests: [Int32]
        var starts: [Int32]
    }

    /// "No week within the horizon".
    static let none = Int32.max

    var units: [Unit]
    /// Panel index → (unit, member).
    var place: [Int: (unit: Int, member: Int)]

    /// The queues of `sim`'s rationed units, each cooperative under `scenarios[i]` (none
    /// when absent).
    init(sim: PathSimulator, scenarios: [Int: Scenario] = [:]) {
        let fit = sim.model.startCapacity
        let panel = sim.panel
        let T = sim.model.asOfWeek
        let P = sim.options.paths
        let H = sim.options.horizon
        var members = [[Int]](repeating: [], count: fit.units.count)
        for i in GreenForecaster.forecastable(panel: panel, asOfWeek: T) {
            let u = fit.unitOfRegency[Int(panel.regencyIndex[i])]
            guard fit.units[u].rationed else { continue }
            let start = CooperativeStart(panel: panel, cooperative: i, asOfWeek: T)
            if start.stage == .notStarted { members[u].append(i) }
        }
        var units: [Unit] = []
        var place: [Int: (unit: Int, member: Int)] = [:]
        for (u, list) in members.enumerated() where fit.units[u].rationed {
            let f = fit.units[u]
            var keyRNG = Xoshiro(stream: [sim.options.seed, UInt64(f.code), 0x5155_4555_45])
            let key = keyRNG.next()
            var capacity = [Int32](repeating: 0, count: P * (H + 1))
            for p in 0..<P {
                var rng = Xoshiro(key: key, path: UInt64(p), stage: 12)
                let c = max(0.05, f.capacity + f.capacityStandardError * rng.normal())
                for t in 0...H { capacity[p * (H + 1) + t] = Int32(Self.poisson(c, &rng)) }
            }
            let readySince = list.map { Self.readySince(panel: panel, cooperative: $0, asOfWeek: T) }
            var unit = Unit(members: list, readySince: readySince, key: key, order: f.order, capacity: capacity,
                            requests: [Int32](repeating: Self.none, count: list.count * P),
                            starts: [Int32](repeating: Self.none, count: list.count * P))
            for (m, i) in list.enumerated() {
                let r = sim.requests(cooperative: i, scenario: scenarios[i])
                for p in 0..<P { unit.requests[m * P + p] = r[p] }
                place[i] = (units.count, m)
            }
            for p in 0..<P {
                let served = Self.serve(unit: unit, path: p, sim: sim, replacing: nil)
                for m in list.indices { unit.starts[m * P + p] = served[m] }
            }
            units.append(unit)
        }
        self.units = units
        self.place = place
    }

    /// The start weeks (by path) of cooperative `i`, `nil` when it is not queued.
    func starts(of i: Int, paths P: Int) -> [Int32]? {
        guard let (u, m) = place[i] else { return nil }
        return Array(units[u].starts[(m * P)..<((m + 1) * P)])
    }

    /// The start weeks of cooperative `i` when its requests are `requests` (by path) and
    /// every other member's stay as they are: the counterfactual of `i` alone.
    ///
    /// A request no later than the forecast's ranks no lower, so the members ranked before
    /// it were ranked before it in the forecast too and keep their weeks: `i` takes the
    /// first week from its request with capacity left after them (the same week as
    /// serving the whole queue again, in one pass over the members).
    func starts(of i: Int, requests: [Int32], sim: PathSimulator) -> [Int32]? {
        guard let (u, m) = place[i] else { return nil }
        let unit = units[u]
        let P = sim.options.paths, H = sim.options.horizon, T = sim.model.asOfWeek
        var used = [Int32](repeating: 0, count: H + 1)
        return (0..<P).map { p in
            let r = requests[p]
            guard r != Self.none else { return Self.none }
            guard r <= unit.requests[m * P + p] else {
                return Self.serve(unit: unit, path: p, sim: sim, replacing: (m, r))[m]
            }
            let key = Self.key(unit: unit, member: m, request: r, path: p)
            for t in used.indices { used[t] = 0 }
            for k in unit.members.indices where k != m {
                let s = unit.starts[k * P + p]
                guard s != Self.none else { continue }
                let other = Self.key(unit: unit, member: k, request: unit.requests[k * P + p], path: p)
                if other < key || (other == key && k < m) { used[Int(s) - T - 1] += 1 }
            }
            var t = max(Int(r), T + 1) - T - 1
            while t < H && unit.capacity[p * (H + 1) + t] - used[t] <= 0 { t += 1 }
            return t < H ? Int32(T + 1 + t) : Self.none
        }
    }

    /// The rank key of member `m` of `unit` on path `p` with request week `r`: its first
    /// week ready (the earlier of the week it was found waiting and its request) for first
    /// ready, first served; a uniform draw of its own stream for a random order.
    @inline(__always)
    static func key(unit: Unit, member m: Int, request r: Int32, path p: Int) -> Double {
        switch unit.order {
        case .firstReadyFirstServed:
            return Double(min(Int(r), unit.readySince[m]))
        case .random:
            var rng = PathStream.startQueue.generator(key: unit.key &+ UInt64(m), path: p)
            return rng.uniform()
        }
    }

    /// Serves path `p` of `unit` (with member `replacing.member`'s request replaced): each
    /// request, in priority order, takes the first week from its request on with capacity
    /// left. Returns the start week of every member.
    static func serve(unit: Unit, path p: Int, sim: PathSimulator, replacing: (member: Int, request: Int32)?) -> [Int32] {
        let P = sim.options.paths
        let H = sim.options.horizon
        let T = sim.model.asOfWeek
        var order: [(key: Double, member: Int, request: Int)] = []
        order.reserveCapacity(unit.members.count)
        for m in unit.members.indices {
            let r = replacing?.member == m ? replacing?.request ?? Self.none : unit.requests[m * P + p]
            guard r != Self.none else { continue }
            order.append((Self.key(unit: unit, member: m, request: r, path: p), m, Int(r)))
        }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.member < $1.member }
        var left = Array(unit.capacity[(p * (H + 1))..<((p + 1) * (H + 1))])
        var out = [Int32](repeating: Self.none, count: unit.members.count)
        for entry in order {
            var t = max(entry.request, T + 1) - T - 1
            while t < H && left[t] <= 0 { t += 1 }
            guard t < H else { continue }
            left[t] -= 1
            out[entry.member] = Int32(T + 1 + t)
        }
        return out
    }

    /// The first week of cooperative `i`'s current run of reports ready and waiting
    /// (portal with land `siap`) up to `T`, `Int.max` when its last report is not.
    static func readySince(panel: Panel, cooperative i: Int, asOfWeek T: Int) -> Int {
        let ready = PreConstructionState(tahap: Tahap.portal.code, lahan: StatusLahan.siap.code)
        guard let last = panel.lastReport(of: i, upTo: T) else { return Int.max }
        func isReady(_ t: Int) -> Bool {
            let c = panel.cell(i, t)
            return panel.stage(atCell: c) == .notStarted && panel.preConstructionState(cell: c) == ready
        }
        guard isReady(last) else { return Int.max }
        var since = last
        var t = last - 1
        while t >= 0 {
            if panel.present[panel.cell(i, t)] == 1 {
                if !isReady(t) { break }
                since = t
            }
            t -= 1
        }
        return since
    }

    /// A Poisson(`c`) count: by multiplying uniforms below 30 (Knuth, TAOCP vol. 2,
    /// §3.4.1), by the rounded normal approximation above.
    static func poisson(_ c: Double, _ rng: inout Xoshiro) -> Int {
        if c >= 30 { return max(0, Int((c + c.squareRoot() * rng.normal()).rounded())) }
        let limit = exp(-c)
        var k = 0
        var product = rng.uniform()
        while product > limit {
            k += 1
            product *= rng.uniform()
        }
        return k
    }
}
