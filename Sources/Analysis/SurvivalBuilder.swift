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

/// Chooses and builds the S-curve panels.
enum SCurveBuilder {
    /// How far a projection runs, weeks.
    static let projectionWeeks = 52

    static func make(
        weeks: [SnapshotHistory.Week], pass: ZonePass, priorities: PrioritySection?,
        requested: [CooperativeCode]?, outlook: ForecastOutlook, count: Int
    ) -> SectionContent<SCurveSection> {
        let last = weeks.count - 1
        var chosen: [Int] = []
        var selection = SCurveSelection.mostDelayed
        if let requested {
            for code in requested {
                guard let slot = pass.slot(of: code), !chosen.contains(slot) else { continue }
                chosen.append(slot)
            }
            guard !chosen.isEmpty else { return .unavailable(.requestedNotFound, detail: requested.map(\.description).joined(separator: ", ")) }
            let panels = chosen.map { slot in panel(slot: slot, weeks: weeks, pass: pass, outlook: outlook) }
            return .available(SCurveSection(
                selection: .requested, panels: panels, averageDelayMultiplier: outlook.averageMultiplier))
        }
        if let priorities {
            for e in priorities.entries {
                guard let slot = pass.slot(of: e.kode), pass.cooperatives[slot].firstBuildingWeek >= 0,
                      !chosen.contains(slot) else { continue }
                chosen.append(slot)
                if chosen.count == count { break }
            }
            if !chosen.isEmpty { selection = .priority }
        }
        if chosen.isEmpty {
            // Under construction now; latest forecast P50 first (beyond the horizon first of
            // all), else longest building; then least progress.
            var candidates: [(slot: Int, p50: Int, building: Int, progress: Double)] = []
            for (slot, c) in pass.cooperatives.enumerated() {
                guard c.lastWeek == last, let r = c.latest, r.tahap == .pembangunan else { continue }
                let p50: Int
                if outlook.forecast == nil {
                    p50 = 0
                } else if let f = outlook.cooperativeForecast(c.kode) {
                    p50 = f.p50 ?? Int.max  // beyond the horizon: the most delayed
                } else {
                    p50 = Int.min  // not forecast: green already
                }
                candidates.append((slot, p50, last - c.firstBuildingWeek, r.progresFisik ?? 0))
            }
            candidates.sort {
                if $0.p50 != $1.p50 { return $0.p50 > $1.p50 }
                if $0.building != $1.building { return $0.building > $1.building }
                if $0.progress != $1.progress { return $0.progress < $1.progress }
                return $0.slot < $1.slot
            }
            chosen = candidates.prefix(count).map(\.slot)
        }
        guard !chosen.isEmpty else { return .unavailable(.noneBuilding, detail: nil) }
        let panels = chosen.map { slot in panel(slot: slot, weeks: weeks, pass: pass, outlook: outlook) }
        return .available(SCurveSection(
            selection: selection, panels: panels, averageDelayMultiplier: outlook.averageMultiplier))
    }

    static func panel(slot: Int, weeks: [SnapshotHistory.Week], pass: ZonePass, outlook: ForecastOutlook) -> SCurvePanel {
        let c = pass.cooperatives[slot]
        var dates: [Day] = []
        var values: [Double] = []
        for t in max(0, c.firstWeek)..<weeks.count {
            guard let r = weeks[t].record(of: c.kode) else { continue }
            let p: Double? = r.tahap >= .selesai ? 100 : r.progresFisik
            if let p {
                dates.append(weeks[t].date)
                values.append(p)
            }
        }
        var out = SCurvePanel(
            kode: c.kode, names: pass.names(of: slot), observedDates: dates, observed: values, projectionDates: [],
            projection: [], projectionLower: [], projectionUpper: [],
            p50Green: nil, weeksBuilding: c.firstBuildingWeek >= 0 ? weeks.count - 1 - c.firstBuildingWeek : 0)
        guard let forecast = outlook.forecast, let i = outlook.panelIndex(c.kode),
              let start = values.last, let startDate = dates.last else { return out }
        if let f = outlook.cooperativeForecast(c.kode), let p50 = f.p50 { out.p50Green = forecast.date(ofWeek: p50) }
        let fit = forecast.model.construction
        guard i < fit.speeds.mean.count, start < 100 else { return out }
        let mean = fit.speeds.mean[i]
        let sd = max(0, fit.speeds.variance[i]).squareRoot()
        let z = 1.281_551_6
        let speeds = [mean, max(0.05, mean - z * sd), mean + z * sd]
        let m = outlook.averageMultiplier ?? 1
        var p = [start, start, start]
        var pd: [Day] = [startDate], mid: [Double] = [start], lo: [Double] = [start], hi: [Double] = [start]
        for w in 1...projectionWeeks {
            for k in 0..<3 where p[k] < 100 { p[k] = min(100, p[k] + speeds[k] * fit.curve(p[k]) * m) }
            pd.append(startDate.adding(days: 7 * w))
            mid.append(p[0])
            lo.append(p[1])
            hi.append(p[2])
            if p[1] >= 100 { break }
        }
        out.projectionDates = pd
        out.projection = mid
        out.projectionLower = lo
        out.projectionUpper = hi
        return out
    }
}
