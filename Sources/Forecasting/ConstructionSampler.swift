import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first reported progress of a construction that starts on a path: one of the values
/// observed in start weeks, drawn uniformly (``StageModels/initialProgress``), from the
/// path's ``PathStream/constructionStart`` stream.
struct ConstructionStartSampler {
    /// Progress values seen in start weeks (points).
    let initial: [Double]

    /// The progress reported in the start week of path `p`.
    @inline(__always)
    func sample(key: UInt64, path p: Int) -> Double {
        var rng = PathStream.constructionStart.generator(key: key, path: p)
        return initial[rng.index(initial.count)]
    }
}

/// Where a construction is on a path: its week, progress and the land, labour and
/// technical flags.
struct ConstructionState {
    /// The grid week.
    var week: Int
    /// Progress (points).
    var progress: Double
    /// `kendala_lahan`, `kendala_tenaga_kerja`, `kendala_teknis` raised.
    var land: Bool
    var labour: Bool
    var technical: Bool
    /// A land dispute on the site (``SiteDisputes``).
    var dispute = false
}

/// One flag's two-state Markov chain run in event time: the week its state next changes is
/// drawn once per sojourn (a geometric number of weeks), not by a coin each week.
///
/// With P(on | off) = a and P(on | on) = b, a sojourn on lasts 1 + Geometric(1 − b) weeks
/// and one off 1 + Geometric(a) (failures before the first change), which is the weekly
/// chain's law exactly.
struct FlagChain {
    /// The flag's state from ``since`` until the week before ``next``.
    var on: Bool
    /// The first week of the current sojourn (the start week for the state found there).
    var since: Int
    /// The week the state next changes (`Int.max` = never).
    var next: Int
    /// ln(1 − P(on | off)) and ln(1 − P(off | on)) (``Xoshiro/logFailure(_:)``).
    let logStayOff: Double
    let logStayOn: Double

    /// The chain in state `on` at week `week`, raised for `elapsed` weeks by then (this
    /// week counted), its next change drawn from `rng`; `logs` are ln(1 − P(on | off)) and
    /// ln(1 − P(off | on)) (``Xoshiro/logFailure(_:)``); `onLaw` is the law of a sojourn on
    /// by the weeks already spent (``FlagSojourns``), `nil` for the geometric law of
    /// ln(1 − P(off | on)). The law is passed to every call, not stored: a chain is made for
    /// every path, and a stored law would be copied (its tables retained) with it.
    init(on: Bool, week: Int, logs: (stayOff: Double, stayOn: Double), onLaw: SojournLaw? = nil, elapsed: Int = 1,
         rng: inout Xoshiro) {
        self.on = on
        since = week
        next = Int.max
        logStayOff = logs.stayOff
        logStayOn = logs.stayOn
        next = change(after: week, elapsed: elapsed, onLaw: onLaw, rng: &rng)
    }

    /// The first week after `week` with the other state, the chain being in state ``on``
    /// at `week` for `elapsed` weeks (1: a sojourn beginning at `week`), a sojourn on
    /// following `onLaw` (`nil`: the geometric law).
    @inline(__always)
    func change(after week: Int, elapsed: Int = 1, onLaw: borrowing SojournLaw? = nil, rng: inout Xoshiro) -> Int {
        // Optional chaining reads the law in place; binding it would copy (and retain) its
        // tables at every change of the flag.
        if on, let r = onLaw?.remaining(elapsed: elapsed, rng: &rng) {
            return r >= Int.max - week ? Int.max : week + r
        }
        let stays = rng.waitingWeeks(logFailure: on ? logStayOn : logStayOff)
        return stays >= Int.max - week - 1 ? Int.max : week + stays + 1
    }

    /// Moves the chain to week `week` (changes at or before it applied), a sojourn on
    /// following `onLaw` (`nil`: the geometric law).
    @inline(__always)
    mutating func advance(to week: Int, onLaw: borrowing SojournLaw? = nil, rng: inout Xoshiro) {
        while next <= week {
            on.toggle()
            since = next
            next = change(after: next, onLaw: onLaw, rng: &rng)
        }
    }

    /// Whether the flag counts at week `week` with an intervention from week `from`: the
    /// sojourn under way at `from` is ended there (weeks of a later sojourn count again).
    @inline(__always)
    func counts(at week: Int, interventionFrom from: Int) -> Bool {
        on && !(week >= from && since <= from)
    }
}

/// The construction stage: progress by the delay-factor model (``DelayFactorModel``) from
/// the start until it reaches 100 points, advanced in spans of weeks between the weeks
/// where a flag or an intervention changes.
///
/// Each week the work is the cooperative's speed (drawn per path from its lognormal
/// posterior) × the S-curve h at the current progress × the common weekly shock × the
/// flagged factors' multiplier × a lognormal work noise. The land, labour and technical
/// flags follow their two-state Markov chains (``FlagChain``: one draw per sojourn; a flag
/// whose episodes show a hazard falling with age has its sojourns on drawn from that law,
/// given the weeks already raised at the last report, ``FlagSojourns``); the
/// weather is wet with the season's probability of the week's date, the next wet week drawn
/// at once by inverting the survival Π(1 − p_wet) (one draw per wet week). Between the
/// weeks where a flag or an intervention changes the flags' multiplier is constant; the
/// progress recursion (the S-curve is not linear) runs week by week with the shocks, the
/// noise and, in a wet week, the weather's factor. The S-curve is held as one straight line
/// per segment (``ConstructionTables/segments``), so a week's step waits on the week
/// before only for one line and one multiply–add; the noise quantile takes 12 bits, so one
/// 64-bit draw serves five weeks.
///
/// An intervention ends the current labour or technical sojourn at its week: the flag stays
/// down until that sojourn would have ended by itself, then follows the chain as before; a
/// land intervention keeps the land flag down for good. The chains run the same either way
/// (their own streams), so a path with the intervention is never slower than without it.
struct ConstructionSampler {
    let tables: ConstructionTables
    /// The parameter draws (h nodes then θ).
    let draws: ParameterDraws
    /// Speed posterior as a lognormal: μ and σ of its logarithm.
    let speedMu: Double
    let speedSigma: Double
    /// The land, labour and technical flags' chains in the regency: ln(1 − P(on | off)) and
    /// ln(1 − P(off | on)) (``StageModels/flagOn``, ``StageModels/flagStay``).
    let flagLogs: [(stayOff: Double, stayOn: Double)]
    /// The flags' laws of a sojourn on and the weeks each was raised at the last report
    /// (``FlagSojourns``).
    let landLaw: SojournLaw?
    let labourLaw: SojournLaw?
    let technicalLaw: SojournLaw?
    let elapsed: [Int]
    /// Land disputes on the site: whether they act, the work share of a disputed week, the
    /// chain's ln(1 − onset), the law of a dispute's duration and the weeks the
    /// cooperative's dispute has lasted at its last report (``SiteDisputes``).
    let disputes: Bool
    let disputeShare: Double
    let disputeLogOnset: Double
    let disputeLaw: SojournLaw
    let disputeElapsed: Int
    /// The regency's cumulative wet hazard by grid week (``ConstructionTables/wetHazard``).
    let wetHazard: [Double]
    /// Its survival exp(−H) (``ConstructionTables/wetSurvival``), empty where it underflows.
    let wetSurvival: [Double]
    /// Intervention weeks (`Int.max` = none).
    let landFrom: Int
    let labourFrom: Int
    let technicalFrom: Int
    /// The last week simulated.
    let limit: Int

    /// The sampler of cooperative `i` in regency `g`.
    init(tables: ConstructionTables, draws: ParameterDraws, model: ForecastModel, cooperative i: Int,
         regency g: Int, scenario: Scenario?, limit: Int) {
        self.tables = tables
        self.draws = draws
        let sm = model.construction.speeds.mean[i]
        let sv = model.construction.speeds.variance[i]
        let sigma2 = log(1 + sv / max(sm * sm, 1e-9))
        speedMu = log(max(sm, 1e-6)) - sigma2 / 2
        speedSigma = sigma2.squareRoot()
        flagLogs = (0..<3).map { k in
            (Xoshiro.logFailure(model.stages.flagOn[g][k]), Xoshiro.logFailure(1 - model.stages.flagStay[g][k]))
        }
        let laws = model.flagSojourns.laws
        (landLaw, labourLaw, technicalLaw) = (laws[0], laws[1], laws[2])
        elapsed = (0..<3).map { model.flagSojourns.elapsed(cooperative: i, flag: $0) }
        let sd = model.siteDisputes
        disputes = sd.isActive
        disputeShare = sd.workShare
        disputeLogOnset = Xoshiro.logFailure(sd.onset)
        disputeLaw = sd.law
        disputeElapsed = Int(sd.elapsed[i])
        wetHazard = tables.wetHazard[g]
        wetSurvival = tables.wetSurvival[g] ?? []
        landFrom = scenario?.start(of: .land) ?? Int.max
        labourFrom = scenario?.start(of: .labour) ?? Int.max
        technicalFrom = scenario?.start(of: .technical) ?? Int.max
        self.limit = limit
    }

    /// The first wet week after `week` (`Int.max` = none by ``limit``): the first t with
    /// H(t) − H(week) ≥ E, E exponential, H the cumulative wet hazard. A forward scan: the
    /// next wet week is usually a few weeks away, and the scan's branch is predictable where
    /// a bisection's is not.
    ///
    /// On the survival S = exp(−H) where it does not underflow: the first t with
    /// S(t) ≤ U · S(week), U uniform (one draw, no logarithm).
    @inline(__always)
    func nextWet(after week: Int, rng: inout Xoshiro) -> Int {
        guard week < limit else { return Int.max }
        if !wetSurvival.isEmpty {
            let target = rng.uniformOpen() * wetSurvival[week]
            guard wetSurvival[limit] <= target else { return Int.max }
            var t = week + 1
            while wetSurvival[t] > target { t += 1 }
            return t
        }
        let target = wetHazard[week] + rng.exponential()
        guard wetHazard[limit] >= target else { return Int.max }
        var t = week + 1
        while wetHazard[t] < target { t += 1 }
        return t
    }

    /// The completion week of path `p` from `state` (`nil` beyond the horizon); work lost
    /// to each flagged factor goes to `delays`.
    ///
    /// The path runs in spans of weeks between the weeks where a flag or an intervention
    /// changes (``walk(_:span:flags:share:tables:delays:)``); a wet week inside a span is
    /// stepped with the weather's multiplier, as a block of its own.
    func sample(from state: ConstructionState, key: UInt64, path p: Int, delays: inout PathDelays) -> Int? {
        var walker = Walker(
            prog: state.progress, rng: PathStream.construction.generator(key: key, path: p),
            weatherRNG: PathStream.weather.generator(key: key, path: p), draw: p % draws.values.count,
            shockRow: p * (tables.lastWeek + 1))
        var flagRNG = PathStream.constructionFlags.generator(key: key, path: p)
        walker.speed = walker.rng.lognormal(mu: speedMu, sigma: speedSigma)
        var land = FlagChain(on: state.land, week: state.week, logs: flagLogs[0], onLaw: landLaw,
                             elapsed: state.land ? elapsed[0] : 1, rng: &flagRNG)
        var labour = FlagChain(on: state.labour, week: state.week, logs: flagLogs[1], onLaw: labourLaw,
                               elapsed: state.labour ? elapsed[1] : 1, rng: &flagRNG)
        var technical = FlagChain(on: state.technical, week: state.week, logs: flagLogs[2], onLaw: technicalLaw,
                                  elapsed: state.technical ? elapsed[2] : 1, rng: &flagRNG)
        // A dispute on site: its own stream, so the other draws are the same with or without.
        var disputeRNG = PathStream.siteDispute.generator(key: key, path: p)
        var dispute = disputes
            ? FlagChain(on: state.dispute, week: state.week, logs: (disputeLogOnset, 0), onLaw: disputeLaw,
                        elapsed: state.dispute ? max(1, disputeElapsed) : 1, rng: &disputeRNG)
            : nil
        walker.wet = nextWet(after: state.week, rng: &walker.weatherRNG)
        // The weekly tables' storage is borrowed once for the whole path, so a span's walk
        // (inlined here) starts from pointers already in hand.
        return tables.shocks.withUnsafeBufferPointer { shocks in
          tables.noise.withUnsafeBufferPointer { noise in
            tables.segments.withUnsafeBufferPointer { segments in
              tables.multipliers.withUnsafeBufferPointer { multipliers in
                let weekly = WeeklyTables(shocks: shocks, noise: noise, segments: segments, multipliers: multipliers)
                var t = state.week
                while t < limit {
                    let b = t + 1
                    land.advance(to: b, onLaw: landLaw, rng: &flagRNG)
                    labour.advance(to: b, onLaw: labourLaw, rng: &flagRNG)
                    technical.advance(to: b, onLaw: technicalLaw, rng: &flagRNG)
                    dispute?.advance(to: b, onLaw: disputeLaw, rng: &disputeRNG)
                    // The span runs to the week before the next change of a flag, a dispute or
                    // an intervention.
                    var end = min(min(limit, land.next - 1), min(labour.next - 1, technical.next - 1))
                    if let next = dispute?.next { end = min(end, next - 1) }
                    if landFrom > b { end = min(end, landFrom - 1) }
                    if labourFrom > b { end = min(end, labourFrom - 1) }
                    if technicalFrom > b { end = min(end, technicalFrom - 1) }
                    let flags = (land.on && b < landFrom ? ConstructionTables.FlagBit.land : 0)
                        | (labour.counts(at: b, interventionFrom: labourFrom) ? ConstructionTables.FlagBit.labour : 0)
                        | (technical.counts(at: b, interventionFrom: technicalFrom)
                            ? ConstructionTables.FlagBit.technical : 0)
                    // A land intervention settles a dispute for good, as it does the land flag.
                    let disputed = (dispute?.on ?? false) && b < landFrom
                    if let week = walk(&walker, span: b...end, flags: flags, share: disputed ? disputeShare : 1,
                                       tables: weekly, delays: &delays) { return week }
                    t = end
                }
                return nil
              }
            }
          }
        }
    }

    /// The weekly tables' storage (``ConstructionTables``), borrowed for one path.
    struct WeeklyTables {
        let shocks: UnsafeBufferPointer<Double>
        let noise: UnsafeBufferPointer<Double>
        let segments: UnsafeBufferPointer<Double>
        let multipliers: UnsafeBufferPointer<Double>
    }

    /// What a path carries from one span to the next: its progress, its construction and
    /// weather streams, the next wet week and the noise bits left.
    struct Walker {
        var prog: Double
        var rng: Xoshiro
        var weatherRNG: Xoshiro
        /// The path's parameter draw (index into ``ParameterDraws/values``).
        let draw: Int
        /// The path's row in ``ConstructionTables/shocks``.
        let shockRow: Int
        /// The cooperative's speed on the path.
        var speed = 1.0
        /// The next wet week (`Int.max` = none by the limit).
        var wet = Int.max
        var noise = NoiseBits()
    }

    /// Steps `walker` through the weeks of `span`, where the land, labour and technical
    /// flags `flags` hold, and returns the week its progress reaches 100 (`nil` if not in
    /// the span). Each week adds speed × multiplier × shock × noise × h(prog), h the S-curve
    /// of the path's parameter draw evaluated at the progress at the start of the week and
    /// the multiplier that of the flags, with the weather's in a wet week. Work lost to
    /// each factor goes to `delays` per run of dry weeks and per wet week. Inlined into
    /// ``sample(from:key:path:delays:)``, so a span starts without a call and the walker is
    /// not copied in and out; `weekly` is the tables' storage borrowed for the path.
    ///
    /// The span runs as dry runs (``dryRun(_:from:through:work:_:tables:)``) up to each wet week,
    /// the wet week stepped between them and the next wet week drawn right after it, so the
    /// run's loop holds no weather test and no delay accounting.
    @inline(__always)
    func walk(_ walker: inout Walker, span: ClosedRange<Int>, flags: Int, share: Double = 1, tables weekly: WeeklyTables,
              delays: inout PathDelays) -> Int? {
        let n = ConstructionTables.FlagBit.combinations
        let wetFlags = flags | ConstructionTables.FlagBit.weather
        let dryWork = walker.speed * weekly.multipliers[walker.draw * n + flags] * share
        let wetWork = walker.speed * weekly.multipliers[walker.draw * n + wetFlags] * share
        let draw = walker.draw
        var segment = CurveSegment(
            progress: walker.prog, lines: weekly.segments, base: draw * tables.segmentStride, nodes: tables.nodes,
            width: tables.step, inverseWidth: tables.inverseStep)
        var week = span.lowerBound
        let last = span.upperBound
        // Dry weeks from `dryFrom` not yet counted in `delays`.
        var dryFrom = week
        while true {
            // Weeks before the next wet one (`wet` is never before `week`: it is drawn after
            // each wet week, and the first is after the path's start).
            let dryEnd = walker.wet == Int.max ? last : min(last, walker.wet - 1)
            if let done = dryRun(&walker, from: week, through: dryEnd, work: dryWork, &segment, tables: weekly) {
                lose(weeks: done + 1 - dryFrom, flags: flags, draw: draw, share: share, delays: &delays)
                return done
            }
            guard dryEnd < last else { break }
            week = dryEnd + 1
            #if KENDALI_COUNT_DRAWS
            constructionBlocksRun.add(1, ordering: .relaxed)
            constructionWeeksStepped.add(1, ordering: .relaxed)
            #endif
            let w = wetWork * weekly.shocks[walker.shockRow + week] * weekly.noise[walker.noise.next(&walker.rng)]
            segment.step(&walker.prog, work: w)
            lose(weeks: week - dryFrom, flags: flags, draw: draw, share: share, delays: &delays)
            lose(weeks: 1, flags: wetFlags, draw: draw, share: share, delays: &delays)
            dryFrom = week + 1
            walker.wet = nextWet(after: week, rng: &walker.weatherRNG)
            if walker.prog >= 100 { return week }
            guard week < last else { break }
            week += 1
        }
        lose(weeks: last + 1 - dryFrom, flags: flags, draw: draw, share: share, delays: &delays)
        return nil
    }

    /// Steps `walker` through the dry weeks `from…through` (none when `through` < `from`)
    /// with the week's work `work` × shock × noise on the S-curve's `segment`, and returns
    /// the week its progress reaches 100 (`nil` if none). Only the progress recursion, the
    /// shock, the noise and the segment's check are in the loop.
    @inline(__always)
    func dryRun(_ walker: inout Walker, from: Int, through: Int, work: Double, _ segment: inout CurveSegment,
                tables weekly: WeeklyTables) -> Int? {
        guard from <= through else { return nil }
        #if KENDALI_COUNT_DRAWS
        constructionBlocksRun.add(1, ordering: .relaxed)
        constructionWeeksStepped.add(through - from + 1, ordering: .relaxed)
        #endif
        var p = walker.prog
        let row = walker.shockRow
        for week in from...through {
            let w = work * weekly.shocks[row + week] * weekly.noise[walker.noise.next(&walker.rng)]
            segment.step(&p, work: w)
            if p >= 100 {
                walker.prog = p
                return week
            }
        }
        walker.prog = p
        return nil
    }

    /// Adds the work lost in `weeks` weeks under the flag combination `flags` of parameter
    /// draw `draw` to `delays`, shared among the flagged factors in proportion to their
    /// −ln θ (``ConstructionTables/lostShares``); in a dispute (work `share` < 1 of the
    /// flags' multiplier M) the further M (1 − share) of a week goes to land.
    @inline(__always)
    func lose(weeks: Int, flags: Int, draw: Int, share disputeShare: Double = 1, delays: inout PathDelays) {
        guard weeks > 0 else { return }
        let combination = draw * ConstructionTables.FlagBit.combinations + flags
        let w = Double(weeks)
        if disputeShare < 1 { delays.land += w * tables.multipliers[combination] * (1 - disputeShare) }
        guard flags != 0 else { return }
        let share = tables.lostShares[combination]
        delays.land += w * share.0
        delays.weather += w * share.1
        delays.labour += w * share.2
        delays.technical += w * share.3
    }
}

/// The work noise's quantile indices, 12 bits each, five from every 64-bit draw.
struct NoiseBits {
    private var word: UInt64 = 0
    private var left = 0

    /// The next quantile index (0..<4096).
    @inline(__always)
    mutating func next(_ rng: inout Xoshiro) -> Int {
        if left == 0 {
            word = rng.next()
            left = 64 / ConstructionTables.noiseBits
        }
        left -= 1
        let index = Int(truncatingIfNeeded: word >> UInt64(64 - ConstructionTables.noiseBits))
        word <<= UInt64(ConstructionTables.noiseBits)
        return index
    }
}

/// The straight line of a path's S-curve under its progress (``ConstructionTables/segments``):
/// segment k of the parameter draw, h(p) = a + b·p, kept while the progress stays below the
/// segment's end (progress never falls). A week's step p ← p (1 + w b) + w a then waits on
/// the week before for one multiply and one add, the segment's check being a branch aside.
struct CurveSegment {
    /// The lines of every draw, borrowed for the path.
    private let lines: UnsafeBufferPointer<Double>
    /// Where the path's draw's lines start in ``lines``.
    private let base: Int
    /// The last segment (nodes − 2).
    private let last: Int
    /// Progress points per segment and its inverse.
    private let width: Double
    private let inverseWidth: Double
    /// The current segment, its line and the progress where it ends (∞ for the last).
    private var k: Int
    private var a: Double
    private var b: Double
    private var end: Double

    /// The segment under progress `p` (points) of the S-curve whose lines start at `base`
    /// in `lines` (``ConstructionTables/lines(values:nodes:step:)``), with `nodes` nodes
    /// `width` points apart (≥ 2 nodes) and `inverseWidth` = 1 / `width`.
    @inline(__always)
    init(progress p: Double, lines: UnsafeBufferPointer<Double>, base: Int, nodes: Int, width: Double,
         inverseWidth: Double) {
        self.lines = lines
        self.base = base
        last = nodes - 2
        self.width = width
        self.inverseWidth = inverseWidth
        k = min(last, max(0, Int(p * inverseWidth)))
        a = lines[base + 2 * k]
        b = lines[base + 2 * k + 1]
        end = k == last ? Double.infinity : Double(k + 1) * width
    }

    /// One week's step of progress `p` with work `w`: h at the progress at the week's start.
    @inline(__always)
    mutating func step(_ p: inout Double, work w: Double) {
        if p >= end {
            k = min(last, max(k + 1, Int(p * inverseWidth)))
            a = lines[base + 2 * k]
            b = lines[base + 2 * k + 1]
            end = k == last ? Double.infinity : Double(k + 1) * width
        }
        p = p * (1 + w * b) + w * a
    }
}
