import KendaliData

/// One pass over the weeks of a unit: every cooperative's zone at every report (under the
/// rule set, with the stall window), the zone counts of each week, and what the report
/// needs of each cooperative afterwards.
///
/// - Complexity: O(R · W) for R reports of the unit and the rule set's stall window W,
///   plus O(R) binary searches to find the unit's rows in each week; memory O(n · W) for
///   n cooperatives.
struct ZonePass {
    /// What is kept of each cooperative (a slot, in code order).
    struct Cooperative {
        var kode: CooperativeCode
        var nama: String?
        var desa: String?
        var kecamatan: String?
        var kabupaten: String?
        /// Index (into the weeks) of the first report.
        var firstWeek = -1
        /// Index of the first green report, −1 when never green.
        var greenWeek = -1
        /// Index of the first report under construction, −1 when never.
        var firstBuildingWeek = -1
        /// Zone at the latest report so far and the one before it.
        var zone: Zone?
        var previousZone: Zone?
        /// Index of the latest report so far.
        var lastWeek = -1
        /// The latest report so far.
        var latest: SnapshotRecord?
        /// Red reason at the latest report.
        var redReason: RedReason?


    }

    /// The unit's cooperatives, sorted by code.
    var cooperatives: [Cooperative] = []
    /// The report date of each week.
    var dates: [Day] = []
    /// Zone counts per week.
    var tallies: [ZoneTally] = []
    /// Cooperatives green at some report up to each week.
    var everGreen: [Int] = []
    /// Zones per child unit in the latest and the previous week.
    var childLatest: [Int64: ZoneTally] = [:]
    var childPrevious: [Int64: ZoneTally] = [:]
    /// Portal-but-land-not-ready per child unit in the latest week.
    var childPortalLandNotReady: [Int64: Int] = [:]
    /// Stages in the latest and the previous week.
    var stagesLatest = StageCounts()
    var stagesPrevious = StageCounts()
    /// Mean progress of those under construction in the latest week.
    var meanProgressBuilding: Double?
    /// Row ranges of the unit in each week.
    var ranges: [Range<Int>] = []

    /// The range of codes `[lo, hi)` of `unit`.
    static func codeRange(of unit: AdminUnit) -> ClosedRange<Int64> {
        let divisor: Int64
        switch unit.level {
        case .national: return 0...Int64.max
        case .province: divisor = 100_000_000
        case .regency: divisor = 1_000_000
        case .district: divisor = 10_000
        case .village: divisor = 1
        }
        return (unit.code * divisor)...(unit.code * divisor + divisor - 1)
    }

    /// The rows of `records` (sorted by code) whose code lies in `codes`.
    static func rows(of records: [SnapshotRecord], in codes: ClosedRange<Int64>) -> Range<Int> {
        func firstIndex(atLeast v: Int64) -> Int {
            var lo = 0, hi = records.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if records[mid].kode.value < v { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        let lo = firstIndex(atLeast: codes.lowerBound)
        let hi = codes.upperBound == Int64.max ? records.count : firstIndex(atLeast: codes.upperBound + 1)
        return lo..<max(lo, hi)
    }

    /// The child unit code of a cooperative.
    static func childCode(_ kode: CooperativeCode, level: AdminLevel) -> Int64 {
        AdminUnit(kode, at: level).code
    }

    /// Runs the pass over `weeks` (oldest first) for `unit`, tallying children at
    /// `childLevel`.
    init(weeks: [SnapshotHistory.Week], unit: AdminUnit, childLevel: AdminLevel, rules: RuleSet) {
        let classifier = ZoneClassifier(rules: rules)
        let window = rules.stallWindowReports + 1
        let codes = Self.codeRange(of: unit)
        ranges = weeks.map { Self.rows(of: $0.records, in: codes) }
        dates = weeks.map(\.date)
        // Every code of the unit, sorted.
        var seen = Set<Int64>()
        seen.reserveCapacity(ranges.last?.count ?? 0)
        for (t, week) in weeks.enumerated() {
            for k in ranges[t] { seen.insert(week.records[k].kode.value) }
        }
        let sorted = seen.sorted()
        cooperatives = sorted.compactMap { CooperativeCode(value: $0) }.map { Cooperative(kode: $0) }
        var buffers = [[SnapshotRecord]](repeating: [], count: cooperatives.count)
        let last = weeks.count - 1
        var greenSoFar = 0
        tallies.reserveCapacity(weeks.count)
        for (t, week) in weeks.enumerated() {
            var tally = ZoneTally()
            var j = 0
            let isLatest = t == last, isPrevious = t == last - 1
            var progressSum = 0.0, progressCount = 0
            for k in ranges[t] {
                let r = week.records[k]
                while j < sorted.count, sorted[j] < r.kode.value { j += 1 }
                guard j < sorted.count, sorted[j] == r.kode.value else { continue }
                buffers[j].append(r)
                if buffers[j].count > window { buffers[j].removeFirst() }
                let history = buffers[j]
                let index = history.count - 1
                let zone = classifier.zone(history: history, at: index)
                tally.add(zone)
                var c = cooperatives[j]
                if c.firstWeek < 0 { c.firstWeek = t }
                if zone == .hijau, c.greenWeek < 0 {
                    c.greenWeek = t
                    greenSoFar += 1
                }
                if r.tahap == .pembangunan, c.firstBuildingWeek < 0 { c.firstBuildingWeek = t }
                c.previousZone = c.zone
                c.zone = zone
                c.lastWeek = t
                if let v = r.nama, !v.isEmpty { c.nama = v }
                if let v = r.desa, !v.isEmpty { c.desa = v }
                if let v = r.kecamatan, !v.isEmpty { c.kecamatan = v }
                if let v = r.kabupaten, !v.isEmpty { c.kabupaten = v }
                if isLatest {
                    c.latest = r
                    c.redReason = zone == .merah ? classifier.redReason(history: history, at: index) : nil
                    let child = Self.childCode(r.kode, level: childLevel)
                    childLatest[child, default: ZoneTally()].add(zone)
                    stagesLatest.add(r)
                    if r.tahap == .portal, r.statusLahan != .siap {
                        childPortalLandNotReady[child, default: 0] += 1
                    }
                    if r.tahap == .pembangunan, let p = r.progresFisik {
                        progressSum += p
                        progressCount += 1
                    }
                } else if isPrevious {
                    childPrevious[Self.childCode(r.kode, level: childLevel), default: ZoneTally()].add(zone)
                    stagesPrevious.add(r)
                }
                cooperatives[j] = c
            }
            if isLatest, progressCount > 0 { meanProgressBuilding = progressSum / Double(progressCount) }
            tallies.append(tally)
            everGreen.append(greenSoFar)
        }
    }

    /// The names of the cooperative in `slot` as last reported, with its first report date.
    func names(of slot: Int) -> CooperativeNames {
        let c = cooperatives[slot]
        return CooperativeNames(
            nama: c.nama, desa: c.desa, kecamatan: c.kecamatan, kabupaten: c.kabupaten,
            firstSeen: dates[max(0, c.firstWeek)])
    }

    /// The slot of `kode`, by binary search.
    func slot(of kode: CooperativeCode) -> Int? {
        var lo = 0, hi = cooperatives.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if cooperatives[mid].kode < kode { lo = mid + 1 } else { hi = mid }
        }
        return lo < cooperatives.count && cooperatives[lo].kode == kode ? lo : nil
    }
}
