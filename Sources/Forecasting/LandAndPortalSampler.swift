import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) private func _exp(_ x: Double) -> Double { exp(x) }

/// Where each pre-construction state goes when its land becomes ready, per regency.
struct LandReadyTable: Sendable {
    /// `[regency][state]`: (destination, cumulative probability) over the destinations with
    /// land `siap` or construction started, from the regency's row, or from the rows of every
    /// regency pooled when the regency never saw that transition, or from the other land
    /// states of the same stage when nobody left this one; empty when nothing is known.
    let rows: [[[(Int, Double)]]]

    /// The table of the chain `stages`.
    init(stages: StageModels) {
        let nd = StageModels.preStates + 1
        let chains = stages.preTransition
        func readyRow(_ weights: (Int) -> Double, from s: Int) -> [(Int, Double)] {
            let ds = (0..<nd).filter { $0 != s && PreConstructionState($0).landIsReady }
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
        // Every regency's rows summed once (in regency order), not at every look-up: a
        // national table has hundreds of regencies, each falling back on the pool.
        var pool = [Double](repeating: 0, count: StageModels.preStates * nd)
        for chain in chains {
            for k in pool.indices { pool[k] += chain[k] }
        }
        func pooled(_ s: Int, _ d: Int) -> Double { pool[s * nd + d] }
        rows = chains.map { row in
            (0..<StageModels.preStates).map { s in
                let own = readyRow({ row[s * nd + $0] }, from: s)
                if !own.isEmpty || PreConstructionState(s).landIsReady { return own }
                let all = readyRow({ d in pooled(s, d) / Double(max(1, chains.count)) }, from: s)
                if !all.isEmpty { return all }
                // Nobody left this land state (a dispute never settled, say): where the
                // other land states of the same stage go when their land becomes ready.
                let others = (0..<StageModels.preStates).filter {
                    $0 != s && PreConstructionState($0).stageCode == PreConstructionState(s).stageCode
                        && !PreConstructionState($0).landIsReady
                }
                return readyRow({ d in others.reduce(0.0) { $0 + pooled($1, d) } }, from: s)
            }
        }
    }
}

/// How the moves out of each pre-construction state split between a failed land
/// verification and land made ready, per regency: what a move leaving `verifikasi` needs
/// to scale the failure's odds (``LandAndPortalSampler/destination(leaving:stay:failOdds:_:)``),
/// made once per forecast.
struct VerificationMoves: Sendable {
    /// A destination of a move out of `verifikasi`: the land ready (or construction
    /// started), a failure (land not ready, not `verifikasi`), or neither.
    enum Kind: UInt8, Sendable {
        case ready, failure, other

        /// The kind of destination state `d`.
        init(destination d: Int) {
            let state = PreConstructionState(d)
            self = state.landIsReady ? .ready : (state.land != .verifikasi ? .failure : .other)
        }
    }

    /// Each destination state's kind (0 … ``StageModels/preStates``).
    let kinds: [Kind]
    /// `[regency][state]`: the row's probabilities of moving to a failure and to a state
    /// with the land ready.
    let split: [[(fail: Double, ready: Double)]]

    /// The table of the chain `stages` (the rows the land-and-portal sampler runs on).
    init(stages: StageModels) {
        let nd = StageModels.preStates + 1
        let kinds = (0..<nd).map { Kind(destination: $0) }
        self.kinds = kinds
        split = stages.preTransition.map { row in
            (0..<StageModels.preStates).map { s in
                var fail = 0.0, toReady = 0.0
                for d in 0..<nd where d != s {
                    switch kinds[d] {
                    case .ready: toReady += row[s * nd + d]
                    case .failure: fail += row[s * nd + d]
                    case .other: break
                    }
                }
                return (fail, toReady)
            }
        }
    }
}

/// The land and portal stage: the pre-construction Markov chain over (`tahap`,
/// `status_lahan`) run forward from the last report until construction starts, with
/// exact geometric sojourns in each state (one draw per visit, not one per week).
///
/// The chain's exit hazard is raised to the cooperative's frailty z, drawn per path from
/// its gamma posterior (``StageModels/preFrailtyMean``) and divided in each state by the
/// mean frailty of those whose pace the row is (``StageModels/preFrailtyReference``),
/// times the path's programme pace,
/// lognormal with median 1 and the log-scale spread ``StageModels/prePaceSigma`` (the
/// chain is the programme's recent pace, which its calendar changes). The moment the land
/// becomes ready (by the chain or by a land intervention) switches to the
/// ``PathStream/landReady`` stream, so resolving land can only bring that moment forward.
struct LandAndPortalSampler {
    /// The regency's transition row, `[s * 11 + d]`.
    let row: [Double]
    /// ln of each state's stay probability (−∞ for none): a visit's exit probability
    /// 1 − stay^z has ln(1 − p) = z · ln stay, so a sojourn takes one logarithm, not a
    /// power and two logarithms.
    let logStay: [Double]
    /// The regency's land-ready destinations by state.
    let ready: [[(Int, Double)]]
    /// Each destination state's kind (``VerificationMoves/kinds``).
    let moveKinds: [VerificationMoves.Kind]
    /// Per state, the regency's probabilities of moving to a failure and to a state with
    /// the land ready (``VerificationMoves/split``).
    let moveSplit: [(fail: Double, ready: Double)]
    /// Frailty posterior: gamma shape and rate (shape 0 = no spread, use `frailtyMean`).
    let frailtyShape: Double
    let frailtyRate: Double
    let frailtyMean: Double
    /// Per state, the mean frailty of the cooperatives whose pace the row is
    /// (``StageModels/preFrailtyReference``): the cooperative's exit exponent in state s is
    /// its frailty over this.
    let reference: [Double]
    /// Log-scale spread of the path's programme pace (``StageModels/prePaceSigma``).
    let paceSigma: Double
    /// How the cooperative's verifications end (``LandOutcomeModel``).
    let outcome: LandOutcomeModel
    /// The cooperative.
    let cooperative: Int
    /// The week a land intervention makes the land ready (`Int.max` = none).
    let landFrom: Int
    /// The last week simulated.
    let limit: Int

    /// The sampler of cooperative `i` in regency `g`.
    init(stages: StageModels, landReady: LandReadyTable, verification: VerificationMoves, cooperative i: Int,
         regency g: Int, landFrom: Int, limit: Int) {
        row = stages.preTransition[g]
        let nd = StageModels.preStates + 1
        logStay = (0..<StageModels.preStates).map { s in log(max(0, stages.preTransition[g][s * nd + s])) }
        ready = landReady.rows[g]
        moveKinds = verification.kinds
        moveSplit = verification.split[g]
        let zm = stages.preFrailtyMean[i], zv = stages.preFrailtyVariance[i]
        frailtyShape = zv > 1e-9 ? zm * zm / zv : 0
        frailtyRate = zv > 1e-9 ? zm / zv : 0
        frailtyMean = zm
        reference = stages.preFrailtyReference
        outcome = stages.landOutcome
        cooperative = i
        paceSigma = stages.prePaceSigma
        self.landFrom = landFrom
        self.limit = limit
    }

    /// The state reached when the land of `state` becomes ready (the same stage with the
    /// land `siap` when nothing is known).
    @inline(__always)
    func landReadyDestination(_ state: PreConstructionState, _ rng: inout Xoshiro) -> PreConstructionState {
        let choices = ready[state.index]
        var dest = state.withLandReady
        guard !choices.isEmpty else { return dest }
        let u = rng.uniform()
        for (d, cumulative) in choices {
            dest = PreConstructionState(d)
            if u < cumulative { break }
        }
        return dest
    }

    /// The week construction starts on path `p` (`nil` within the horizon never), from
    /// `state` at week `week`; the weeks waited go to `delays`.
    func sample(from state: PreConstructionState, week: Int, key: UInt64, path p: Int,
                delays: inout PathDelays) -> Int? {
        var rng = PathStream.landAndPortal.generator(key: key, path: p)
        let nd = StageModels.preStates + 1
        let pace = paceSigma > 0 ? _exp(paceSigma * rng.normal()) : 1
        let z = (frailtyShape > 0 ? rng.gamma(shape: frailtyShape) / frailtyRate : frailtyMean) * pace
        var landTaken = false
        // The cooperative's verifications so far and its weeks without land, updated as
        // the path goes.
        var ended = 0, failed = 0, weeksWithoutLand = 0
        if outcome.isActive {
            ended = Int(outcome.ended[cooperative])
            failed = Int(outcome.failed[cooperative])
            weeksWithoutLand = Int(outcome.weeksWithoutLand[cooperative])
        }
        var s = state
        var t = week
        var readyStream = false
        while true {
            if !s.landIsReady && t >= landFrom {
                // Land made ready now: the transition the state makes when its land becomes
                // ready, drawn from the state's row restricted to destinations with land
                // `siap` or construction started (the portal registration or the start
                // that often comes with it).
                if !readyStream { rng = PathStream.landReady.generator(key: key, path: p); readyStream = true }
                let dest = landReadyDestination(s, &rng)
                if dest.isStarted { return t }
                s = dest
                // The cooperative's frailty was learnt mostly from its land: once the land
                // is taken care of, the remaining steps go at least at the regency's
                // typical pace (the path's programme pace).
                landTaken = true
            }
            let stay = row[s.index * nd + s.index]
            let zs = landTaken ? max(z / reference[s.index], pace) : z / reference[s.index]
            // ln(1 − exit probability) = zs · ln stay; a zero exponent never exits.
            let wait = rng.waitingWeeks(logFailure: zs > 0 ? zs * logStay[s.index] : 0)
            if !s.landIsReady && landFrom <= limit && (wait == Int.max || t + wait + 1 > landFrom) {
                // The land intervention comes before this state would have ended.
                delays.land += Double(landFrom - t)
                t = landFrom
                continue
            }
            if wait == Int.max || t + wait + 1 > limit {
                delays.addWaiting(Double(limit - t), in: s)
                return nil
            }
            delays.addWaiting(Double(wait + 1), in: s)
            t += wait + 1
            if s.land == .tidakAda { weeksWithoutLand += wait + 1 }
            let failOdds = s.land == .verifikasi
                ? outcome.oddsRatio(failed: failed, ended: ended, weeks: weeksWithoutLand) : 1
            var dest = destination(leaving: s, stay: stay, failOdds: failOdds, &rng)
            if s.land == .verifikasi && dest.land != .verifikasi {
                ended += 1
                if !dest.landIsReady { failed += 1 }
            }
            if !s.landIsReady && dest.landIsReady {
                // The land becomes ready: which ready state, and everything after, come
                // from their own stream — the same draws a land intervention uses.
                if !readyStream { rng = PathStream.landReady.generator(key: key, path: p); readyStream = true }
                dest = landReadyDestination(s, &rng)
            }
            if dest.isStarted { return t }
            s = dest
        }
    }

    /// The destination of a move out of `s`, among the other states in proportion to the
    /// row; leaving `verifikasi`, the failures (land not ready, not `verifikasi`) have their
    /// odds against the land becoming ready multiplied by `failOdds`, the moves' total and
    /// the other moves (a portal registration) kept.
    @inline(__always)
    func destination(leaving s: PreConstructionState, stay: Double, failOdds: Double = 1,
                     _ rng: inout Xoshiro) -> PreConstructionState {
        let nd = StageModels.preStates + 1
        var failScale = 1.0, readyScale = 1.0
        if failOdds != 1 {
            let (fail, ready) = moveSplit[s.index]
            if fail > 0, ready > 0 {
                let share = fail / (fail + ready)
                let odds = share / (1 - share) * failOdds
                let newShare = odds / (1 + odds)
                failScale = newShare / share
                readyScale = (1 - newShare) / (1 - share)
            }
        }
        let u = rng.uniform() * (1 - stay)
        var acc = 0.0
        if failOdds == 1 {
            // No odds to apply: the row as it is.
            for d in 0..<nd where d != s.index {
                acc += row[s.index * nd + d]
                if u < acc { return PreConstructionState(d) }
            }
            return PreConstructionState(StageModels.started)
        }
        for d in 0..<nd where d != s.index {
            let kind = moveKinds[d]
            let scale = kind == .ready ? readyScale : (kind == .failure ? failScale : 1)
            acc += row[s.index * nd + d] * scale
            if u < acc { return PreConstructionState(d) }
        }
        return PreConstructionState(StageModels.started)
    }
}
