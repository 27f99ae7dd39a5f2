import Dispatch
import KendaliData

extension GreenForecaster {
    static func summariseCooperatives(panel: Panel, model: ForecastModel, options: ForecastOptions, run: Run)
        -> [CooperativeForecast]
    {
        let T = model.asOfWeek
        let P = options.paths
        let H = options.horizon
        let targetWeek = Self.targetWeek(panel: panel, asOfWeek: T, options: options)
        // Cooperatives are summarised in parallel chunks, kept in run order.
        // The paths' week offsets are 1…H+1, so their order statistics come from a count of
        // each offset (O(P + H), no sort).
        @Sendable func summary(_ j: Int, _ histogram: inout [Int32]) -> CooperativeForecast {
            let i = run.indices[j]
            for o in histogram.indices { histogram[o] = 0 }
            for p in 0..<P { histogram[min(Int(run.offsets[j * P + p]), H + 1)] += 1 }
            /// The k-th smallest offset (from 0).
            func orderStatistic(_ k: Int) -> Int {
                var seen = 0
                for o in histogram.indices {
                    seen += Int(histogram[o])
                    if seen > k { return o }
                }
                return H + 1
            }
            func quantile(_ q: Double, _ given: Int) -> Int? {
                let set = Int(run.quantiles[3 * j + given])
                let o = set > 0 ? set : orderStatistic(GreenForecaster.quantileRank(q, P))
                return o > H ? nil : T + o
            }
            var byTarget = 0
            let lastByTarget = min(H, targetWeek - T)
            if lastByTarget >= 0 { for o in 0...lastByTarget { byTarget += Int(histogram[o]) } }
            let d = Array(run.delays[(j * causes)..<((j + 1) * causes)])
            var main = 0
            for c in 1..<causes where d[c] > d[main] { main = c }
            let lw = panel.lastReport(of: i, upTo: T) ?? T
            let c = panel.cell(i, lw)
            let stage = panel.stage(atCell: c)
            var notes: [String] = []
            if stage == .notStarted {
                let state = PreConstructionState(tahap: panel.tahap[c], lahan: panel.lahan[c])
                let s = state.index
                if s >= 0, s < StageModels.preStates, !model.stages.preStateLeft[s] {
                    notes.append("no cooperative was seen leaving its state (\(state.land.rawValue)); assumed it stays")
                }
            }
            if lw < T { notes.append("last report \(T - lw) week(s) before the as-of date") }
            return CooperativeForecast(
                index: i, code: panel.codes[i], regency: panel.codes[i].regency,
                zone: panel.zone(of: i, at: T), stage: stage,
                progress: stage == .complete ? 100 : (panel.progress[c].isNaN ? 0 : Double(panel.progress[c])),
                p10: quantile(0.1, 0), p50: quantile(0.5, 1), p90: quantile(0.9, 2),
                probabilityGreenByTarget: Double(byTarget) / Double(P),
                expectedDelay: d, mainCause: DelayCause(rawValue: main) ?? .land, assumptions: notes,
                dataQuality: panel.dataQuality(of: i, at: T))
                }
        let count = run.indices.count
        let chunk = 256
        let slots = ParallelSlots<[CooperativeForecast]>(count: (count + chunk - 1) / chunk)
        DispatchQueue.concurrentPerform(iterations: (count + chunk - 1) / chunk) { k in
            var histogram = [Int32](repeating: 0, count: H + 2)
            var part: [CooperativeForecast] = []
            for j in (k * chunk)..<min(count, (k + 1) * chunk) { part.append(summary(j, &histogram)) }
            slots.store(part, at: k)
        }
        let coops = slots.values.flatMap { $0 }
        return coops
    }

    /// The burn-up of a set of cooperatives: `slots` are their places in `run`, `total` the
    /// set's size and `greenNow` those green by the as-of week.
    static func curve(name: String, slots: [Int], total: Int, greenNow: Int, run: Run, paths P: Int,
                      horizon H: Int) -> GreenCurve {
        // Greens per week and path, week-major: each week's paths are then read in a row.
        var counts = [Int32](repeating: 0, count: P * (H + 2))
        for j in slots {
            for p in 0..<P {
                let o = Int(run.offsets[j * P + p])
                counts[min(o, H + 1) * P + p] += 1
            }
        }
        var expected = [Double](repeating: 0, count: H + 1)
        var lower = expected, upper = expected
        var column = [Int](repeating: 0, count: P)
        var cum = [Int](repeating: greenNow, count: P)
        var reach50 = [Int](repeating: H + 1, count: P)
        var reach90 = reach50, reach100 = reach50
        var histogram: [Int32] = []
        let n = total
        let need50 = (n + 1) / 2, need90 = Int((0.9 * Double(n)).rounded(.up)), need100 = n
        let k10 = max(0, Int((0.1 * Double(P)).rounded(.up)) - 1)
        let k90 = max(0, Int((0.9 * Double(P)).rounded(.up)) - 1)
        for o in 0...H {
            var sum = 0, least = Int.max, most = Int.min
            for p in 0..<P {
                cum[p] += Int(counts[o * P + p])
                let c = cum[p]
                column[p] = c
                sum += c
                least = min(least, c)
                most = max(most, c)
                if c >= need50, reach50[p] > H { reach50[p] = o }
                if c >= need90, reach90[p] > H { reach90[p] = o }
                if c >= need100, reach100[p] > H { reach100[p] = o }
            }
            expected[o] = Double(sum) / Double(P)
            let (a, b) = orderStatistics(&column, k10, k90, least: least, most: most, histogram: &histogram)
            lower[o] = Double(a)
            upper[o] = Double(b)
        }
        func median(_ v: [Int]) -> Int? {
            let s = v.sorted()
            let m = s[max(0, Int((0.5 * Double(P)).rounded(.up)) - 1)]
            return m > H ? nil : m
        }
        return GreenCurve(
            name: name, total: n, greenAtAsOf: greenNow,
            expected: expected, lower: lower, upper: upper,
            weeksTo50: median(reach50), weeksTo90: median(reach90), weeksTo100: median(reach100))
    }

    /// The `k1`-th and `k2`-th smallest values of `values` (from 0, `k1` ≤ `k2`), which lie
    /// between `least` and `most`: counted in a histogram of that range (one pass over the
    /// values, one over the range) when it is no wider than four times the values, by
    /// selection (``orderStatistic(_:_:)``) otherwise. `values` may be reordered;
    /// `histogram` is scratch memory, left zeroed.
    static func orderStatistics(_ values: inout [Int], _ k1: Int, _ k2: Int, least: Int, most: Int,
                                histogram: inout [Int32]) -> (Int, Int) {
        guard !values.isEmpty else { return (0, 0) }
        let width = most - least + 1
        guard width <= 4 * values.count else {
            return (orderStatistic(&values, k1), orderStatistic(&values, k2))
        }
        if histogram.count < width { histogram = [Int32](repeating: 0, count: width) }
        for v in values { histogram[v - least] += 1 }
        var seen = 0, first = least, second = least, found = 0
        for b in 0..<width {
            seen += Int(histogram[b])
            histogram[b] = 0
            if found == 0, seen > k1 { first = least + b; found = 1 }
            if found == 1, seen > k2 { second = least + b; found = 2 }
        }
        return (first, second)
    }

    /// The `k`-th smallest value of `values` (from 0), by Hoare's selection (FIND, Hoare
    /// (1961), *Communications of the ACM* 4(7), doi:10.1145/366622.366647): expected O(n),
    /// where sorting is O(n log n). `values` is reordered.
    static func orderStatistic(_ values: inout [Int], _ k: Int) -> Int {
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return values[k] }
        }
        return values[k]
    }

    static func summarise(panel: Panel, model: ForecastModel, options: ForecastOptions, run: Run) -> GreenForecast {
        let T = model.asOfWeek
        let P = options.paths
        let H = options.horizon
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        let coops = summariseCooperatives(panel: panel, model: model, options: options, run: run)
        // Curves per regency, per province (when there are several) and overall.
        var curves: [GreenCurve] = []
        let nr = panel.regencies.count
        let provinces = Array(Set(panel.regencies.map { $0 / 100 })).sorted()
        let np = provinces.count > 1 ? provinces.count : 0
        let groups = nr + np + 1
        var groupNames = panel.regencies.map { String($0) }
        groupNames += provinces.prefix(np).map { String($0) }
        groupNames.append("all")
        let provinceGroup = panel.regencies.map { r in nr + (provinces.firstIndex(of: r / 100) ?? 0) }
        func groupsOf(_ i: Int) -> [Int] {
            let g = Int(panel.regencyIndex[i])
            return np > 0 ? [g, provinceGroup[g], groups - 1] : [g, groups - 1]
        }
        var members = [[Int]](repeating: [], count: groups)
        for (j, i) in run.indices.enumerated() {
            for g in groupsOf(i) { members[g].append(j) }
        }
        var total = [Int](repeating: 0, count: groups)
        var greenNow = [Int](repeating: 0, count: groups)
        for i in 0..<panel.cooperativeCount where panel.firstWeek[i] >= 0 && Int(panel.firstWeek[i]) <= T {
            let isGreen = panel.greenWeek[i] >= 0 && Int(panel.greenWeek[i]) <= T
            for g in groupsOf(i) {
                total[g] += 1
                if isGreen { greenNow[g] += 1 }
            }
        }
        // Groups are independent: summed in parallel, the largest first (so that the
        // national group does not run alone at the end), kept in group order.
        let computed = ParallelSlots<GreenCurve>(count: groups)
        let (names, sets, totals, greens) = (groupNames, members, total, greenNow)
        let order = (0..<groups).sorted { (a: Int, b: Int) -> Bool in
            let (x, y) = (sets[a].count, sets[b].count)
            return x != y ? x > y : a < b
        }
        DispatchQueue.concurrentPerform(iterations: groups) { k in
            let g = order[k]
            computed.store(curve(name: names[g], slots: sets[g], total: totals[g], greenNow: greens[g],
                                 run: run, paths: P, horizon: H), at: g)
        }
        curves = computed.values
        var assumptions: [String] = []
        if model.construction.rows < 20 {
            assumptions.append("only \(model.construction.rows) construction week(s) in the data: the S-curve is assumed to follow the 90-working-day plan (100 points in 18 weeks), speeds 1 ± 0.3, no delay-factor effect")
        }
        if model.stages.openingHazardAssumed {
            assumptions.append("no completed building was followed to its first business unit: assumed a weekly opening hazard of 0.159 (median 4 weeks)")
        }
        // Regencies with no completed building to learn their own lag from.
        var completedIn = [Bool](repeating: false, count: nr)
        for i in 0..<panel.cooperativeCount {
            guard let l = panel.lastReport(of: i, upTo: T) else { continue }
            if panel.isComplete(cell: panel.cell(i, l)) { completedIn[Int(panel.regencyIndex[i])] = true }
        }
        let without = (0..<nr).filter { !completedIn[$0] }.map { String(panel.regencies[$0]) }
        if !without.isEmpty {
            assumptions.append("no completed cooperative yet in regency \(without.joined(separator: ", ")): its completion-to-green lag is assumed to follow the pooled (province) hazard")
        }
        for f in model.construction.factorSummary where !f.estimated {
            assumptions.append("\(f.factor.column) was (almost) never raised during construction: its effect was not estimated (taken as none)")
        }
        if model.weather.exposure.filter({ $0 > 0 }).count < WeatherSeason.bins {
            let seen = model.weather.exposure.filter { $0 > 0 }.count
            assumptions.append("weather season: \(seen) of 52 weeks of the year observed during construction; the others follow the annual cycle fitted to the seen weeks (the pooled rate when the data show none)")
        }
        assumptions += model.startCapacity.assumptions
        assumptions += model.construction.holidays.assumptions
        assumptions += model.siteDisputes.assumptions
        return GreenForecast(
            asOfWeek: T, asOfDate: panel.date(ofWeek: T), options: options, cooperatives: coops,
            curves: curves, model: model, assumptions: assumptions, firstDate: first, run: run)
    }
}
