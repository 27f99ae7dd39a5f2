import KendaliData
import LinearAlgebra
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
/// What one delay factor costs, from ``DelayFactorModel``.
public struct FactorEffect: Sendable, Codable, Hashable {
    /// The factor.
    public var factor: DelayFactor
    /// False when the flag was never (or almost never: fewer than 5 times) raised during
    /// construction, so δ was not estimated (taken as 0).
    public var estimated: Bool
    /// δ, the share of a week's work lost in a flagged week (0–1; may exceed 1 or fall
    /// below 0 only within its sampling error).
    public var shareLost: Double
    /// Cluster-robust standard error of δ.
    public var shareLostStandardError: Double
    /// Progress lost per flagged week, points: δ × the mean increment the flagged weeks
    /// would have had without this factor.
    public var pointsLostPerFlaggedWeek: Double
    /// Its standard error (δ's, scaled).
    public var pointsLostStandardError: Double
    /// Construction weeks in which the flag was raised (the model's rows).
    public var flaggedWeeks: Int
    /// The same, per regency (panel regency order).
    public var flaggedWeeksByRegency: [Int]

    /// Weeks of construction lost to the factor: flagged weeks × δ (full-week
    /// equivalents).
    public var weeksOfDelay: Double { Double(flaggedWeeks) * shareLost }
    /// Standard error of ``weeksOfDelay``.
    public var weeksOfDelayStandardError: Double { Double(flaggedWeeks) * shareLostStandardError }

    /// A 95 % normal interval `x ± 1.96·se`.
    public static func interval(_ x: Double, _ se: Double) -> (lower: Double, upper: Double) {
        (x - 1.959_964 * se, x + 1.959_964 * se)
    }
}

/// The fitted ``DelayFactorModel``.
public struct DelayFactorFit: Sendable {
    /// The fallback when the data hold (almost) no construction week: h is the programme's
    /// plan (100 points in 18 weeks), no factor effect, every speed 1 with an *assumed*
    /// spread (sd 0.3) — the forecast says so.
    public static func plan(cooperatives n: Int, regencies: Int, rows: Int) -> DelayFactorFit {
        let nodes = ProgressRateCurve.defaultNodes
        let p = nodes.count + 4
        var speeds = SpeedEstimates.unpooled(cooperativeCount: n)
        speeds.variance = Array(repeating: 0.09, count: n)
        speeds.withinRegencyVariance = 0.09
        speeds.regencyMean = Array(repeating: 1, count: regencies)
        speeds.regencyMeanVariance = Array(repeating: 0, count: regencies)
        return DelayFactorFit(
            curve: ProgressRateCurve(nodes: nodes, values: Array(repeating: DelayFactorModel.plannedRate, count: nodes.count)),
            theta: [1, 1, 1, 1], estimated: [false, false, false, false],
            covariance: Matrix(rows: p, columns: p), rows: rows, converged: false, iterations: 0,
            multiplicativeNoise: 0.2, reportingNoise: 0, weekShock: 0, speeds: speeds,
            factorSummary: DelayFactor.allCases.map {
                FactorEffect(factor: $0, estimated: false, shareLost: 0, shareLostStandardError: 0,
                             pointsLostPerFlaggedWeek: 0, pointsLostStandardError: 0, flaggedWeeks: 0,
                             flaggedWeeksByRegency: Array(repeating: 0, count: regencies))
            })
    }

    /// The estimated progress-rate curve h (speed 1, no delay), points per week.
    public var curve: ProgressRateCurve
    /// θ_k = 1 − δ_k, the share of a week's work done in a week flagged with factor k, in
    /// ``DelayFactor`` order.
    public var theta: [Double]
    /// Whether each θ_k was estimated (the flag varied).
    public var estimated: [Bool]
    /// Cluster-robust covariance of (h node values, θ), in that order.
    public var covariance: Matrix
    /// Rows used.
    public var rows: Int
    /// Whether Levenberg–Marquardt converged.
    public var converged: Bool
    /// Iterations of the last round.
    public var iterations: Int
    /// σ_m, the multiplicative work noise (coefficient of variation of ε).
    public var multiplicativeNoise: Double
    /// σ_r, the additive reporting noise of an increment, points.
    public var reportingNoise: Double
    /// Standard deviation of the common weekly shock on log work (holidays, regional
    /// spells of bad weather beyond the flags): every cooperative's work in a week is
    /// multiplied by the same exp(shock).
    public var weekShock: Double
    /// The cooperatives' speeds.
    public var speeds: SpeedEstimates
    /// Per factor: share lost, points lost per flagged week, weeks of delay.
    public var factorSummary: [FactorEffect]
    /// The public holidays' effects on the common weekly shock and the shock without them
    /// (none in the plan's fallback).
    public var holidays: HolidayEffects = .none(shock: 0)
}

/// Errors of the forecast's models.
public enum ForecastError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Too few construction weeks in the data to learn the S-curve.
    case tooFewConstructionWeeks(Int)
    /// The panel holds no report (or none on or before the as-of date).
    case emptyPanel
    /// A forecast CSV to compare could not be read.
    case unreadableForecast(path: String, reason: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case let .tooFewConstructionWeeks(n):
            "only \(n) weekly construction increments in the data (at least 20 are needed to learn the S-curve)"
        case .emptyPanel: "no report in the data on or before the as-of date"
        case let .unreadableForecast(path, reason): "\(path): \(reason)"
        }
    }
}
