import KendaliData
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What one kind of holiday does to the work of one week: the week that holds its first
/// day off, or the week after.
public struct HolidayEffect: Sendable, Hashable {
    /// The holiday.
    public var kind: IndonesianHolidays.Kind
    /// 0 for the week that holds the holiday's first day off, 1 for the week after.
    public var weekAfter: Int
    /// Weeks of the history in this cell (with enough construction rows to read a ratio).
    public var weeks: Int
    /// The raw estimate: the mean log ratio of observed to expected work in those weeks
    /// less that of the ordinary weeks (0 when the history holds no such week).
    public var estimate: Double
    /// Its standard error.
    public var standardError: Double
    /// The log effect the forecast uses: the estimate shrunk toward 0 (no effect), by
    /// ``HolidayEffects/spread`` against ``standardError``.
    public var logEffect: Double
    /// Its posterior standard deviation: ``HolidayEffects/spread`` itself for a cell the
    /// history never saw.
    public var logEffectStandardDeviation: Double

    /// The share of a week's work the holiday takes at the shrunk effect, 1 − e^effect.
    public var shareLost: Double { 1 - exp(logEffect) }
}

/// The holidays' effects on the common weekly shock of construction work, learned from the
/// history, and the shock's spread without them.
///
/// The common weekly shock is each week's log ratio of observed to expected work over all
/// cooperatives under construction, `ℓ_t = ln(ΣΔp / Σμ)` (``DelayFactorModel``). Public
/// holidays (``IndonesianHolidays``) stop sites across the country, so their weeks are not
/// i.i.d. noise: each cell c (a holiday kind × the week of or the week after) gets
/// `β_c = mean_{t∈c} ℓ_t − mean_{ordinary} ℓ_t`, standard error
/// `se_c² = (σ_w² + mean_{t∈c} v_t)/n_c + Var_ord(ℓ)/n_ord` (v_t a week's sampling
/// variance). The cells share a normal prior `β_c ~ N(0, τ²)` with
/// `τ² = max(0, mean_c(β_c² − se_c²))` over the cells seen, and each is shrunk to its
/// posterior `N(β_c τ²/(τ² + se_c²), τ² se_c²/(τ² + se_c²))`; a cell never seen keeps the
/// prior N(0, τ²) (James & Stein 1961; Efron & Morris 1973, doi:10.1080/01621459.1973.10481350,
/// the positive-part empirical-Bayes estimate). The residual shock σ_w is the ordinary
/// weeks' spread less their sampling part, as ``DelayFactorFit/weekShock`` is for all weeks.
///
/// The S-curve is fitted on every week, so its pace is the average week's, holidays
/// included; an ordinary week runs at `ln(R_ord / R_all)` above it (``ordinaryLevel``).
/// The forecast adds that level to every future week and, to every week the calendar puts
/// in a cell, the cell's log effect drawn once per path from its posterior.
public struct HolidayEffects: Sendable {
    /// Per kind (``IndonesianHolidays/Kind`` order), the week of the holiday then the week
    /// after.
    public var effects: [HolidayEffect]
    /// τ, the spread of holiday effects across cells (log scale); 0 when the history shows
    /// no holiday effect or holds no holiday week.
    public var spread: Double
    /// σ_w, the standard deviation of the common weekly shock on log work outside the
    /// holiday weeks.
    public var residualShock: Double
    /// The ordinary (no holiday) weeks the residual shock is read from.
    public var ordinaryWeeks: Int
    /// ln(R_ord / R_all), the log work of an ordinary week relative to the fitted model's
    /// average week: R the ratio ΣΔp / Σμ over the ordinary weeks and over all weeks read.
    /// The S-curve is fitted on every week, holidays included, so it runs a little below an
    /// ordinary week's pace; the forecast adds this level to every future week.
    public var ordinaryLevel: Double
    /// Whether the effects were estimated (false: no effect, and ``residualShock`` is the
    /// shock of all weeks).
    public var estimated: Bool

    /// No holiday effect; `shock` the residual shock.
    public static func none(shock: Double) -> HolidayEffects {
        HolidayEffects(
            effects: IndonesianHolidays.Kind.allCases.flatMap { k in
                (0...1).map { HolidayEffect(kind: k, weekAfter: $0, weeks: 0, estimate: 0, standardError: 0,
                                            logEffect: 0, logEffectStandardDeviation: 0) }
            },
            spread: 0, residualShock: shock, ordinaryWeeks: 0, ordinaryLevel: 0, estimated: false)
    }

    /// The weeks whose ratio is read: at least 20 rows not completing and a ratio above
    /// 0.05, as (grid week, ℓ_t, the sampling variance of ℓ_t), from the weekly sums
    /// (rows, ΣΔp, Σμ, ΣΔp², ΣΔp·μ, Σμ²) with `v_t = Σ (Δp − r̄ μ)² / (Σ μ)² / r̄²` and
    /// `Σ (Δp − r̄ μ)² = ΣΔp² − 2 r̄ ΣΔp·μ + r̄² Σμ²` (delta method for the log).
    static func weeklyLogRatios(
        _ weeks: [(rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)]
    ) -> [(week: Int, log: Double, sampling: Double, dp: Double, mu: Double)] {
        var out: [(week: Int, log: Double, sampling: Double, dp: Double, mu: Double)] = []
        for (t, week) in weeks.enumerated() where week.rows >= 20 {
            let mu = week.mu
            guard mu > 0 else { continue }
            let ratio = week.dp / mu
            guard ratio > 0.05 else { continue }
            let v = max(0, week.dp2 - 2 * ratio * week.dpMu + ratio * ratio * week.mu2)
            out.append((t, log(ratio), v / (mu * mu) / (ratio * ratio), week.dp, mu))
        }
        return out
    }

    /// `max(0, Var(ℓ) − mean(v))^½` over `weeks` (0 with fewer than 3).
    static func shockSD(_ weeks: [(week: Int, log: Double, sampling: Double, dp: Double, mu: Double)]) -> Double {
        guard weeks.count >= 3 else { return 0 }
        let n = Double(weeks.count)
        let mean = weeks.reduce(0) { $0 + $1.log } / n
        let variance = weeks.reduce(0) { $0 + ($1.log - mean) * ($1.log - mean) } / (n - 1)
        let noise = weeks.reduce(0) { $0 + $1.sampling } / n
        return max(0, variance - noise).squareRoot()
    }

    /// The cell (`kind · 2 + weekAfter`) of the week ending on `day`, `nil` in an ordinary
    /// week or one that holds two cells.
    static func cell(endingOn day: Day) -> Int? {
        let hits = IndonesianHolidays.weeks(endingOn: day)
        return hits.count == 1 ? hits[0].kind.rawValue * 2 + hits[0].weekAfter : nil
    }

    /// Whether the week ending on `day` is in any holiday cell.
    static func isHolidayWeek(_ day: Day) -> Bool { !IndonesianHolidays.weeks(endingOn: day).isEmpty }

    /// The effects from the history's weekly sums (as ``DelayFactorModel``'s last pass
    /// gathers them, by grid week), `dates` the grid weeks' report dates, `allWeeksShock`
    /// the shock of all weeks (the fallback with fewer than 3 ordinary weeks).
    init(weeks sums: [(rows: Int, dp: Double, mu: Double, dp2: Double, dpMu: Double, mu2: Double)],
         dates: [Day], allWeeksShock: Double) {
        let weeks = Self.weeklyLogRatios(sums).filter { $0.week < dates.count }
        let ordinary = weeks.filter { !Self.isHolidayWeek(dates[$0.week]) }
        guard ordinary.count >= 3 else {
            self = .none(shock: allWeeksShock)
            return
        }
        let sigma = Self.shockSD(ordinary)
        let nOrd = Double(ordinary.count)
        let meanOrd = ordinary.reduce(0) { $0 + $1.log } / nOrd
        let varOrd = ordinary.reduce(0) { $0 + ($1.log - meanOrd) * ($1.log - meanOrd) } / (nOrd - 1)
        let cells = IndonesianHolidays.Kind.allCases.count * 2
        var raw = [(n: Int, beta: Double, se: Double)](repeating: (0, 0, 0), count: cells)
        for c in 0..<cells {
            let inCell = weeks.filter { Self.cell(endingOn: dates[$0.week]) == c }
            guard !inCell.isEmpty else { continue }
            let n = Double(inCell.count)
            let mean = inCell.reduce(0) { $0 + $1.log } / n
            let sampling = inCell.reduce(0) { $0 + $1.sampling } / n
            raw[c] = (inCell.count, mean - meanOrd, ((sigma * sigma + sampling) / n + varOrd / nOrd).squareRoot())
        }
        let seen = raw.filter { $0.n > 0 }
        let tau2 = seen.isEmpty ? 0 : max(0, seen.reduce(0) { $0 + $1.beta * $1.beta - $1.se * $1.se } / Double(seen.count))
        effects = (0..<cells).map { c in
            let r = raw[c]
            let kind = IndonesianHolidays.Kind.allCases[c / 2]
            guard r.n > 0 else {
                return HolidayEffect(kind: kind, weekAfter: c % 2, weeks: 0, estimate: 0, standardError: 0,
                                     logEffect: 0, logEffectStandardDeviation: tau2.squareRoot())
            }
            let w = tau2 > 0 ? tau2 / (tau2 + r.se * r.se) : 0
            return HolidayEffect(kind: kind, weekAfter: c % 2, weeks: r.n, estimate: r.beta, standardError: r.se,
                                 logEffect: w * r.beta, logEffectStandardDeviation: (w * r.se * r.se).squareRoot())
        }
        spread = tau2.squareRoot()
        residualShock = sigma
        ordinaryWeeks = ordinary.count
        func ratio(_ w: [(week: Int, log: Double, sampling: Double, dp: Double, mu: Double)]) -> Double {
            w.reduce(0) { $0 + $1.dp } / w.reduce(0) { $0 + $1.mu }
        }
        ordinaryLevel = log(ratio(ordinary) / ratio(weeks))
        estimated = true
    }

    private init(effects: [HolidayEffect], spread: Double, residualShock: Double, ordinaryWeeks: Int,
                 ordinaryLevel: Double, estimated: Bool) {
        self.effects = effects
        self.spread = spread
        self.residualShock = residualShock
        self.ordinaryWeeks = ordinaryWeeks
        self.ordinaryLevel = ordinaryLevel
        self.estimated = estimated
    }

    /// The holidays' log effect on the work of each path and grid week,
    /// `[p · (lastWeek + 1) + t]`, grid week t ending on `first + 7t`: ``ordinaryLevel``
    /// plus, where the calendar puts a cell, that cell's effect drawn once per path from its
    /// posterior (its own stream of `seed`, the same for a forecast and its
    /// counterfactuals). Empty when not estimated.
    public func logEffects(first: Day, lastWeek: Int, paths: Int, seed: UInt64) -> [Double] {
        guard estimated else { return [] }
        let weekCells = (0...lastWeek).map { t in Self.cell(endingOn: first.adding(days: 7 * t)) }
        let width = lastWeek + 1
        var out = [Double](repeating: ordinaryLevel, count: paths * width)
        var draw = [Double](repeating: 0, count: effects.count)
        for p in 0..<paths {
            var rng = Xoshiro(stream: [seed, 0x484F_4C49_4441_59, UInt64(p)])
            for (c, e) in effects.enumerated() { draw[c] = e.logEffect + e.logEffectStandardDeviation * rng.normal() }
            for (t, c) in weekCells.enumerated() {
                if let c { out[p * width + t] += draw[c] }
            }
        }
        return out
    }

    /// One sentence for the forecast's assumptions (none when not estimated): the share of
    /// a week's work each holiday takes, the week of / the week after, or "unseen".
    public var assumptions: [String] {
        guard estimated else { return [] }
        func pct(_ e: HolidayEffect) -> String { e.weeks > 0 ? StartCapacityFit.fixed(100 * e.shareLost, 0) + " %" : "unseen" }
        let names: [IndonesianHolidays.Kind: String] = [.christmas: "Christmas", .idulFitri: "Idul Fitri", .idulAdha: "Idul Adha"]
        let parts = IndonesianHolidays.Kind.allCases.map { k in
            let cells = effects.filter { $0.kind == k }
            return (names[k] ?? k.description) + " " + cells.map(pct).joined(separator: " / ")
        }
        return ["public holidays take " + parts.joined(separator: ", ")
            + " of a week's work (the week of / after; learned from the weekly shocks, shrunk toward none); "
            + "other weeks' common shock s.d. \(StartCapacityFit.fixed(residualShock, 3))"]
    }
}
