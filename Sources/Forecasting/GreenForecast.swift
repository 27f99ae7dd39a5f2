import Dispatch
import Foundation
import Estimation
import KendaliData

/// Options of a green-date forecast.
public struct ForecastOptions: Sendable, Hashable {
    /// The seed: the same seed, data and options give the same forecast on any number of
    /// threads.
    public var seed: UInt64
    /// Monte Carlo paths per cooperative (≥ 10).
    public var paths: Int
    /// Weeks after the as-of week a green date may fall in; later is "beyond the horizon".
    public var horizon: Int
    /// Number of parameter draws: path j uses draw j mod `parameterDraws` of the fitted
    /// models' parameters from their sampling distribution.
    public var parameterDraws: Int
    /// The date of ``CooperativeForecast/probabilityGreenByTarget``; `nil` = as-of + 26
    /// weeks.
    public var target: Day?
    /// Cooperatives per parallel work item: a performance knob only, the results do not
    /// depend on it.
    public var chunkSize: Int
    /// Whether the forecast fits and uses rationed construction starts
    /// (``StartCapacityFit``); `false` keeps a start hazard per cooperative everywhere.
    public var rationStarts: Bool

    /// Options; the defaults suit a province.
    public init(seed: UInt64 = 1, paths: Int = 500, horizon: Int = 104, parameterDraws: Int = 25,
                target: Day? = nil, chunkSize: Int = 32, rationStarts: Bool = true) {
        self.chunkSize = max(1, chunkSize)
        self.rationStarts = rationStarts
        self.seed = seed
        self.paths = max(10, paths)
        self.horizon = max(1, min(horizon, 1000))
        self.parameterDraws = max(1, parameterDraws)
        self.target = target
    }
}

/// What delays a cooperative most, in expected weeks over its forecast paths.
public enum DelayCause: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Land not ready (before construction) or a land problem on site.
    case land
    /// Weather during construction.
    case weather
    /// Labour shortage during construction.
    case labour
    /// Technical problems during construction.
    case technical
    /// Land ready, waiting for the portal and the start of construction.
    case start
    /// Building finished, waiting for a business unit to open.
    case operations
    /// Institutional or legal scores below the green thresholds.
    case institutional

    /// The cause's name as written in outputs.
    public var description: String {
        switch self {
        case .land: "land"
        case .weather: "weather"
        case .labour: "labour"
        case .technical: "technical"
        case .start: "start"
        case .operations: "operations"
        case .institutional: "institutional"
        }
    }
}

/// The stage of a cooperative at its last report.
public enum CooperativeStage: String, Sendable, Codable {
    /// Construction not started.
    case notStarted = "not_started"
    /// Under construction.
    case building
    /// Building finished, not green yet.
    case complete
}

/// The forecast of one cooperative not yet green.
public struct CooperativeForecast: Sendable {
    /// Index in the panel.
    public var index: Int
    /// The cooperative.
    public var code: CooperativeCode
    /// Regency code.
    public var regency: Int
    /// Zone at the last report.
    public var zone: Zone?
    /// Stage at the last report.
    public var stage: CooperativeStage
    /// Progress at the last report (points; 0 before construction).
    public var progress: Double
    /// P10, P50, P90 of the green week (grid week index), `nil` beyond the horizon.
    public var p10: Int?
    /// See ``p10``.
    public var p50: Int?
    /// See ``p10``.
    public var p90: Int?
    /// P(green on or before the target date).
    public var probabilityGreenByTarget: Double
    /// Expected weeks of delay per ``DelayCause``.
    public var expectedDelay: [Double]
    /// The cause with the largest expected delay.
    public var mainCause: DelayCause
    /// Assumptions the forecast of this cooperative rests on (empty when none).
    public var assumptions: [String]
    /// How far its last reports can be trusted (``DataQuality``); when not `ok` its paths
    /// start from both readings of its state and its interval is never narrower than the
    /// fresh reading's (see ``GreenForecaster``).
    public var dataQuality: DataQuality = .ok
}

/// Expected number of green cooperatives per week for a set of cooperatives, with a band
/// across the simulated worlds (path j of every cooperative forms world j).
public struct GreenCurve: Sendable {
    /// Name: a regency code (4 digits), a province code (2 digits, when the data hold
    /// several provinces) or `all`.
    public var name: String
    /// Cooperatives in the set.
    public var total: Int
    /// Green by the as-of week.
    public var greenAtAsOf: Int
    /// Week offsets 0…horizon after the as-of week.
    public var expected: [Double]
    /// P10 across worlds of the number green.
    public var lower: [Double]
    /// P90 across worlds.
    public var upper: [Double]
    /// Median week offset by which 50 %, 90 % and 100 % are green; `nil` beyond the
    /// horizon.
    public var weeksTo50: Int?
    /// See ``weeksTo50``.
    public var weeksTo90: Int?
    /// See ``weeksTo50``.
    public var weeksTo100: Int?
}

/// A green-date forecast.
public struct GreenForecast: Sendable {
    /// The as-of week index (in the panel grid).
    public var asOfWeek: Int
    /// Its date.
    public var asOfDate: Day
    /// Options used.
    public var options: ForecastOptions
    /// Every cooperative not green by the as-of week (code order).
    public var cooperatives: [CooperativeForecast]
    /// Per regency, per province (when several), then the whole panel (`all`) last.
    public var curves: [GreenCurve]
    /// The fitted models.
    public var model: ForecastModel
    /// Model-wide assumptions and fallbacks used.
    public var assumptions: [String]
    /// The panel's first week date (to turn week indices into dates).
    public var firstDate: Day
    /// The simulated green weeks of every path, kept to sum any set of cooperatives.
    var run: GreenForecaster.Run

    /// The date of grid week `t`.
    public func date(ofWeek t: Int) -> Day { firstDate.adding(days: 7 * t) }

    /// The burn-up of any set of cooperatives (a district, a list): the expected number
    /// green per week with its P10–P90 band across the simulated worlds and the dates of
    /// 50/90/100 % green, from the same paths as ``curves``.
    ///
    /// - Parameters:
    ///   - panel: the panel the forecast was made on.
    ///   - contains: whether the cooperative at a panel index belongs to the set.
    public func curve(name: String, panel: Panel, contains: (Int) -> Bool) -> GreenCurve {
        var slots: [Int] = []
        for (j, i) in run.indices.enumerated() where contains(i) { slots.append(j) }
        var total = 0, greenNow = 0
        for i in 0..<panel.cooperativeCount where contains(i) && panel.firstWeek[i] >= 0 && Int(panel.firstWeek[i]) <= asOfWeek {
            total += 1
            if panel.greenWeek[i] >= 0 && Int(panel.greenWeek[i]) <= asOfWeek { greenNow += 1 }
        }
        return GreenForecaster.curve(name: name, slots: slots, total: total, greenNow: greenNow, run: run,
                                     paths: options.paths, horizon: options.horizon)
    }
}

/// Each cooperative's forecast as it was at a sequence of past as-of weeks: how its P50
/// moved week by week.
public struct ForecastHistory: Sendable {
    /// The as-of weeks, ascending.
    public var weeks: [Int]
    /// Per as-of week, the forecast of each cooperative not green then: panel index → (P10,
    /// P50, P90) week indices (`nil` beyond the horizon).
    public var forecasts: [[Int: QuantileForecast]]
    /// The models fitted as of each week of ``weeks``.
    public var models: [ForecastModel]

    /// Re-fits and re-forecasts at every week of `weeks` (each on the data up to it):
    /// every cooperative, or only those of `cooperatives` (panel indices), each exactly as
    /// the full forecast gives it.
    ///
    /// - Complexity: one full fit and forecast per week (the forecast of the chosen
    ///   cooperatives only when `cooperatives` is given).
    public init(panel: Panel, weeks: [Int], options: ForecastOptions, cooperatives: [Int]? = nil) throws(ForecastError) {
        self.weeks = weeks.sorted()
        var out: [[Int: QuantileForecast]] = []
        var models: [ForecastModel] = []
        for w in self.weeks {
            let model = try ForecastModel(panel: panel, asOfWeek: w)
            models.append(model)
            if let cooperatives {
                out.append(ForecastMoves.forecasts(panel: panel, model: model, options: options, cooperatives: cooperatives))
                continue
            }
            let f = GreenForecaster.forecast(panel: panel, model: model, options: options)
            var m: [Int: QuantileForecast] = [:]
            for c in f.cooperatives { m[c.index] = QuantileForecast(p10: c.p10, p50: c.p50, p90: c.p90) }
            out.append(m)
        }
        forecasts = out
        self.models = models
    }
}
