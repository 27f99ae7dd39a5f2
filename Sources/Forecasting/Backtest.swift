import Estimation
import KendaliData

/// A forecast of one cooperative's green week by some method: three quantiles (grid week
/// indices; `nil` = beyond the horizon) or a point (all three equal).
public struct QuantileForecast: Sendable, Hashable {
    /// P10 week.
    public var p10: Int?
    /// P50 week.
    public var p50: Int?
    /// P90 week.
    public var p90: Int?

    /// A forecast from its quantiles.
    public init(p10: Int?, p50: Int?, p90: Int?) {
        self.p10 = p10
        self.p50 = p50
        self.p90 = p90
    }
}

/// The scores of one method at one cut-off.
public struct BacktestScore: Sendable {
    /// `model`, `linear`, `earned_schedule` or `compare`.
    public var method: String
    /// Cooperatives scored (outcome known).
    public var scored: Int
    /// Mean absolute error of P50, weeks.
    public var meanAbsoluteError: Double
    /// Mean error of P50 (forecast − outcome), weeks.
    public var bias: Double
    /// Share of outcomes within [P10, P90], both ends counted inside (`nil` for a point
    /// forecast). Green dates are whole weeks, so this overstates the coverage of a
    /// calibrated forecast; see ``coverageHalfEnds``.
    public var coverage: Double?
    /// Share of outcomes within P10–P90 with an outcome exactly on P10 or on P90 counted as
    /// half (``ForecastScores/centralCoverage(quantiles:levels:outcome:)``); `nil` for a
    /// point forecast. A calibrated forecast scores 80 %.
    public var coverageHalfEnds: Double?
    /// CRPS, weeks: twice the mean pinball loss at the 10, 50, 90 % quantiles (for a point
    /// forecast, the absolute error); ``ForecastScores/quantileCRPS(quantiles:levels:outcome:)``.
    public var crps: Double
    /// Mean pinball loss, weeks, of P10, P50 and P90 at the levels 0.1, 0.5, 0.9
    /// (``ForecastScores/pinball(quantile:level:outcome:)``); the one of P50 is half the MAE.
    public var pinball: [Double] = []
    /// The PIT histogram: the outcomes' weights in the bins [0, 0.1), [0.1, 0.5),
    /// [0.5, 0.9), [0.9, 1] (``ForecastScores/pitWeights(quantiles:levels:outcome:)``; an
    /// outcome on a quantile is split between bins). They add up to ``scored``; a
    /// calibrated forecast has 10, 40, 40 and 10 % of them.
    public var pit: [Double] = []
    /// Harrell's C between −P50 and the outcome (censored at the end of the data).
    public var concordance: Double?
}

/// The backtest at one cut-off.
public struct BacktestCutoff: Sendable {
    /// Cut-off week index.
    public var week: Int
    /// Its date.
    public var date: Day
    /// Cooperatives forecast (not green at the cut-off).
    public var forecast: Int
    /// Of those, outcomes not known (not green by the end of the data, without a truth).
    public var censored: Int
    /// One score per method.
    public var scores: [BacktestScore]
    /// The same scores among the cooperatives at each stage at the cut-off (not started,
    /// building, complete), in that order: where the error is.
    public var scoresByStage: [(stage: CooperativeStage, scores: [BacktestScore])] = []
    /// The model's scores among the cooperatives of each ``DataQuality`` at the cut-off
    /// (ok, stale, inconsistent; those with none left out), with how many were forecast:
    /// whether the widened intervals of the uncertain ones cover as they should.
    public var modelScoresByDataQuality: [(quality: DataQuality, forecast: Int, score: BacktestScore)] = []
}

/// Backtest: fit on the history up to each cut-off, forecast, and score against what
/// happened afterwards, beside two planners' baselines and optionally an outside forecast.
///
/// **Outcomes.** With a truth (e.g. a simulator's), the true green week; a cooperative
/// never green, or green after cut-off + horizon, counts as cut-off + horizon + 1, as does a
/// forecast beyond the horizon. Without one, the first green report after the cut-off in
/// the data; cooperatives not green by the last week are censored (left out of MAE,
/// coverage and CRPS, used by the concordance).
///
/// **Scores** (``BacktestScore``; formulas and references in ``ForecastScores``): MAE and
/// bias of P50; P10–P90 coverage, both ends counted inside and with an outcome on P10 or
/// P90 counted half; the pinball loss at 0.1, 0.5 and 0.9 and the CRPS approximated by
/// twice their mean; the PIT histogram at the bins those levels cut; Harrell's C. A point
/// forecast (the baselines) has no coverage; its pinball losses, CRPS and PIT are those
/// of the three equal quantiles.
///
/// **Baselines** (a completed building turns green after the median lag from completion to
/// green observed up to the cut-off, 4 weeks when none was observed):
/// - `linear`: each building's recent progress rate (over its last four reports) extended
///   to 100 %; a rate ≤ 0.1 point a week, or one not building yet, gets the median rate of
///   the buildings; one not started is assumed to start next week.
/// - `earned_schedule`: Earned Schedule (Lipke 2003, "Schedule is different", *The
///   Measurable News*) on a linear plan of 90 working days (18 weeks) from the start:
///   `ES = EV/100 · 18`, `SPI(t) = ES / AT`, `IEAC(t) = 18 / SPI(t)`, completion = start +
///   IEAC; not started: start next week with the median SPI.
public enum Backtester {
    /// Default cut-offs: 40, 55, 70 and 85 % of the way through the weeks.
    public static func defaultCutoffs(weeks: Int) -> [Int] {
        guard weeks >= 8 else { return [max(0, weeks / 2)] }
        return [0.4, 0.55, 0.7, 0.85].map { Int((Double(weeks - 1) * $0).rounded()) }
    }

    /// Runs the backtest.
    ///
    /// - Parameters:
    ///   - truth: the true green week of each cooperative (`nil` = never), by panel index;
    ///     `nil` to score against the data.
    ///   - compare: an outside forecast per cut-off (cut-off week → code value → quantiles).
    /// - Throws: ``ForecastError`` when a cut-off's models cannot be fitted.
    public static func run(panel: Panel, cutoffs: [Int], options: ForecastOptions,
                           truth: [Int?]? = nil, compare: [Int: [Int64: QuantileForecast]] = [:])
        throws(ForecastError) -> [BacktestCutoff]
    {
        var out: [BacktestCutoff] = []
        let H = options.horizon
        let lastWeek = panel.weekCount - 1
        for cut in cutoffs where cut >= 1 && cut < panel.weekCount {
            let fc = try GreenForecaster.forecast(panel: panel, asOfWeek: cut, options: options)
            let baselines = Baselines(panel: panel, cutoff: cut)
            var outcome: [Int?] = []  // nil = censored
            var eventFlags: [Bool] = []
            var times: [Double] = []
            for c in fc.cooperatives {
                if let truth {
                    let y = truth[c.index].map { min($0, cut + H + 1) } ?? (cut + H + 1)
                    outcome.append(y)
                    eventFlags.append(y <= cut + H)
                    times.append(Double(y))
                } else {
                    let g = Int(panel.greenWeek[c.index])
                    if g > cut {
                        outcome.append(min(g, cut + H + 1))
                        eventFlags.append(true)
                        times.append(Double(g))
                    } else {
                        outcome.append(nil)
                        eventFlags.append(false)
                        times.append(Double(lastWeek))
                    }
                }
            }
            func score(_ method: String, _ q: [QuantileForecast?], interval: Bool,
                       stage: CooperativeStage? = nil, quality: DataQuality? = nil) -> BacktestScore {
                var n = 0
                var ae = 0.0, bias = 0.0, crps = 0.0, inside = 0
                var halfInside = 0.0
                let levels = ForecastScores.levels
                var pinball = [Double](repeating: 0, count: levels.count)
                var pit = [Double](repeating: 0, count: levels.count + 1)
                var risk: [Double] = []
                var ts: [Double] = []
                var es: [Bool] = []
                for (k, f) in q.enumerated() {
                    guard let f else { continue }
                    if let stage, fc.cooperatives[k].stage != stage { continue }
                    if let quality, fc.cooperatives[k].dataQuality != quality { continue }
                    let p10 = Double(f.p10 ?? cut + H + 1)
                    let p50 = Double(f.p50 ?? cut + H + 1)
                    let p90 = Double(f.p90 ?? cut + H + 1)
                    risk.append(-p50)
                    ts.append(times[k])
                    es.append(eventFlags[k])
                    guard let y0 = outcome[k] else { continue }
                    let y = Double(y0)
                    let quantiles = [p10, p50, p90]
                    n += 1
                    ae += abs(p50 - y)
                    bias += p50 - y
                    if ForecastScores.closedIntervalCoverage(lower: p10, upper: p90, outcome: y) == 1 { inside += 1 }
                    let weights = ForecastScores.pitWeights(quantiles: quantiles, outcome: y)
                    for b in pit.indices { pit[b] += weights[b] }
                    halfInside += weights[1..<levels.count].reduce(0, +)
                    for (l, tau) in levels.enumerated() {
                        pinball[l] += ForecastScores.pinball(quantile: quantiles[l], level: tau, outcome: y)
                    }
                    crps += ForecastScores.quantileCRPS(quantiles: quantiles, outcome: y)
                }
                let c = try? Concordance(times: ts, events: es, riskScores: risk)
                let d = Double(max(n, 1))
                var result = BacktestScore(
                    method: method, scored: n, meanAbsoluteError: ae / d, bias: bias / d,
                    coverage: interval ? Double(inside) / d : nil, crps: crps / d,
                    concordance: c?.value)
                result.coverageHalfEnds = interval ? halfInside / d : nil
                result.pinball = pinball.map { $0 / d }
                result.pit = pit
                return result
            }
            var methods: [(name: String, forecasts: [QuantileForecast?], interval: Bool)] = []
            methods.append(("model", fc.cooperatives.map {
                QuantileForecast(p10: $0.p10, p50: $0.p50, p90: $0.p90)
            }, true))
            methods.append(("linear", fc.cooperatives.map {
                let w = baselines.linear(cooperative: $0.index)
                return QuantileForecast(p10: w, p50: w, p90: w)
            }, false))
            methods.append(("earned_schedule", fc.cooperatives.map {
                let w = baselines.earnedSchedule(cooperative: $0.index)
                return QuantileForecast(p10: w, p50: w, p90: w)
            }, false))
            if let other = compare[cut] {
                methods.append(("compare", fc.cooperatives.map { other[$0.code.value] }, true))
            }
            let scores = methods.map { score($0.name, $0.forecasts, interval: $0.interval) }
            var cutoff = BacktestCutoff(
                week: cut, date: panel.date(ofWeek: cut), forecast: fc.cooperatives.count,
                censored: outcome.filter { $0 == nil }.count, scores: scores)
            for stage in [CooperativeStage.notStarted, .building, .complete]
            where fc.cooperatives.contains(where: { $0.stage == stage }) {
                cutoff.scoresByStage.append(
                    (stage, methods.map { score($0.name, $0.forecasts, interval: $0.interval, stage: stage) }))
            }
            for quality in DataQuality.allCases {
                let count = fc.cooperatives.filter { $0.dataQuality == quality }.count
                guard count > 0 else { continue }
                cutoff.modelScoresByDataQuality.append(
                    (quality, count, score(methods[0].name, methods[0].forecasts, interval: true, quality: quality)))
            }
            out.append(cutoff)
        }
        return out
    }
}

/// The planners' baselines at one cut-off (see ``Backtester``).
struct Baselines {
    let panel: Panel
    let cutoff: Int
    let medianSlope: Double
    let medianSPI: Double
    let lag: Int
    static let plannedWeeks = 18.0

    init(panel: Panel, cutoff: Int) {
        self.panel = panel
        self.cutoff = cutoff
        var slopes: [Double] = []
        var spis: [Double] = []
        var lags: [Int] = []
        for i in 0..<panel.cooperativeCount {
            if let s = Baselines.slope(panel, i, cutoff) { slopes.append(s) }
            if let s = Baselines.spi(panel, i, cutoff) { spis.append(s) }
            if let done = Baselines.completion(panel, i, cutoff) {
                let g = Int(panel.greenWeek[i])
                if g >= done, g <= cutoff { lags.append(g - done) }
            }
        }
        func median(_ v: [Double], _ fallback: Double) -> Double {
            guard !v.isEmpty else { return fallback }
            let s = v.sorted()
            return s[s.count / 2]
        }
        medianSlope = max(0.5, median(slopes, 100 / Baselines.plannedWeeks))
        medianSPI = max(0.05, median(spis, 1))
        lag = lags.isEmpty ? 4 : lags.sorted()[lags.count / 2]
    }

    /// First week on or before `t` with `tahap` ≥ selesai.
    static func completion(_ panel: Panel, _ i: Int, _ t: Int) -> Int? {
        for s in 0...min(t, panel.weekCount - 1) where panel.present[panel.cell(i, s)] == 1
            && panel.tahap[panel.cell(i, s)] >= Tahap.selesai.code { return s }
        return nil
    }

    /// First week with progress or tahap pembangunan, on or before `t`.
    static func start(_ panel: Panel, _ i: Int, _ t: Int) -> Int? {
        for s in 0...min(t, panel.weekCount - 1) {
            let c = panel.cell(i, s)
            if panel.present[c] == 1, panel.tahap[c] >= Tahap.pembangunan.code || !panel.progress[c].isNaN {
                return s
            }
        }
        return nil
    }

    static func lastBuilding(_ panel: Panel, _ i: Int, _ t: Int) -> (week: Int, progress: Double)? {
        guard let l = panel.lastReport(of: i, upTo: t) else { return nil }
        let c = panel.cell(i, l)
        guard panel.tahap[c] == Tahap.pembangunan.code
            || (panel.tahap[c] < Tahap.selesai.code && !panel.progress[c].isNaN) else { return nil }
        return (l, panel.progress[c].isNaN ? 0 : Double(panel.progress[c]))
    }

    static func slope(_ panel: Panel, _ i: Int, _ t: Int) -> Double? {
        guard let (l, p) = lastBuilding(panel, i, t) else { return nil }
        var s = l - 1
        var seen = 0
        var earlier: (Int, Double)?
        while s >= 0, seen < 4 {
            let c = panel.cell(i, s)
            if panel.present[c] == 1 {
                seen += 1
                if panel.tahap[c] == Tahap.pembangunan.code, !panel.progress[c].isNaN {
                    earlier = (s, Double(panel.progress[c]))
                }
            }
            s -= 1
        }
        guard let (w0, p0) = earlier, l > w0 else { return nil }
        let v = (p - p0) / Double(l - w0)
        return v > 0.1 ? v : nil
    }

    static func spi(_ panel: Panel, _ i: Int, _ t: Int) -> Double? {
        guard let (l, p) = lastBuilding(panel, i, t), let s = start(panel, i, t), l > s else { return nil }
        let es = p / 100 * plannedWeeks
        let v = es / Double(l - s)
        return v > 0.01 ? v : nil
    }

    private func finish(_ i: Int, completion: Double) -> Int {
        max(cutoff + 1, Int(completion.rounded(.up)) + lag)
    }

    func linear(cooperative i: Int) -> Int {
        if let done = Baselines.completion(panel, i, cutoff) { return max(cutoff + 1, done + lag) }
        if let (l, p) = Baselines.lastBuilding(panel, i, cutoff) {
            let v = Baselines.slope(panel, i, cutoff) ?? medianSlope
            return finish(i, completion: Double(l) + (100 - p) / v)
        }
        return finish(i, completion: Double(cutoff + 1) + 100 / medianSlope)
    }

    func earnedSchedule(cooperative i: Int) -> Int {
        if let done = Baselines.completion(panel, i, cutoff) { return max(cutoff + 1, done + lag) }
        if Baselines.lastBuilding(panel, i, cutoff) != nil, let s = Baselines.start(panel, i, cutoff) {
            let v = Baselines.spi(panel, i, cutoff) ?? medianSPI
            return finish(i, completion: Double(s) + Baselines.plannedWeeks / v)
        }
        return finish(i, completion: Double(cutoff + 1) + Baselines.plannedWeeks / medianSPI)
    }
}
