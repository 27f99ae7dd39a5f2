import KendaliData

/// What one input change did to a forecast: the change, the P50 with that change alone
/// reverted, and the weeks of the move it accounts for.
public struct MoveExplanation: Sendable {
    /// The change (a column of the cooperative's report and its two values).
    public var change: InputChange
    /// P50 (grid week; `nil` beyond the horizon) re-forecast with this change alone
    /// reverted, with the same fitted models and random streams.
    public var revertedP50: Int?
    /// Weeks of the move this change accounts for: P50 − P50 with it reverted (a date
    /// beyond the horizon counted as the week after it).
    public var weeks: Int
}

/// A P50 move to explain (``ForecastMoves/explain(evaluator:week:moves:)``).
public struct MoveToExplain: Sendable {
    /// Panel index of the cooperative.
    public var cooperative: Int
    /// The grid week of its report before the week of the move.
    public var previous: Int
    /// The inputs of its report that changed since that report.
    public var changes: [InputChange]
    /// The move, weeks (``ForecastMoves/move(from:asOf:to:asOf:horizon:)``).
    public var move: Int
    /// Its P50 (grid week) after the move; `nil` beyond the horizon.
    public var p50: Int?

    /// A move of `move` weeks to `p50` of `cooperative`, whose report changed `changes`
    /// since its report at week `previous`.
    public init(cooperative: Int, previous: Int, changes: [InputChange], move: Int, p50: Int?) {
        self.cooperative = cooperative
        self.previous = previous
        self.changes = changes
        self.move = move
        self.p50 = p50
    }
}

/// A cooperative's forecast as of one week and how it moved from the week before.
public struct ForecastStep: Sendable {
    /// The as-of grid week.
    public var week: Int
    /// The forecast then; `nil` when the cooperative was not forecast (green already, or no
    /// report yet).
    public var forecast: QuantileForecast?
    /// P50 minus the previous step's P50, weeks (``ForecastMoves/move(from:asOf:to:asOf:horizon:)``);
    /// `nil` for the first step or when either was not forecast.
    public var p50Move: Int?
    /// When the P50 moved by ``ForecastMoves/minimumMove`` weeks or more: the inputs of this
    /// week's report that differ from the cooperative's report before it (empty when it
    /// did not report this week); empty otherwise.
    public var changes: [InputChange]
    /// Whether the cooperative reported in this week.
    public var reported: Bool
    /// The change that explains most of the move, if one does
    /// (``ForecastMoves/explain(panel:model:options:cooperative:week:previous:changes:move:p50:)``).
    public var explanation: MoveExplanation?
}

/// Why a cooperative's forecast moved from one week to the next: the inputs its report
/// changed and, by re-forecasting with each change alone reverted, the one that explains
/// most of the move.
///
/// **Attribution rule.** With m = P50(w) − P50(w − 1) the move, each change c of the week's
/// report that the forecast reads (stage, land, progress, the `kendala_*` flags, the
/// institutional and legal items, members, units) is reverted alone to its value in the
/// report before, and the cooperative re-forecast at week w with the same fitted models
/// and random streams: e_c = P50(w) − P50(w, c reverted) is the part of the move c
/// accounts for. The change with the largest e_c · sign(m) explains most of the move when
/// e_c · sign(m) ≥ |m| / 2. Otherwise no single change does: several changes together, or
/// the models refitted on the week's data (other cooperatives' reports), moved it.
public enum ForecastMoves {
    /// A P50 move of at least this many weeks is explained.
    public static let minimumMove = 2

    /// P50 as a week index, a date beyond the horizon counted as as-of + horizon + 1.
    static func p50Week(_ p50: Int?, asOf: Int, horizon: Int) -> Int { p50 ?? asOf + horizon + 1 }

    /// The move from `before` (as of week `w0`) to `after` (as of `w1`), weeks: the
    /// difference of the P50 weeks, a date beyond the horizon counted as the week after it
    /// (so a jump to "beyond" is a lower bound); 0 when both are beyond.
    public static func move(from before: Int?, asOf w0: Int, to after: Int?, asOf w1: Int, horizon: Int) -> Int {
        if before == nil && after == nil { return 0 }
        return p50Week(after, asOf: w1, horizon: horizon) - p50Week(before, asOf: w0, horizon: horizon)
    }

    /// True when cooperative `i` is forecast as of week `t`: reported by then, not green.
    static func isForecast(panel: Panel, cooperative i: Int, asOf t: Int) -> Bool {
        let fw = Int(panel.firstWeek[i]), gw = Int(panel.greenWeek[i])
        return fw >= 0 && fw <= t && !(gw >= 0 && gw <= t)
    }

    /// The forecasts of `cooperatives` (panel indices) with `model`, each exactly as the
    /// full forecast gives it (the same streams); those not forecast at the model's week
    /// are left out.
    public static func forecasts(panel: Panel, model: ForecastModel, options: ForecastOptions,
                                 cooperatives: [Int]) -> [Int: QuantileForecast] {
        let chosen = cooperatives.filter { isForecast(panel: panel, cooperative: $0, asOf: model.asOfWeek) }
        let out = ScenarioEvaluator(panel: panel, model: model, options: options)
            .forecasts(chosen.map { ($0, Scenario()) })
        var m: [Int: QuantileForecast] = [:]
        for c in out { m[c.index] = QuantileForecast(p10: c.p10, p50: c.p50, p90: c.p90) }
        return m
    }

    /// `panel` with one column of cooperative `i`'s report at week `w` set back to its value
    /// at week `previous`; `nil` when the forecast does not read that column.
    public static func reverting(_ column: String, panel: Panel, cooperative i: Int, week w: Int,
                                 previous: Int) -> Panel? {
        var p = panel
        guard revert(column, in: &p, cooperative: i, week: w, previous: previous) else { return nil }
        return p
    }

    /// Sets one column of cooperative `i`'s report at week `w` in `panel` back to its value
    /// at week `previous`; false (and `panel` unchanged) when the forecast does not read
    /// that column.
    static func revert(_ column: String, in p: inout Panel, cooperative i: Int, week w: Int, previous: Int) -> Bool {
        let c = p.cell(i, w), b = p.cell(i, previous)
        func bit(_ mask: UInt16) { p.flags[c] = (p.flags[c] & ~mask) | (p.flags[b] & mask) }
        switch column {
        case "tahap": p.tahap[c] = p.tahap[b]
        case "status_lahan": p.lahan[c] = p.lahan[b]
        case "progres_fisik": p.progress[c] = p.progress[b]
        case "jumlah_anggota": p.members[c] = p.members[b]
        case "unit_usaha_aktif": p.units[c] = p.units[b]
        case "kendala_lahan": bit(Panel.Bit.land)
        case "kendala_cuaca": bit(Panel.Bit.weather)
        case "kendala_tenaga_kerja": bit(Panel.Bit.labour)
        case "kendala_teknis": bit(Panel.Bit.technical)
        case "badan_hukum": bit(Panel.Bit.badanHukum)
        case "pengurus_lengkap": bit(Panel.Bit.pengurusLengkap)
        case "rapat_anggota": bit(Panel.Bit.rapatAnggota)
        case "nib": bit(Panel.Bit.nib)
        case "npwp": bit(Panel.Bit.npwp)
        case "rekening_bank": bit(Panel.Bit.rekeningBank)
        case "laporan_tepat_waktu": bit(Panel.Bit.laporanTepatWaktu)
        default: return false
        }
        return true
    }

    /// The change of cooperative `i`'s report at week `week` (against its report at
    /// `previous`) that explains most of a P50 move of `move` weeks to `p50`, by the type's
    /// attribution rule; `nil` when none does. `model` is fitted as of `week`.
    ///
    /// - Complexity: prepares the forecast's tables once, then one single-cooperative
    ///   forecast per change the forecast reads.
    public static func explain(panel: Panel, model: ForecastModel, options: ForecastOptions, cooperative i: Int,
                               week: Int, previous: Int, changes: [InputChange], move: Int,
                               p50: Int?) -> MoveExplanation? {
        guard move != 0, !changes.isEmpty else { return nil }
        return explain(
            evaluator: ScenarioEvaluator(panel: panel, model: model, options: options), cooperative: i, week: week,
            previous: previous, changes: changes, move: move, p50: p50)
    }

    /// ``explain(panel:model:options:cooperative:week:previous:changes:move:p50:)`` with the
    /// tables of `evaluator` (made on the panel and the model fitted as of `week`); the same
    /// result.
    ///
    /// - Complexity: one single-cooperative forecast per change the forecast reads.
    public static func explain(evaluator: ScenarioEvaluator, cooperative i: Int, week: Int, previous: Int,
                               changes: [InputChange], move: Int, p50: Int?) -> MoveExplanation? {
        let one = MoveToExplain(
            cooperative: i, previous: previous, changes: changes, move: move, p50: p50)
        return explain(evaluator: evaluator, week: week, moves: [one])[0]
    }

    /// ``explain(panel:model:options:cooperative:week:previous:changes:move:p50:)`` for each
    /// of `moves` (as of `week`, the week `evaluator`'s model is fitted as of), in order;
    /// each result the same as alone.
    ///
    /// Each re-forecast reads only its cooperative's reports (``ScenarioEvaluator``), so the
    /// changes of different cooperatives are reverted together, in rounds, on one panel:
    /// round k reverts the k-th change the forecast reads of each cooperative that has one.
    /// The shared tables are prepared once a round, and the cooperatives of a round run side
    /// by side, each result in its own slot.
    ///
    /// - Complexity: one single-cooperative forecast per change the forecast reads, and
    ///   the tables once per round (the most changes of any one cooperative).
    public static func explain(evaluator: ScenarioEvaluator, week: Int, moves: [MoveToExplain]) -> [MoveExplanation?] {
        // The re-forecasts: (move, change) in order, each placed in the first round that
        // does not already revert its cooperative.
        var rounds: [[(move: Int, change: Int)]] = []
        var roundsOf: [Int: Int] = [:]
        for (m, x) in moves.enumerated() where x.move != 0 {
            for (k, change) in x.changes.enumerated() {
                guard columnsRead.contains(change.column) else { continue }
                let r = roundsOf[x.cooperative, default: 0]
                roundsOf[x.cooperative] = r + 1
                if r == rounds.count { rounds.append([]) }
                rounds[r].append((m, k))
            }
        }
        var reverted: [[Int: CooperativeForecast]] = moves.map { _ in [:] }
        for round in rounds {
            var panel = evaluator.panel
            for (m, k) in round {
                _ = revert(
                    moves[m].changes[k].column, in: &panel, cooperative: moves[m].cooperative, week: week,
                    previous: moves[m].previous)
            }
            let forecasts = evaluator.forecasts(reverted: panel, cooperatives: round.map { moves[$0.move].cooperative })
            for (n, (m, k)) in round.enumerated() { reverted[m][k] = forecasts[n] }
        }
        let horizon = evaluator.options.horizon
        return moves.enumerated().map { m, x -> MoveExplanation? in
            guard x.move != 0 else { return nil }
            let sign = x.move > 0 ? 1 : -1
            let now = p50Week(x.p50, asOf: week, horizon: horizon)
            var best: MoveExplanation?
            for (k, change) in x.changes.enumerated() {
                guard let r = reverted[m][k] else { continue }
                let e = now - p50Week(r.p50, asOf: week, horizon: horizon)
                if best.map({ e * sign > $0.weeks * sign }) ?? true {
                    best = MoveExplanation(change: change, revertedP50: r.p50, weeks: e)
                }
            }
            guard let best, best.weeks * sign * 2 >= abs(x.move) else { return nil }
            return best
        }
    }

    /// The columns of a report the forecast reads: those
    /// ``reverting(_:panel:cooperative:week:previous:)`` can set back.
    static let columnsRead: Set<String> = [
        "tahap", "status_lahan", "progres_fisik", "jumlah_anggota", "unit_usaha_aktif", "kendala_lahan",
        "kendala_cuaca", "kendala_tenaga_kerja", "kendala_teknis", "badan_hukum", "pengurus_lengkap",
        "rapat_anggota", "nib", "npwp", "rekening_bank", "laporan_tepat_waktu",
    ]

    /// Cooperative `i`'s forecast as of each week of `weeks` (ascending), each on the data
    /// up to it (``ForecastHistory``), with the moves, the changed inputs and their
    /// explanation. `reports` are the cooperative's reports by grid week.
    ///
    /// - Complexity: one model fit per week, then single-cooperative forecasts.
    public static func history(panel: Panel, cooperative i: Int, weeks: [Int], options: ForecastOptions,
                               reports: [Int: SnapshotRecord]) throws(ForecastError) -> [ForecastStep] {
        let h = try ForecastHistory(panel: panel, weeks: weeks, options: options, cooperatives: [i])
        var steps: [ForecastStep] = []
        for (k, w) in h.weeks.enumerated() {
            let q = h.forecasts[k][i]
            var step = ForecastStep(
                week: w, forecast: q, p50Move: nil, changes: [], reported: reports[w] != nil, explanation: nil)
            if k > 0, let q, let before = h.forecasts[k - 1][i] {
                let m = move(from: before.p50, asOf: h.weeks[k - 1], to: q.p50, asOf: w, horizon: options.horizon)
                step.p50Move = m
                if abs(m) >= minimumMove, let report = reports[w],
                   let previous = reports.keys.filter({ $0 < w }).max(), let earlier = reports[previous] {
                    step.changes = report.changes(since: earlier)
                    step.explanation = explain(
                        panel: panel, model: h.models[k], options: options, cooperative: i, week: w,
                        previous: previous, changes: step.changes, move: m, p50: q.p50)
                }
            }
            steps.append(step)
        }
        return steps
    }
}
