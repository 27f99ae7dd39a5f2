import Estimation
import KendaliData

/// The monthly turnover (`omzet_bulanan`) of a set of operating cooperatives in one week:
/// how many figures, the median and the quartiles, in rupiah (type-7 sample quantiles,
/// ``RobustStatistics/quantile(_:_:)``).
public struct TurnoverSummary: Sendable, Hashable {
    /// Turnover figures summarised (operating cooperatives with a turnover that is not a
    /// slip).
    public var count: Int
    /// Median, rupiah; `nil` without figures.
    public var median: Double?
    /// First quartile (P25), rupiah.
    public var p25: Double?
    /// Third quartile (P75), rupiah.
    public var p75: Double?

    /// The summary of `values` (rupiah).
    public init(_ values: [Double]) {
        let q = RobustStatistics.quantiles(values, [0.5, 0.25, 0.75])
        count = values.count
        median = q[0]
        p25 = q[1]
        p75 = q[2]
    }
}

/// The trend of a unit's median turnover over its last reports: the Theil–Sen slope of the
/// weekly medians against time.
public struct TurnoverTrend: Sendable, Hashable {
    /// Report dates the trend spans (weeks with a median).
    public var points: Int
    /// The slope, rupiah per week.
    public var slopePerWeek: Double
    /// The slope as a share of the median of those weekly medians, per week (0.01 = the
    /// median turnover grows by 1 % of its level a week).
    public var relativePerWeek: Double
}

/// One unit's line of the health summary: its operating cooperatives this week.
public struct HealthRow: Sendable {
    /// The unit.
    public var unit: AdminUnit
    /// Its name (from the reports).
    public var name: String
    /// Cooperatives operating this week (`tahap` = beroperasi, as `kendali status` counts
    /// them).
    public var operating: Int
    /// Their business units (`unit_usaha_aktif`), summed.
    public var unitsActive: Int
    /// Their turnover this week.
    public var turnover: TurnoverSummary
    /// Active members of the operating cooperatives that give `anggota_aktif`, summed.
    public var activeMembers: Int
    /// All members (`jumlah_anggota`) of those cooperatives, summed.
    public var members: Int
    /// Operating cooperatives that are falling.
    public var falling: Int
    /// The turnover of every report date (``HealthSection/dates``).
    public var series: [TurnoverSummary]
    /// The trend of the median over the last ``HealthSection/trendReports`` report dates;
    /// `nil` with fewer than 3 weekly medians.
    public var trend: TurnoverTrend?

    /// Active members over all members: Σ anggota_aktif / Σ jumlah_anggota of the operating
    /// cooperatives that give both; `nil` when none does.
    public var activeMemberShare: Double? {
        members > 0 ? Double(activeMembers) / Double(members) : nil
    }
}

/// An operating cooperative that is falling, with its figures.
public struct FallingCooperative: Sendable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its names as last reported.
    public var names: CooperativeNames
    /// Why it is falling and the figures compared.
    public var assessment: HealthAssessment
}

/// A turnover figure that is a data slip (off by the slip factor from the cooperative's own
/// median), left out of every figure.
public struct TurnoverSlip: Sendable, Hashable {
    /// The cooperative.
    public var kode: CooperativeCode
    /// Its name as last reported.
    public var name: String
    /// The report date.
    public var date: Day
    /// The turnover reported, rupiah.
    public var value: Int64
    /// The cooperative's reference turnover (median over its window), rupiah.
    public var reference: Double
}

/// Operations and business health of the cooperatives that already run: per unit and for
/// the whole scope, the falling cooperatives and the turnover slips.
public struct HealthSection: Sendable {
    /// The week summarised.
    public var asOf: Day
    /// The level of the rows.
    public var level: AdminLevel
    /// One row per unit with a report this week, by code.
    public var rows: [HealthRow]
    /// The whole scope.
    public var total: HealthRow
    /// The falling cooperatives, by code.
    public var falling: [FallingCooperative]
    /// This week's turnover slips, by code.
    public var slips: [TurnoverSlip]
    /// Turnover slips over every week.
    public var slipsAllWeeks: Int
    /// Every report date, oldest first (the x of ``HealthRow/series``).
    public var dates: [Day]
    /// Report dates the trend looks back over.
    public var trendReports: Int
    /// The thresholds used.
    public var rules: HealthRules
    /// The label of the rule set the thresholds come from, or of the rule set in force when
    /// it has none (the thresholds are then ``HealthRules/standard``).
    public var ruleSet: String
}

/// Computes the ``HealthSection`` of a scope from its weekly reports.
public enum HealthSummary {
    /// The health of the cooperatives of `scope` in the last of `weeks`, one row per unit of
    /// `rowLevel`.
    ///
    /// Turnover figures are those of operating cooperatives (`tahap` = beroperasi) that are
    /// not slips (``HealthCheck``); falling is ``HealthCheck/assess(history:at:)`` on each
    /// operating cooperative's latest report; the trend is the Theil–Sen slope of the weekly
    /// median turnover over the last `trendReports` report dates, x in weeks.
    ///
    /// - Parameters:
    ///   - weeks: the history up to the week summarised, oldest first (not empty).
    ///   - scope: the cooperatives covered (`.national` for all).
    ///   - rowLevel: the level of the rows (below `scope`).
    ///   - rules: the thresholds.
    ///   - ruleSet: the rule set's label, recorded.
    ///   - totalName: the name of the whole scope's line.
    /// - Precondition: `weeks` is not empty.
    /// - Complexity: O(R · W log W) for R reports of the scope, plus O(D · n log n) for the
    ///   weekly quantiles.
    public static func compute(
        weeks: [SnapshotHistory.Week], scope: AdminUnit, rowLevel: AdminLevel, rules: HealthRules = .standard,
        ruleSet: String, totalName: String, trendReports: Int = 12
    ) -> HealthSection {
        precondition(!weeks.isEmpty, "a health summary needs at least one week")
        let last = weeks.count - 1
        let pass = HealthPass(weeks: weeks, scope: scope, rowLevel: rowLevel, rules: rules)

        let dates = weeks.map(\.date)
        func row(_ unit: AdminUnit, name: String, tally: Tally, values: [[Double]]) -> HealthRow {
            let series = values.map(TurnoverSummary.init)
            return HealthRow(
                unit: unit, name: name, operating: tally.operating, unitsActive: tally.unitsActive,
                turnover: series[last], activeMembers: tally.activeMembers, members: tally.members,
                falling: tally.falling, series: series,
                trend: trend(series, dates: dates, reports: trendReports))
        }
        let names = pass.unitNames(weeks: weeks)
        var rows: [HealthRow] = []
        var sum = Tally()
        for u in pass.units.indices where pass.reportsLatest[u] {
            rows.append(row(pass.units[u], name: names.label(of: pass.units[u]), tally: pass.tallies[u],
                            values: pass.values[u]))
            sum = sum + pass.tallies[u]
        }
        return HealthSection(
            asOf: weeks[last].date, level: rowLevel, rows: rows,
            total: row(scope, name: totalName, tally: sum, values: pass.totalValues),
            falling: pass.falling, slips: pass.slips, slipsAllWeeks: pass.slipsAllWeeks, dates: dates,
            trendReports: trendReports, rules: rules, ruleSet: ruleSet)
    }

    /// The Theil–Sen trend of the weekly medians over the last `reports` dates.
    static func trend(_ series: [TurnoverSummary], dates: [Day], reports: Int) -> TurnoverTrend? {
        let start = max(0, series.count - reports)
        var x: [Double] = []
        var y: [Double] = []
        for t in start..<series.count {
            guard let m = series[t].median else { continue }
            x.append(Double(dates[t].daysSinceEpoch - dates[start].daysSinceEpoch) / 7)
            y.append(m)
        }
        guard y.count >= 3, let slope = RobustStatistics.theilSenSlope(x: x, y: y),
              let level = RobustStatistics.median(y), level > 0
        else { return nil }
        return TurnoverTrend(points: y.count, slopePerWeek: slope, relativePerWeek: slope / level)
    }

    /// A cooperative's names as last reported (a later empty value keeps the earlier name).
    static func names(of history: [SnapshotRecord]) -> CooperativeNames {
        var n = CooperativeNames(nama: nil, desa: nil, kecamatan: nil, kabupaten: nil, firstSeen: history[0].tanggal)
        for r in history {
            if let v = r.nama, !v.isEmpty { n.nama = v }
            if let v = r.desa, !v.isEmpty { n.desa = v }
            if let v = r.kecamatan, !v.isEmpty { n.kecamatan = v }
            if let v = r.kabupaten, !v.isEmpty { n.kabupaten = v }
        }
        return n
    }

    /// The counts of one unit's operating cooperatives this week.
    struct Tally {
        var operating = 0
        var unitsActive = 0
        var activeMembers = 0
        var members = 0
        var falling = 0

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(
                operating: a.operating + b.operating, unitsActive: a.unitsActive + b.unitsActive,
                activeMembers: a.activeMembers + b.activeMembers, members: a.members + b.members,
                falling: a.falling + b.falling)
        }
    }
}
