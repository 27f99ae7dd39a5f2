import Estimation
import KendaliData

/// Kaplan–Meier time to green: weeks from a cooperative's first report to its first green
/// report (an event), or to the as-of date (censored) when not green yet.
///
/// Uses ``KaplanMeier`` (product-limit estimate, Greenwood variance, log-log 95 % band)
/// on the whole unit and on each unit one level down; the 12 largest groups are kept.
enum SurvivalBuilder {
    /// The most groups drawn.
    static let maximumGroups = 12

    static func make(
        weeks: [SnapshotHistory.Week], pass: ZonePass, unitName: String, childLevel: AdminLevel,
        names: (Int64) -> String
    ) -> SectionContent<SurvivalSection> {
        let asOf = weeks[weeks.count - 1].date
        var times: [Double] = []
        var events: [Bool] = []
        var groups: [Int64] = []
        times.reserveCapacity(pass.cooperatives.count)
        for c in pass.cooperatives where c.firstWeek >= 0 {
            let start = weeks[c.firstWeek].date
            let end = c.greenWeek >= 0 ? weeks[c.greenWeek].date : asOf
            times.append(Double(start.days(to: end)) / 7)
            events.append(c.greenWeek >= 0)
            groups.append(ZonePass.childCode(c.kode, level: childLevel))
        }
        let maximum = times.max() ?? 0
        let overall: KaplanMeier
        do {
            overall = try KaplanMeier(times: times, events: events)
        } catch {
            return .unavailable(.survivalFailed, detail: error.description)
        }
        // Largest groups, shown in code order.
        var sizes: [Int64: Int] = [:]
        for g in groups { sizes[g, default: 0] += 1 }
        let kept = Set(sizes.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(maximumGroups).map(\.key))
        var curves: [SurvivalCurve] = []
        if sizes.count > 1 {
            let grouped: [KaplanMeierGroup<Int64>]
            do {
                grouped = try KaplanMeier.grouped(times: times, events: events, groups: groups)
            } catch {
                return .unavailable(.survivalFailed, detail: error.description)
            }
            for g in grouped where kept.contains(g.key) {
                curves.append(curve(g.estimate, label: names(g.key),
                                    unit: AdminUnit(level: childLevel, code: g.key), maximum: maximum))
            }
        }
        return .available(SurvivalSection(
            overall: curve(overall, label: unitName, unit: nil, maximum: maximum),
            groups: curves, omittedGroups: sizes.count > 1 ? sizes.count - curves.count : 0,
            maximumWeeks: maximum))
    }

    /// The step points of an estimate, from (0, 1) to the longest follow-up.
    static func curve(_ km: KaplanMeier, label: String, unit: AdminUnit?, maximum: Double) -> SurvivalCurve {
        var t: [Double] = [0], s: [Double] = [1], lo: [Double] = [1], hi: [Double] = [1]
        for row in km.rows {
            if row.time == 0, t.count == 1 {
                s[0] = row.survival
                lo[0] = row.lower
                hi[0] = row.upper
                continue
            }
            t.append(row.time)
            s.append(row.survival)
            lo.append(row.lower)
            hi.append(row.upper)
        }
        if let lastTime = t.last, maximum > lastTime {
            t.append(maximum)
            s.append(s[s.count - 1])
            lo.append(lo[lo.count - 1])
            hi.append(hi[hi.count - 1])
        }
        return SurvivalCurve(
            label: label, unit: unit, cooperatives: km.observations, events: km.events,
            medianWeeks: km.median, times: t, survival: s, lower: lo, upper: hi)
    }
}
