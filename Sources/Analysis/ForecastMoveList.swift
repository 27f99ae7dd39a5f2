import Forecasting
import KendaliData

/// One cooperative whose P50 moved since last week, with the reason
/// (``Forecasting/ForecastMoves``).
public struct ForecastMoveRow: Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// `nama_koperasi` and `desa` of its last report.
    public var nama: String?
    /// See ``nama``.
    public var desa: String?
    /// Its zone now.
    public var zone: Zone?
    /// The quality of its data now.
    public var dataQuality: DataQuality
    /// P50 as of last week (`nil` beyond the horizon).
    public var p50Before: Day?
    /// P50 now (`nil` beyond the horizon).
    public var p50Now: Day?
    /// The move, weeks (a date beyond the horizon counted as the week after it).
    public var moveWeeks: Int
    /// Whether it reported this week.
    public var reportedThisWeek: Bool
    /// The inputs of this week's report that differ from its report before.
    public var changes: [InputChange]
    /// The change that explains most of the move, if one does.
    public var explainedBy: InputChange?
    /// Weeks of the move that change accounts for.
    public var explainedWeeks: Int?
}

/// The cooperatives of the unit whose P50 moved most since last week.
public struct ForecastMoveSection: Sendable {
    /// Last week's date.
    public var previousDate: Day
    /// At most ``ForecastMoveList/count`` rows, the largest moves (either way) first; only
    /// moves of ``Forecasting/ForecastMoves/minimumMove`` weeks or more.
    public var rows: [ForecastMoveRow]
    /// Cooperatives of the unit forecast now.
    public var forecast: Int
    /// Of those, with stale data.
    public var stale: Int
    /// Of those, with inconsistent data.
    public var inconsistent: Int
}

/// Builds the ``ForecastMoveSection`` of an analysis: the unit's forecast now beside the
/// one made as of last week on the data up to it (the models refitted there), each
/// cooperative exactly as the full forecast of that week gives it.
enum ForecastMoveList {
    /// Rows listed.
    static let count = 10

    /// The section, or `nil` without a forecast or a week before the last.
    static func make(outlook: ForecastOutlook, unit: AdminUnit, weeks: [SnapshotHistory.Week]) -> ForecastMoveSection? {
        guard let forecast = outlook.forecast, let panel = outlook.panel, let options = outlook.forecastOptions,
              forecast.asOfWeek >= 1, let lastWeek = weeks.last
        else { return nil }
        let T = forecast.asOfWeek
        let range = ZonePass.codeRange(of: unit)
        let now = forecast.cooperatives.filter { range.contains($0.code.value) }
        guard let previousModel = try? ForecastModel(panel: panel, asOfWeek: T - 1) else { return nil }
        let before = ForecastMoves.forecasts(
            panel: panel, model: previousModel, options: options, cooperatives: now.map(\.index))
        var moved: [(c: CooperativeForecast, before: QuantileForecast, move: Int)] = []
        for c in now {
            guard let b = before[c.index] else { continue }
            let m = ForecastMoves.move(from: b.p50, asOf: T - 1, to: c.p50, asOf: T, horizon: options.horizon)
            if abs(m) >= ForecastMoves.minimumMove { moved.append((c, b, m)) }
        }
        moved.sort { abs($0.move) != abs($1.move) ? abs($0.move) > abs($1.move) : $0.c.code < $1.c.code }
        var toExplain: [(row: Int, move: MoveToExplain)] = []
        var rows = moved.prefix(count).enumerated().map { k, item -> ForecastMoveRow in
            let i = item.c.index
            let report = lastWeek.record(of: item.c.code)
            let earlier = weeks.dropLast().reversed().lazy.compactMap { $0.record(of: item.c.code) }.first
            var row = ForecastMoveRow(
                kode: item.c.code, nama: (report ?? earlier)?.nama, desa: (report ?? earlier)?.desa,
                zone: item.c.zone, dataQuality: item.c.dataQuality,
                p50Before: item.before.p50.map { forecast.date(ofWeek: $0) },
                p50Now: item.c.p50.map { forecast.date(ofWeek: $0) }, moveWeeks: item.move,
                reportedThisWeek: report != nil, changes: [])
            if let report, let earlier, let previous = panel.report(of: i, before: T) {
                row.changes = report.changes(since: earlier)
                toExplain.append((k, MoveToExplain(
                    cooperative: i, previous: previous, changes: row.changes, move: item.move, p50: item.c.p50)))
            }
            return row
        }
        // The rows' moves are explained together, sharing the current model's tables.
        if !toExplain.isEmpty {
            let evaluator = ScenarioEvaluator(panel: panel, model: forecast.model, options: options)
            let explained = ForecastMoves.explain(evaluator: evaluator, week: T, moves: toExplain.map(\.move))
            for (n, x) in explained.enumerated() {
                guard let x else { continue }
                rows[toExplain[n].row].explainedBy = x.change
                rows[toExplain[n].row].explainedWeeks = x.weeks
            }
        }
        return ForecastMoveSection(
            previousDate: panel.date(ofWeek: T - 1), rows: Array(rows), forecast: now.count,
            stale: now.filter { $0.dataQuality == .stale }.count,
            inconsistent: now.filter { $0.dataQuality == .inconsistent }.count)
    }
}
