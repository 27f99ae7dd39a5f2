import KendaliData

/// Runs the forecast paths of one cooperative at a time: each path composes the stage
/// samplers from the cooperative's last report — land and portal
/// (``LandAndPortalSampler``), the start (``ConstructionStartSampler``), construction
/// (``ConstructionSampler``), the business units (``BusinessUnitSampler``), the
/// institutional and legal items (``InstitutionalSampler``) and the reporting that makes
/// the green week (``ReportingSampler``).
///
/// Each stage of each path draws from its own stream (``PathStream``) keyed by (seed,
/// cooperative, path), so the results do not depend on the number of threads and a
/// counterfactual shares every draw its interventions do not change.
struct PathSimulator: Sendable {
    let panel: Panel
    let model: ForecastModel
    let options: ForecastOptions
    let draws: ParameterDraws
    /// Kelembagaan items the green rule needs (5 = unreachable).
    let kelembagaanNeeded: Int
    /// Legalitas items the green rule needs, the on-time report included.
    let legalitasNeeded: Int
    /// Business units the green rule needs.
    let unitsNeeded: Int
    /// The rule set's minimum members.
    let minMembers: Int32
    /// The construction model's shared tables.
    let tables: ConstructionTables
    /// Where each pre-construction state goes when its land becomes ready.
    let landReady: LandReadyTable
    /// The cumulative hazard of a first unit after completion.
    let opening: OpeningTable
    /// The stage models the land-and-portal chain runs on: the model's, with the start
    /// probability of a cooperative ready and waiting replaced by its unit's request
    /// probability where starts are rationed (``StartCapacityFit``).
    let chainStages: StageModels
    /// How the chain's moves out of each state split between a failed verification and land
    /// made ready, per regency.
    let verificationMoves: VerificationMoves
    /// The rationed units' queues (``StartQueues``), set by the caller; `nil` when no unit
    /// is rationed.
    var queues: StartQueues?

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
        kelembagaanNeeded = needed(r.greenMinimumKelembagaan, r.kelembagaanPointsPerItem)
        legalitasNeeded = needed(r.greenMinimumLegalitas, r.legalitasPointsPerItem)
        unitsNeeded = max(0, r.greenMinimumUnits)
        minMembers = Int32(clamping: r.minimumMembers)
        tables = ConstructionTables(panel: panel, model: model, options: options, draws: draws)
        landReady = LandReadyTable(stages: model.stages)
        opening = OpeningTable(stages: model.stages)
        chainStages = Self.rationedChain(model: model, regencies: panel.regencies.count)
        verificationMoves = VerificationMoves(stages: chainStages)
    }

    /// The model's stage models with, in each regency of a rationed unit, the weekly
    /// probability that a cooperative ready and waiting (portal, land `siap`) starts set to
    /// the unit's request probability: the chain then draws the request, and the queue the
    /// start. The other exits keep their probabilities (scaled down when they no longer
    /// fit), the stay takes the rest.
    static func rationedChain(model: ForecastModel, regencies: Int) -> StageModels {
        var stages = model.stages
        let fit = model.startCapacity
        guard fit.anyRationed else { return stages }
        let nd = StageModels.preStates + 1
        let s = StageModels.preState(tahap: Tahap.portal.code, lahan: StatusLahan.siap.code)
        for g in 0..<min(regencies, fit.unitOfRegency.count, stages.preTransition.count) {
            let unit = fit.units[fit.unitOfRegency[g]]
            guard unit.rationed else { continue }
            var row = stages.preTransition[g]
            let p = min(1, max(0, unit.requestProbability))
            var others = 0.0
            for d in 0..<nd where d != s && d != StageModels.started { others += row[s * nd + d] }
            let scale = others + p > 1 && others > 0 ? (1 - p) / others : 1
            for d in 0..<nd where d != s && d != StageModels.started { row[s * nd + d] *= scale }
            row[s * nd + StageModels.started] = p
            row[s * nd + s] = max(0, 1 - p - others * scale)
            stages.preTransition[g] = row
        }
        return stages
    }

    /// The stream key of cooperative `i`'s paths.
    func pathKey(cooperative i: Int) -> UInt64 {
        var keyRNG = Xoshiro(stream: [options.seed, UInt64(panel.codes[i].value), 0x4752_4545_4E])
        return keyRNG.next()
    }

    /// The week cooperative `i` (not building at its last report) asks to start on each
    /// path under `scenario` (``StartQueues/none`` beyond the horizon): its land-and-portal
    /// chain's "started".
    func requests(cooperative i: Int, scenario: Scenario?) -> [Int32] {
        let start = CooperativeStart(panel: panel, cooperative: i, asOfWeek: model.asOfWeek)
        let samplers = stages(cooperative: i, regency: start.regency, scenario: scenario)
        let key = pathKey(cooperative: i)
        return (0..<options.paths).map { p in
            var delays = PathDelays()
            let week = samplers.landAndPortal.sample(
                from: start.preState, week: start.lastReport, key: key, path: p, delays: &delays)
            return week.map { Int32(clamping: $0) } ?? StartQueues.none
        }
    }

    /// Which interventions can change the forecast of cooperative `i` at its last report
    /// up to the as-of week: land when it is not ready before construction or a land problem
    /// is flagged on site; labour and technical when that problem is flagged during
    /// construction; coaching when the institutional or legal items the green rule needs
    /// are not all held.
    func applicable(cooperative i: Int) -> [InterventionKind] {
        let start = CooperativeStart(panel: panel, cooperative: i, asOfWeek: model.asOfWeek)
        var kinds: [InterventionKind] = []
        switch start.stage {
        case .building:
            // A land problem flagged, or a land dispute on the site (``SiteDisputes``).
            if start.flagged(Panel.Bit.land) || (model.siteDisputes.isActive && model.siteDisputes.elapsed[i] > 0) {
                kinds.append(.land)
            }
            if start.flagged(Panel.Bit.labour) { kinds.append(.labour) }
            if start.flagged(Panel.Bit.technical) { kinds.append(.technical) }
        case .notStarted:
            if !start.preState.landIsReady {
                kinds.append(.land)
            }
        case .complete:
            break
        }
        let held = ItemsHeld(flags: start.flags, members: start.members, minMembers: minMembers)
        if held.kelembagaan < kelembagaanNeeded || held.legalitas < max(0, legalitasNeeded - 1) {
            kinds.append(.coaching)
        }
        return kinds
    }

    /// The samplers of one cooperative.
    struct Stages {
        let landAndPortal: LandAndPortalSampler
        let start: ConstructionStartSampler
        let construction: ConstructionSampler
        let units: BusinessUnitSampler
        let institutional: InstitutionalSampler
        let reporting: ReportingSampler
    }

    /// The samplers of cooperative `i` in regency `g` under `scenario`.
    func stages(cooperative i: Int, regency g: Int, scenario: Scenario?) -> Stages {
        let st = model.stages
        let limit = model.asOfWeek + options.horizon
        return Stages(
            landAndPortal: LandAndPortalSampler(
                stages: chainStages, landReady: landReady, verification: verificationMoves, cooperative: i,
                regency: g, landFrom: scenario?.start(of: .land) ?? Int.max, limit: limit),
            start: ConstructionStartSampler(initial: st.initialProgress),
            construction: ConstructionSampler(
                tables: tables, draws: draws, model: model, cooperative: i, regency: g, scenario: scenario, limit: limit),
            units: BusinessUnitSampler(stages: st, opening: opening, regency: g, unitsNeeded: unitsNeeded, limit: limit),
            institutional: InstitutionalSampler(
                stages: st, cooperative: i, regency: g, minMembers: minMembers, kelembagaanNeeded: kelembagaanNeeded,
                coachingFrom: scenario?.start(of: .coaching) ?? Int.max, limit: limit),
            reporting: ReportingSampler(
                onTime: st.onTime[i], presence: st.presence[i], legalitasNeeded: legalitasNeeded, limit: limit))
    }

    /// What the paths of one reading of a cooperative's state start from: the state and
    /// the institutional and legal items it holds.
    struct Reading {
        let start: CooperativeStart
        /// All the items the green rule needs are held (the on-time report aside).
        let itemsHeld: Bool
        /// The legalitas items held, each "gained" at the reading's report week.
        let legalitasHeld: [Int]
    }

    /// The reading of `start`.
    func reading(_ start: CooperativeStart) -> Reading {
        let held = ItemsHeld(flags: start.flags, members: start.members, minMembers: minMembers)
        return Reading(
            start: start, itemsHeld: held.kelembagaan >= kelembagaanNeeded && held.legalitas >= legalitasNeeded - 1,
            legalitasHeld: [Int](repeating: start.lastReport, count: held.legalitas))
    }

    /// Runs every path of cooperative `i` and writes its green-week offsets and expected
    /// delays to slot `j` of `out`; `startWeeks` (by path) are its queue's start weeks when
    /// its unit's starts are rationed (both readings of an uncertain state join the queue
    /// at the same week).
    ///
    /// A cooperative whose ``DataQuality`` is `ok` runs its paths from its last report. One
    /// whose state is uncertain runs them from two readings of it, `paths` each, on the
    /// same streams: the *fresh* reading (its last report taken as its state at the as-of
    /// week) and the *other* one — for a stale cooperative, the silent weeks simulated
    /// forward from the last report's week; for an inconsistent one, the report before the
    /// last, from its own week. The two readings weigh the same. The slot's paths are the
    /// fresh reading's even paths and the other's odd ones (what the burn-up and the chance
    /// by the target count); its P50 is that of all `2 × paths`, its P10 the earlier and
    /// its P90 the later of the pooled paths' and the fresh reading's own, so its interval
    /// is never narrower than the fresh reading's.
    mutating func run(cooperative i: Int, slot j: Int, out: OutputBuffers, scenario: Scenario? = nil,
                      startWeeks: [Int32]? = nil) {
        let P = options.paths
        let T = model.asOfWeek
        let start = CooperativeStart(panel: panel, cooperative: i, asOfWeek: T)
        let samplers = stages(cooperative: i, regency: start.regency, scenario: scenario)
        let key = pathKey(cooperative: i)
        var times = InstitutionalTimes()
        var delay = [Double](repeating: 0, count: GreenForecaster.causes)
        let quality = panel.dataQuality(of: i, at: T)
        guard quality != .ok else {
            let base = reading(start)
            for p in 0..<P {
                out.offsets[j * P + p] = offset(
                    base, samplers: samplers, key: key, path: p, queued: startWeeks?[p], times: &times, delay: &delay)
            }
            for k in 0..<GreenForecaster.causes {
                out.delays[j * GreenForecaster.causes + k] = delay[k] / Double(P)
            }
            return
        }
        let fresh: Reading, other: Reading
        switch quality {
        case .stale:
            fresh = reading(start.held(until: T))
            other = reading(start)
        case .inconsistent, .ok:
            fresh = reading(start)
            let before = panel.report(of: i, before: start.lastReport) ?? start.lastReport
            other = reading(CooperativeStart(panel: panel, cooperative: i, asOfWeek: before))
        }
        var freshOffsets = [UInt16](repeating: 0, count: P)
        var pooled = [UInt16](repeating: 0, count: 2 * P)
        for p in 0..<P {
            let a = offset(fresh, samplers: samplers, key: key, path: p, queued: startWeeks?[p], times: &times, delay: &delay)
            let b = offset(other, samplers: samplers, key: key, path: p, queued: startWeeks?[p], times: &times, delay: &delay)
            freshOffsets[p] = a
            pooled[2 * p] = a
            pooled[2 * p + 1] = b
            out.offsets[j * P + p] = p % 2 == 0 ? a : b
        }
        for k in 0..<GreenForecaster.causes {
            out.delays[j * GreenForecaster.causes + k] = delay[k] / Double(2 * P)
        }
        freshOffsets.sort()
        pooled.sort()
        let q = GreenForecaster.quantileRank
        out.quantiles[3 * j] = min(pooled[q(0.1, 2 * P)], freshOffsets[q(0.1, P)])
        out.quantiles[3 * j + 1] = pooled[q(0.5, 2 * P)]
        out.quantiles[3 * j + 2] = max(pooled[q(0.9, 2 * P)], freshOffsets[q(0.9, P)])
    }

    /// The green-week offset (1…horizon, horizon + 1 = beyond) of path `p` from `reading`,
    /// its expected delays added to `delay`.
    @inline(__always)
    func offset(_ reading: Reading, samplers: Stages, key: UInt64, path p: Int, queued: Int32?,
                times: inout InstitutionalTimes, delay: inout [Double]) -> UInt16 {
        let H = options.horizon
        let T = model.asOfWeek
        let limit = T + H
        let start = reading.start
        var delays = PathDelays()
        let completion = completionWeek(
            start: start, samplers: samplers, key: key, path: p, delays: &delays, queued: queued)
        var green: Int?
        var unitsWeek: Int?
        if let built = completion {
            unitsWeek = samplers.units.sample(start: start, completion: built, key: key, path: p)
            if let units = unitsWeek {
                let ready = max(built, units)
                if reading.itemsHeld {
                    green = samplers.reporting.sample(
                        from: max(ready, T + 1), legalitas: reading.legalitasHeld, key: key, path: p)
                } else {
                    let institutional = samplers.institutional.sample(start: start, key: key, path: p, times: &times)
                    let from = max(ready, institutional, T + 1)
                    green = from == Int.max ? nil
                        : samplers.reporting.sample(from: from, legalitas: times.legalitas, key: key, path: p)
                }
            }
        }
        delay[DelayCause.land.rawValue] += delays.land
        delay[DelayCause.weather.rawValue] += delays.weather
        delay[DelayCause.labour.rawValue] += delays.labour
        delay[DelayCause.technical.rawValue] += delays.technical
        delay[DelayCause.start.rawValue] += delays.start
        if let built = completion {
            let end = green ?? limit
            let unitsAt = unitsWeek ?? end
            delay[DelayCause.operations.rawValue] += Double(max(0, min(unitsAt, end) - max(built, T)))
            delay[DelayCause.institutional.rawValue] += Double(max(0, end - max(built, unitsAt, T)))
        }
        return UInt16(green.map { min(H + 1, max(1, $0 - T)) } ?? H + 1)
    }

    /// The completion week of path `p` (`nil` beyond the horizon): land and portal, the
    /// start and construction, each from where the last report left the cooperative. With
    /// `queued` (a rationed unit's start week, ``StartQueues/none`` beyond the horizon) the
    /// chain's start is the request and construction starts when the queue serves it; the
    /// weeks between go to the start delay.
    @inline(__always)
    func completionWeek(start: CooperativeStart, samplers: Stages, key: UInt64, path p: Int,
                        delays: inout PathDelays, queued: Int32? = nil) -> Int? {
        let construction: ConstructionState
        switch start.stage {
        case .complete:
            return start.completionWeek
        case .building:
            construction = ConstructionState(
                week: start.lastReport, progress: start.progress, land: start.flagged(Panel.Bit.land),
                labour: start.flagged(Panel.Bit.labour), technical: start.flagged(Panel.Bit.technical),
                dispute: samplers.construction.disputeElapsed > 0)
        case .notStarted:
            guard var week = samplers.landAndPortal.sample(
                from: start.preState, week: start.lastReport, key: key, path: p, delays: &delays)
            else { return nil }
            if let queued {
                let served = queued == StartQueues.none ? model.asOfWeek + options.horizon : Int(queued)
                delays.start += Double(max(0, served - week))
                guard queued != StartQueues.none else { return nil }
                week = served
            }
            construction = ConstructionState(
                week: week, progress: samplers.start.sample(key: key, path: p), land: false, labour: false,
                technical: false)
        }
        if construction.progress >= 100 { return construction.week }
        return samplers.construction.sample(from: construction, key: key, path: p, delays: &delays)
    }
}
