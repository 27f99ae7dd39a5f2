import Dispatch
import KendaliData

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Construction starts rationed by a regency's weekly capacity (contractor crews, funding
/// tranches): the world of `kendali simulate --start-capacity N`.
///
/// A cooperative registered in the portal with land `siap` asks to start at the start
/// hazard of the unrationed world (the programme calendar included); the requests wait in
/// the regency's queue and at most K_t of them start in week t, first requested first
/// served (ties in code order). The capacity drifts slowly: K_t = ⌊N · e^{d_t} + u_t⌋, u_t
/// uniform, d_t a random walk in log space (steps of sd 0.02 a week, held within ±0.4),
/// drawn per regency from the seed. The cooperatives of a regency therefore run week by
/// week together; everything else of their process is the unrationed world's.
enum RationedStarts {
    /// The weekly capacities of regency `suffix` of province `provinceCode`, `weeks` weeks.
    static func capacities(seed: UInt64, provinceCode: Int, suffix: Int, weeks: Int, perWeek: Double) -> [Int] {
        var rng = Xoshiro256StarStar(stream: [seed, 0x4341_5041_4349_5459, UInt64(provinceCode * 100 + suffix)])
        var drift = 0.0
        return (0..<weeks).map { _ in
            drift = min(0.4, max(-0.4, drift + 0.02 * rng.normal()))
            return max(0, Int((perWeek * exp(drift) + rng.uniform()).rounded(.down)))
        }
    }

    /// Serves week `k`'s queue of `sims`: at most `capacity` requests start, the earliest
    /// requests first (ties in the order of `sims`).
    static func serve(_ sims: inout [CooperativeSimulator], week k: Int, capacity: Int) {
        guard capacity > 0 else { return }
        var queued: [(week: Int, index: Int)] = []
        for s in sims.indices { if let w = sims[s].requestWeek { queued.append((w, s)) } }
        guard !queued.isEmpty else { return }
        queued.sort { $0.week != $1.week ? $0.week < $1.week : $0.index < $1.index }
        for q in queued.prefix(capacity) { sims[q.index].startFromQueue(week: k) }
    }

    /// The cooperatives (indices) of each regency position.
    static func regencyGroups(positions: [Int]) -> [[Int]] {
        var groups = [[Int]](repeating: [], count: (positions.max() ?? -1) + 1)
        for (i, p) in positions.enumerated() { groups[p].append(i) }
        return groups
    }

    /// A province of the rationed world: each regency's cooperatives week by week together.
    static func simulateProvince(
        province: SimulatedProvince, parameters: ProvinceParameters, cooperatives: [SimulatedCooperative],
        positions: [Int], timeline: ProvinceTimeline, configuration: SimulationConfiguration, capacity: Double
    ) -> ProvinceSimulation {
        let weeks = configuration.weeks
        let outputStart = configuration.outputStartWeek
        let outputEnd = outputStart + weeks
        let totalWeeks = timeline.dates.count
        var reports = [SimulatedReport](repeating: .absent, count: cooperatives.count * weeks)
        var truth = [CooperativeTruth?](repeating: nil, count: cooperatives.count)
        for members in regencyGroups(positions: positions) where !members.isEmpty {
            let suffix = cooperatives[members[0]].regencySuffix
            let cap = capacities(seed: configuration.seed, provinceCode: province.code, suffix: suffix,
                                 weeks: totalWeeks, perWeek: capacity)
            var sims = members.map { i in
                var s = CooperativeSimulator(
                    model: configuration.model, regency: parameters.regency(suffix), regencyPosition: positions[i],
                    timeline: timeline, seed: configuration.seed, code: cooperatives[i].village.code)
                s.rationed = true
                s.drawInitialState(isKelurahan: cooperatives[i].village.isKelurahan)
                return s
            }
            var green = [Int?](repeating: nil, count: members.count)
            var done = [Bool](repeating: false, count: members.count)
            for k in 0..<totalWeeks {
                if k > 0 {
                    for s in sims.indices where !done[s] { sims[s].step(week: k) }
                    serve(&sims, week: k, capacity: cap[k])
                }
                for s in sims.indices where !done[s] {
                    let report = sims[s].makeReport(week: k)
                    if k >= outputStart && k < outputEnd { reports[members[s] * weeks + k - outputStart] = report }
                    if green[s] == nil && report.isGreenUnderRuleSet1 { green[s] = k }
                    if green[s] != nil && k >= outputEnd - 1 { done[s] = true }
                }
                if !done.contains(false) { break }
            }
            for (s, i) in members.enumerated() {
                truth[i] = sims[s].truth(code: cooperatives[i].village.code, greenWeek: green[s])
            }
        }
        return ProvinceSimulation(
            province: province, parameters: parameters, cooperatives: cooperatives, weeks: weeks,
            reports: reports, truth: truth.compactMap { $0 })
    }

    /// The oracle of a rationed province: each regency run as the world runs it up to the
    /// cut-off, then `replicates` futures of the whole regency together (each cooperative's
    /// stream keyed by (seed, code, replicate), as the unrationed oracle's), the queue served
    /// at the regency's true capacities.
    static func oracleForecast(
        provinceCode code: Int, list: [(village: SimulatedVillage, regency: Int, position: Int)],
        parameters: ProvinceParameters, timeline: ProvinceTimeline, configuration: SimulationConfiguration,
        capacity: Double, cutoffWeek: Int, replicates: Int
    ) -> [OracleForecast] {
        let weeks = timeline.dates.count
        var byPosition = [[Int]](repeating: [], count: (list.map(\.position).max() ?? -1) + 1)
        for (i, v) in list.enumerated() { byPosition[v.position].append(i) }
        let groups = byPosition
        let slots = ParallelSlots<[(Int, OracleForecast)]>(count: groups.count)
        DispatchQueue.concurrentPerform(iterations: groups.count) { gi in
            let members = groups[gi]
            guard let firstMember = members.first else { slots.store([], at: gi); return }
            let suffix = list[firstMember].regency
            let cap = capacities(seed: configuration.seed, provinceCode: code, suffix: suffix, weeks: weeks, perWeek: capacity)
            var sims = members.map { i in
                var s = CooperativeSimulator(
                    model: configuration.model, regency: parameters.regency(suffix), regencyPosition: list[i].position,
                    timeline: timeline, seed: configuration.seed, code: list[i].village.code)
                s.rationed = true
                s.drawInitialState(isKelurahan: list[i].village.isKelurahan)
                return s
            }
            var greenBefore = [Bool](repeating: false, count: members.count)
            for k in 0...min(cutoffWeek, weeks - 1) {
                if k > 0 {
                    for s in sims.indices { sims[s].step(week: k) }
                    serve(&sims, week: k, capacity: cap[k])
                }
                for s in sims.indices where sims[s].makeReport(week: k).isGreenUnderRuleSet1 { greenBefore[s] = true }
            }
            var outcomes = [[Int]](repeating: [], count: members.count)
            for r in 0..<replicates {
                var future = sims
                for (s, i) in members.enumerated() {
                    future[s].reseed([configuration.seed, 0x4F52_4143_4C45, UInt64(list[i].village.code.value), UInt64(r)])
                }
                var green = [Int](repeating: Int.max, count: members.count)
                var open = members.indices.filter { !greenBefore[$0] }.count
                var t = cutoffWeek + 1
                while t < weeks && open > 0 {
                    for s in future.indices where green[s] == Int.max && !greenBefore[s] { future[s].step(week: t) }
                    serve(&future, week: t, capacity: cap[t])
                    for s in future.indices where green[s] == Int.max && !greenBefore[s] {
                        if future[s].makeReport(week: t).isGreenUnderRuleSet1 { green[s] = t; open -= 1 }
                    }
                    t += 1
                }
                for s in members.indices where !greenBefore[s] { outcomes[s].append(green[s]) }
            }
            var out: [(Int, OracleForecast)] = []
            for (s, i) in members.enumerated() where !greenBefore[s] {
                out.append((i, OracleForecast(kode: list[i].village.code, greenWeeks: &outcomes[s], dates: timeline.dates)))
            }
            slots.store(out, at: gi)
        }
        return slots.values.flatMap { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
