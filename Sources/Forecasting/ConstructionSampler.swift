import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first reported progress of a construction that starts on a path: one of the values
/// observed in start weeks, drawn uniformly (``StageModels/initialProgress``).
struct ConstructionStartSampler {
    /// Progress values seen in start weeks (points).
    let initial: [Double]

    /// The progress reported in the start week.
    @inline(__always)
    func sample(_ rng: inout Xoshiro) -> Double {
        initial[Int(rng.next() % UInt64(initial.count))]
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
}

/// The construction stage: progress by the delay-factor model (``DelayFactorModel``) from
/// the start until it reaches 100 points.
///
/// Each week the work is the cooperative's speed (drawn per path from its lognormal
/// posterior) × the S-curve h at the current progress × the common weekly shock × the
/// flagged factors' multiplier × a lognormal work noise. The land, labour and technical
/// flags follow their two-state Markov chains (P(on | off), P(on | on)) and the weather is
/// wet with the season's probability of the week's date.
///
/// An intervention ends the current labour or technical episode at its week: the flag stays
/// down until the episode would have ended by itself, then follows the chain as before; a
/// land intervention keeps the land flag down for good. The chains are drawn either way,
/// so a path with the intervention is never slower than without it.
struct ConstructionSampler {
    let tables: ConstructionTables
    /// The parameter draws (h nodes then θ).
    let draws: ParameterDraws
    /// Speed posterior as a lognormal: μ and σ of its logarithm.
    let speedMu: Double
    let speedSigma: Double
    /// P(on | off) and P(on | on) of the land, labour and technical flags in the regency.
    let flagOn: [Double]
    let flagStay: [Double]
    /// P(wet) by grid week in the regency.
    let wet: [Double]
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
        flagOn = model.stages.flagOn[g]
        flagStay = model.stages.flagStay[g]
        wet = tables.weatherByWeek[g]
        landFrom = scenario?.start(of: .land) ?? Int.max
        labourFrom = scenario?.start(of: .labour) ?? Int.max
        technicalFrom = scenario?.start(of: .technical) ?? Int.max
        self.limit = limit
    }

    /// The completion week of path `p` from `state` (`nil` beyond the horizon); work lost
    /// to each flagged factor goes to `delays`.
    func sample(from state: ConstructionState, key: UInt64, path p: Int, delays: inout PathDelays) -> Int? {
        var rng = PathStream.construction.generator(key: key, path: p)
        let draw = p % draws.values.count
        let v = draws.values[draw]
        let speed = exp(speedMu + speedSigma * rng.normal())
        var (t, prog) = (state.week, state.progress)
        var (landFlag, labourFlag, techFlag) = (state.land, state.labour, state.technical)
        var labourCut = labourFrom != Int.max
        var techCut = technicalFrom != Int.max
        let n = ConstructionTables.FlagBit.combinations
        let shockRow = p * (tables.lastWeek + 1)
        while t < limit {
            t += 1
            landFlag = rng.uniform() < (landFlag ? flagStay[0] : flagOn[0])
            labourFlag = rng.uniform() < (labourFlag ? flagStay[1] : flagOn[1])
            techFlag = rng.uniform() < (techFlag ? flagStay[2] : flagOn[2])
            if labourCut && t >= labourFrom && !labourFlag { labourCut = false }
            if techCut && t >= technicalFrom && !techFlag { techCut = false }
            let landOn = landFlag && t < landFrom
            let labourOn = labourFlag && !(labourCut && t >= labourFrom)
            let techOn = techFlag && !(techCut && t >= technicalFrom)
            let isWet = rng.uniform() < wet[t]
            let combo = (landOn ? ConstructionTables.FlagBit.land : 0) | (isWet ? ConstructionTables.FlagBit.weather : 0)
                | (labourOn ? ConstructionTables.FlagBit.labour : 0) | (techOn ? ConstructionTables.FlagBit.technical : 0)
            if combo != 0 {
                // Work lost this week, shared among the flagged factors in proportion to
                // their −ln θ.
                let share = tables.lostShares[draw * n + combo]
                delays.land += share.0
                delays.weather += share.1
                delays.labour += share.2
                delays.technical += share.3
            }
            let noise = tables.noise[Int(truncatingIfNeeded: rng.next() >> UInt64(64 - ConstructionTables.noiseBits))]
            prog += speed * tables.h(prog, v) * tables.shocks[shockRow + t] * tables.multipliers[draw * n + combo] * noise
            if prog >= 100 { return t }
        }
        return nil
    }
}
