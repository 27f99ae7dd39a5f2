import KendaliData

/// Chooses and builds the S-curve panels: the cooperatives asked for, else the top of the
/// priority ranking that has started building, else the most delayed builders.
///
/// Each panel's projection runs from the last observed progress at the cooperative's
/// fitted speed (mean, and mean ∓ z₀.₉ · sd with z₀.₉ = 1.2815516, the standard normal's
/// 90 % quantile, for the P10 and P90 speeds; the P10 speed at least 0.05 points a week)
/// times the average delay multiplier, along the construction model's progress curve.
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
