import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) private func _exp(_ x: Double) -> Double { exp(x) }
@inline(__always) private func _log(_ x: Double) -> Double { log(x) }

/// The weekly transition models of every stage other than construction progress, each
/// estimated from consecutive weekly reports (a pair separated by a missing report is not
/// used) up to the cut-off week, per regency and shrunk toward the pooled rate
/// (``Shrinkage/betaBinomialStrength(events:trials:)``):
///
/// - **Before construction**: a Markov chain over the 10 states (`tahap` terdaftar/portal
///   × `status_lahan`) with an absorbing "construction started" state. Each row is shrunk
///   toward the pooled row with a Dirichlet strength estimated per source state from the
///   regencies' leave/stay counts. A cooperative's frailty z_i multiplies its exit hazard
///   (`p' = 1 − (1 − p)^z`), gamma(a, a) a priori; the likelihood of a cooperative's
///   forward moves is the pooled weekly forward-move share of each state and week, times
///   the regency's ratio, raised to z (integrated on a grid of z), and a is chosen by how
///   well the posteriors predict the last 8 weeks' moves held out
///   (``fitPreFrailty(panel:last:weekN:weekX:regExit:halfLife:)``); each cooperative's
///   posterior mean and variance of z follow (a cooperative stuck for long gets a small
///   z), relative to the mean z of those recently in each state
///   (``preFrailtyReference``). No frailty unless the likelihood gains more than 2. Each path also
///   multiplies the frailties by a programme pace (``prePaceSigma``): how far the pace
///   of the coming weeks strayed from that of the weeks before, over the history. A state
///   never left in the data stays: such a cooperative gets no date within the horizon, and
///   the forecast says so.
/// - **Construction start**: the first reported progress is drawn from the progress values
///   observed in start weeks.
/// - **Flags during construction**: land, labour and technical as two-state Markov chains
///   (P(on | off), P(on | on)) per regency.
/// - **A first business unit**: before completion, a weekly rate per regency; after
///   completion, a discrete hazard by weeks since completion (pooled, Kaplan–Meier-style
///   `d_k / n_k` while at least 10 are at risk, the pooled rate of the later weeks beyond);
///   with no completion followed in the data, an *assumed* hazard of 0.159 a week
///   (median wait 4 weeks), flagged in ``openingHazardAssumed``. Further units: a pooled
///   weekly rate.
/// - **Institutional and legal items** (badan_hukum, pengurus_lengkap, rapat_anggota, nib,
///   npwp, rekening_bank): weekly rates of turning 1 per regency, times a cooperative
///   administrative frailty estimated like the land one. Items are taken not to be lost
///   again (board resignations are rare).
/// - **Members**: the weekly probability of a rise per cooperative (shrunk) and the pooled
///   sizes of rises.
/// - **On-time report and presence**: per cooperative Bernoulli rates (beta-binomial
///   shrinkage across cooperatives).
public struct StageModels: Sendable {
    /// Pre-construction states: ``preState(tahap:lahan:)`` of `terdaftar` and `portal`
    /// with each land status.
    public static let preStates = (Int(Tahap.portal.code) + 1) * StatusLahan.codeCount
    /// Index of the absorbing "started" state.
    public static let started = preStates

    /// The pre-construction state of a report with stage code `tahap` (`terdaftar` or
    /// `portal`) and land code `lahan`: `tahap × StatusLahan.codeCount + lahan`.
    @inline(__always)
    static func preState(tahap: Int8, lahan: Int8) -> Int {
        Int(tahap) * StatusLahan.codeCount + Int(lahan)
    }

    /// The pre-construction state of `panel`'s cell `c`, a week with a report (`nil` once
    /// construction has started: a stage past `portal` or a progress reported).
    @inline(__always)
    static func preState(_ panel: Panel, cell c: Int) -> Int? {
        guard panel.tahap[c] <= Tahap.portal.code, panel.progress[c].isNaN else { return nil }
        return preState(tahap: max(Tahap.terdaftar.code, panel.tahap[c]),
                        lahan: max(StatusLahan.tidakAda.code, panel.lahan[c]))
    }

    /// The stage code of pre-construction state `s` (0 ..< ``preStates``).
    @inline(__always)
    static func stageCode(ofPreState s: Int) -> Int8 {
        Int8(truncatingIfNeeded: s / StatusLahan.codeCount)
    }

    /// The land status of pre-construction state `s` (0 ..< ``preStates``).
    @inline(__always)
    static func land(ofPreState s: Int) -> StatusLahan {
        StatusLahan(code: Int8(truncatingIfNeeded: s % StatusLahan.codeCount)) ?? .tidakAda
    }

    /// Transition probabilities by regency, source state (0..<10) and destination
    /// (0...10), row-major `[g][s * 11 + d]`.
    public var preTransition: [[Double]]
    /// The half-life (weeks) of the recency weights of the pre-construction counts, chosen
    /// by the likelihood of the last 4 weeks' transitions among the ``preHalfLives`` that
    /// span the history (``preHalfLifeSpan``); ∞ with too short a history.
    public var preHalfLife: Double
    /// Whether each source state was ever seen left (pooled).
    public var preStateLeft: [Bool]
    /// Frailty shape a of the pre-construction exits.
    public var preFrailtyShape: Double
    /// Posterior mean of each cooperative's pre-construction frailty (1 without frailty).
    public var preFrailtyMean: [Double]
    /// Its posterior variance.
    public var preFrailtyVariance: [Double]
    /// Per pre-construction state, the mean posterior frailty of the cooperatives at risk
    /// of leaving it (weighted as the chain's counts are; 1 without frailty): the chain's
    /// rows are their pace, so a cooperative of frailty z leaves state s at
    /// `1 − stay^(z / preFrailtyReference[s])`.
    public var preFrailtyReference: [Double]
    /// Exits observed per cooperative.
    public var preObserved: [Double]
    /// Exits expected per cooperative under the regency chain.
    public var preExpected: [Double]
    /// The standard deviation of the log of the programme's pre-construction pace to come
    /// relative to its recent pace (``paceSigma(weekN:weekX:pooledForward:last:)``): each
    /// path multiplies every cooperative's pre-construction frailty by a lognormal pace of
    /// median 1 and this log-scale spread, since the rates a programme's calendar sets
    /// change and the fitted chain is its recent pace.
    public var prePaceSigma: Double
    /// First reported progress values in start weeks (points).
    public var initialProgress: [Double]
    /// How each cooperative's land verifications end (``LandOutcomeModel``).
    var landOutcome: LandOutcomeModel

    /// P(on | off) of land, labour, technical flags by regency: `[g][0..<3]`.
    public var flagOn: [[Double]]
    /// P(on | on) of the same.
    public var flagStay: [[Double]]

    /// Weekly probability of a first business unit before completion, by regency.
    public var openBeforeCompletion: [Double]
    /// Hazard of a first unit k weeks after completion, k = 1…count; `openingTail` after.
    public var openingHazard: [Double]
    /// The hazard beyond ``openingHazard``.
    public var openingTail: Double
    /// True when no completion was followed in the data and the hazard is assumed.
    public var openingHazardAssumed: Bool
    /// Weekly probability of one more unit once operating.
    public var unitGrowth: Double

    /// Weekly probability of each admin item turning 1, by regency: `[g][0..<6]`.
    public var itemOn: [[Double]]
    /// The item each admin item waits for, when the data show one (`-1` when none): item
    /// j is taken as a prerequisite of item k when k is (almost) never reported without j
    /// (in at most 0.5 % of the reports holding k, while at least 5 % of the reports lack
    /// j), as a bank account needs a tax number. A sequential-hazards reading of the
    /// reports; the prerequisite with the most reports lacking it is kept.
    public var itemPrerequisite: [Int]
    /// Weekly probability of each admin item turning 1 once its prerequisite is held, by
    /// regency: `[g][0..<6]` (the same as ``itemOn`` for an item without a prerequisite):
    /// the pooled rate among weeks that start with the prerequisite held, times the
    /// regency's ratio ``itemOn`` / pooled.
    public var itemOnGivenPrerequisite: [[Double]]
    /// Frailty shape of the admin hazards.
    public var adminFrailtyShape: Double
    /// Admin items gained per cooperative.
    public var adminObserved: [Double]
    /// Admin items expected per cooperative.
    public var adminExpected: [Double]

    /// P(report on time) per cooperative.
    public var onTime: [Double]
    /// P(report present) per cooperative.
    public var presence: [Double]
    /// Weekly probability of a rise in members per cooperative.
    public var memberRise: [Double]
    /// Observed sizes of rises (pooled; at most 4,096 kept).
    public var memberJumps: [Int32]

    /// Estimates every model from `panel`'s weeks 0…`upTo`.
    public init(panel: Panel, upTo: Int) {
        let w = panel.weekCount
        let last = min(upTo, w - 1)
        let n = panel.cooperativeCount
        let nr = panel.regencies.count
        let ns = StageModels.preStates
        let nd = ns + 1
        let tally = StageCounts.count(panel: panel, last: last)
        let prePairs = tally.prePairs, initial = tally.initial
        let flagOff = tally.flagOff, flagOnC = tally.flagOnC, openPre = tally.openPre, items = tally.items
        let holding = tally.holding, holdingWithout = tally.holdingWithout, lacking = tally.lacking
        let reports = tally.reports, givenN = tally.givenN, givenX = tally.givenX
        let atRisk = tally.atRisk, events = tally.events
        let growthTrials = tally.growthTrials, growthEvents = tally.growthEvents
        let onX = tally.onX, onN = tally.onN, presX = tally.presX, presN = tally.presN
        let riseX = tally.riseX, riseN = tally.riseN, jumps = tally.jumps

        // Pre-construction rows: recency-weighted counts (half-life chosen on the last
        // weeks), shrunk per source state.
        func counts(upTo end: Int, halfLife: Double) -> [[Double]] {
            StageModels.recencyCounts(prePairs, regencies: nr, upTo: end, halfLife: halfLife)
        }
        let bestHalfLife = StageModels.chooseHalfLife(prePairs, regencies: nr, last: last)
        preHalfLife = bestHalfLife
        let shrunk = StageModels.shrinkRows(counts(upTo: last, halfLife: bestHalfLife), nr: nr)
        let rows = shrunk.rows
        let left = shrunk.left
        preTransition = rows
        preStateLeft = left
        // Pre-construction frailty: forward moves observed vs expected, the expectation adjusted
        // for the calendar (the pooled exit share of each state in each week) and for the
        // regency (its exit rate over the pooled one, all weeks).
        var weekN = [[Double]](repeating: [Double](repeating: 0, count: w), count: ns)
        var weekX = weekN
        let plain = counts(upTo: last, halfLife: .infinity)
        var regExit = [[Double]](repeating: [Double](repeating: 1, count: ns), count: nr)
        // Forward moves only (toward the start): a rejection or a dispute is no progress.
        func rank(_ state: Int) -> Int {
            PreConstructionState(state).forwardRank
        }
        for x in prePairs where Int(x.t) <= last {
            weekN[Int(x.s)][Int(x.t)] += 1
            if rank(Int(x.d)) > rank(Int(x.s)) { weekX[Int(x.s)][Int(x.t)] += 1 }
        }
        var pooledForward = [Double](repeating: 0, count: ns)
        for st in 0..<ns {
            var pn = 0.0, px = 0.0
            for g in 0..<nr {
                for d in 0..<nd { pn += plain[g][st * nd + d] }
                px += (0..<nd).reduce(0.0) { $0 + (rank($1) > rank(st) ? plain[g][st * nd + $1] : 0) }
            }
            let pooled = pn > 0 ? px / pn : 0
            pooledForward[st] = pooled
            let gns = (0..<nr).map { g in (0..<nd).reduce(0.0) { $0 + plain[g][st * nd + $1] } }
            let gxs = (0..<nr).map { g in
                (0..<nd).reduce(0.0) { $0 + (rank($1) > rank(st) ? plain[g][st * nd + $1] : 0) }
            }
            let kappa = Shrinkage.betaBinomialStrength(events: gxs, trials: gns)
            for g in 0..<nr {
                let rate = Shrinkage.shrunkRate(events: gxs[g], trials: gns[g], prior: pooled, strength: kappa)
                regExit[g][st] = pooled > 0 ? rate / pooled : 1
            }
        }
        prePaceSigma = StageModels.paceSigma(weekN: weekN, weekX: weekX, pooledForward: pooledForward, last: last)
        let frailty = StageModels.fitPreFrailty(panel: panel, last: last, weekN: weekN, weekX: weekX,
                                                regExit: regExit, halfLife: bestHalfLife)
        preObserved = frailty.observed
        preExpected = frailty.expected
        preFrailtyShape = frailty.shape
        preFrailtyMean = frailty.mean
        preFrailtyVariance = frailty.variance
        preFrailtyReference = frailty.reference
        initialProgress = initial.isEmpty ? [0] : initial
        landOutcome = LandOutcomeModel(panel: panel, last: last, halfLife: bestHalfLife)

        // Flags.
        var on = [[Double]](repeating: [0, 0, 0], count: nr)
        var stay = [[Double]](repeating: [0, 0, 0], count: nr)
        for k in 0..<3 {
            let offX = (0..<nr).map { flagOff[$0][2 * k + 1] }, offN = (0..<nr).map { flagOff[$0][2 * k] }
            let onX = (0..<nr).map { flagOnC[$0][2 * k + 1] }, onN = (0..<nr).map { flagOnC[$0][2 * k] }
            let pOff = offN.reduce(0, +) > 0 ? offX.reduce(0, +) / offN.reduce(0, +) : 0
            let pOn = onN.reduce(0, +) > 0 ? onX.reduce(0, +) / onN.reduce(0, +) : 0
            let kOff = Shrinkage.betaBinomialStrength(events: offX, trials: offN)
            let kOn = Shrinkage.betaBinomialStrength(events: onX, trials: onN)
            for g in 0..<nr {
                on[g][k] = Shrinkage.shrunkRate(events: offX[g], trials: offN[g], prior: pOff, strength: kOff)
                stay[g][k] = Shrinkage.shrunkRate(events: onX[g], trials: onN[g], prior: pOn, strength: kOn)
            }
        }
        flagOn = on
        flagStay = stay

        // Opening.
        let preX = openPre.map { $0[1] }, preN = openPre.map { $0[0] }
        let pPre = preN.reduce(0, +) > 0 ? preX.reduce(0, +) / preN.reduce(0, +) : 0
        let kPre = Shrinkage.betaBinomialStrength(events: preX, trials: preN)
        openBeforeCompletion = (0..<nr).map {
            Shrinkage.shrunkRate(events: preX[$0], trials: preN[$0], prior: pPre, strength: kPre)
        }
        var hazard: [Double] = []
        var k = 1
        while k < atRisk.count, atRisk[k] >= 10 {
            hazard.append(events[k] / atRisk[k])
            k += 1
        }
        let tailFrom = max(1, hazard.count / 2 + 1)
        var tx = 0.0, tn = 0.0
        for j in tailFrom..<atRisk.count { tx += events[j]; tn += atRisk[j] }
        if tn >= 10 {
            openingTail = max(tx, 0.5) / tn
            openingHazardAssumed = false
        } else if !hazard.isEmpty {
            openingTail = max(hazard.reduce(0, +) / Double(hazard.count), 0.01)
            openingHazardAssumed = false
        } else {
            openingTail = 0.159
            openingHazardAssumed = true
        }
        openingHazard = hazard
        unitGrowth = growthTrials > 0 ? growthEvents / growthTrials : 0

        // Admin items.
        var itemRates = [[Double]](repeating: [Double](repeating: 0, count: 6), count: nr)
        for k in 0..<6 {
            let x = (0..<nr).map { items[$0][2 * k + 1] }, t = (0..<nr).map { items[$0][2 * k] }
            let p = t.reduce(0, +) > 0 ? x.reduce(0, +) / t.reduce(0, +) : 0
            let kappa = Shrinkage.betaBinomialStrength(events: x, trials: t)
            for g in 0..<nr {
                itemRates[g][k] = Shrinkage.shrunkRate(events: x[g], trials: t[g], prior: p, strength: kappa)
            }
        }
        itemOn = itemRates
        var prerequisite = [Int](repeating: -1, count: 6)
        func implies(_ k: Int, _ j: Int) -> Bool {
            holding[k] >= 20 && holdingWithout[k][j] <= 0.005 * holding[k]
                && lacking[j] >= 0.05 * reports && givenN[k][j] > 0 && givenX[k][j] > 0
        }
        for k in 0..<6 {
            var best = -1
            for j in 0..<6 where j != k && implies(k, j) && !implies(j, k) {
                if best < 0 || lacking[j] > lacking[best] { best = j }
            }
            prerequisite[k] = best
        }
        // No chains of prerequisites: an item whose prerequisite waits for another keeps
        // its unconditional rate.
        for k in 0..<6 where prerequisite[k] >= 0 && prerequisite[prerequisite[k]] >= 0 { prerequisite[k] = -1 }
        itemPrerequisite = prerequisite
        itemOnGivenPrerequisite = (0..<nr).map { g in
            (0..<6).map { k in
                let j = prerequisite[k]
                guard j >= 0 else { return itemRates[g][k] }
                let x = (0..<nr).reduce(0.0) { $0 + items[$1][2 * k + 1] }
                let t = (0..<nr).reduce(0.0) { $0 + items[$1][2 * k] }
                let pooled = t > 0 ? x / t : 0
                let conditional = givenX[k][j] / givenN[k][j]
                return pooled > 0 ? min(1, conditional * itemRates[g][k] / pooled) : conditional
            }
        }
        var aObs = [Double](repeating: 0, count: n)
        var aExp = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let g = Int(panel.regencyIndex[i])
            let base = i * w
            let first = Int(panel.firstWeek[i])
            guard first >= 0, first < last else { continue }
            for t in (first + 1)...last {
                let c1 = base + t
                guard panel.present[c1] == 1, panel.present[c1 - 1] == 1 else { continue }
                for (k, bit) in Panel.Bit.adminItems.enumerated() where panel.flags[c1 - 1] & bit == 0 {
                    aExp[i] += itemRates[g][k]
                    if panel.flags[c1] & bit != 0 { aObs[i] += 1 }
                }
            }
        }
        adminObserved = aObs
        adminExpected = aExp
        adminFrailtyShape = Shrinkage.gammaFrailtyShape(observed: aObs, expected: aExp)

        func perCooperative(_ x: [Double], _ t: [Double]) -> [Double] {
            let sx = x.reduce(0, +), st = t.reduce(0, +)
            let p = st > 0 ? sx / st : 0.5
            let kappa = Shrinkage.betaBinomialStrength(events: x, trials: t)
            return (0..<x.count).map { Shrinkage.shrunkRate(events: x[$0], trials: t[$0], prior: p, strength: kappa) }
        }
        onTime = perCooperative(onX, onN)
        presence = perCooperative(presX, presN)
        memberRise = perCooperative(riseX, riseN)
        memberJumps = jumps.isEmpty ? [1] : jumps
    }

    /// Weeks in each of the two windows ``paceSigma(weekN:weekX:pooledForward:last:)`` compares.
    static let paceWindow = 8

    /// The standard deviation of the log of the programme's pre-construction pace in the
    /// weeks ahead relative to its pace in the weeks just before: how far the recent pace
    /// misleads about the coming one, read from the history itself.
    ///
    /// The pace of week t is the forward moves X_t over their expectation E_t under the
    /// fitted time-constant chain (each state's pooled forward-move share, all weeks, times
    /// the pairs leaving it that week). For every week t with W = ``paceWindow`` weeks on
    /// each side, `d_t = ln(ΣX_future / ΣE_future) − ln(ΣX_past / ΣE_past)`; the sampling
    /// part of d_t is `1/ΣX_future + 1/ΣX_past` (Poisson counts, delta method), so
    ///
    /// ```
    /// σ² = max(0, mean_t(d_t²) − mean_t(1/ΣX_future + 1/ΣX_past))
    /// ```
    ///
    /// over the windows with at least 10 moves on each side; 0 with fewer than 3 windows.
    static func paceSigma(weekN: [[Double]], weekX: [[Double]], pooledForward: [Double], last: Int) -> Double {
        let w = paceWindow
        guard last >= 2 * w + 2 else { return 0 }
        var x = [Double](repeating: 0, count: last + 1)
        var e = [Double](repeating: 0, count: last + 1)
        for s in weekN.indices {
            for t in 0...last where t < weekN[s].count {
                x[t] += weekX[s][t]
                e[t] += weekN[s][t] * pooledForward[s]
            }
        }
        var squares = 0.0, sampling = 0.0, windows = 0.0
        for t in w...(last - w) {
            var xp = 0.0, ep = 0.0, xf = 0.0, ef = 0.0
            for u in (t - w + 1)...t { xp += x[u]; ep += e[u] }
            for u in (t + 1)...(t + w) { xf += x[u]; ef += e[u] }
            guard xp >= 10, xf >= 10, ep > 0, ef > 0 else { continue }
            let d = _log(xf / ef) - _log(xp / ep)
            squares += d * d
            sampling += 1 / xf + 1 / xp
            windows += 1
        }
        guard windows >= 3 else { return 0 }
        return max(0, (squares - sampling) / windows).squareRoot()
    }

    /// Shrinks the regencies' transition counts `[g][s * 11 + d]` toward the pooled rows:
    /// a Dirichlet prior of strength κ_s per source state (``Shrinkage/betaBinomialStrength(events:trials:)``
    /// on leave/stay). A source state with no count stays put.
    static func shrinkRows(_ pre: [[Double]], nr: Int) -> (rows: [[Double]], left: [Bool]) {
        let ns = preStates
        let nd = ns + 1
        var rows = [[Double]](repeating: [Double](repeating: 0, count: ns * nd), count: nr)
        var left = [Bool](repeating: false, count: ns)
        for s in 0..<ns {
            var pooled = [Double](repeating: 0, count: nd)
            var leaveX: [Double] = [], leaveN: [Double] = []
            for g in 0..<nr {
                var tot = 0.0
                for d in 0..<nd { pooled[d] += pre[g][s * nd + d]; tot += pre[g][s * nd + d] }
                leaveN.append(tot)
                leaveX.append(tot - pre[g][s * nd + s])
            }
            let total = pooled.reduce(0, +)
            left[s] = total - pooled[s] > 0
            let kappa = Shrinkage.betaBinomialStrength(events: leaveX, trials: leaveN)
            for g in 0..<nr {
                if total <= 0 {
                    rows[g][s * nd + s] = 1
                    continue
                }
                let ng = leaveN[g]
                for d in 0..<nd {
                    let prior = pooled[d] / total
                    rows[g][s * nd + d] = (pre[g][s * nd + d] + kappa * prior) / (ng + kappa)
                }
            }
        }
        return (rows, left)
    }
}
