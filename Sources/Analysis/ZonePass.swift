import Dispatch
import Foundation
import KendaliData

/// One pass over the weeks of a unit: every cooperative's zone at every report (under the
/// rule set, with the stall window), the zone counts of each week, and what the report
/// needs of each cooperative afterwards.
///
/// - Complexity: O(R · W) for R reports of the unit and the rule set's stall window W,
///   plus a few binary searches per week to find the unit's rows and a merge of each
///   week's codes; memory O(n · W) for n cooperatives. A large unit is classified on every
///   processor (see `init(weeks:unit:childLevel:rules:blocks:)`).
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
        /// The latest report so far, without its text (names and notes).
        var lastReport: SnapshotRecord?

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
    /// Zones and stages in the latest and the previous week (the counts of `kendali status`).
    var stagesLatest = StatusCounts()
    var stagesPrevious = StatusCounts()
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

    /// The unit's reports from which the pass runs on several threads (below this, one).
    static let parallelMinimumReports = 200_000

    /// Runs the pass over `weeks` (oldest first) for `unit`, tallying children at
    /// `childLevel`.
    ///
    /// Each cooperative's zones depend only on its own reports, so the cooperatives are
    /// split into contiguous blocks of codes classified side by side (one thread each, over
    /// every week); the blocks' counts are then added up. Every figure is a count or a
    /// per-cooperative value, except the mean progress, which is summed afterwards in code
    /// order: the result does not depend on the number of blocks.
    ///
    /// - Parameter blocks: the number of blocks; `nil` chooses (one per processor from
    ///   `parallelMinimumReports` reports of the unit, one below).
    init(
        weeks: [SnapshotHistory.Week], unit: AdminUnit, childLevel: AdminLevel, rules: RuleSet,
        blocks: Int? = nil
    ) {
        let codeRange = Self.codeRange(of: unit)
        let unitRows = weeks.map { Self.rows(of: $0.records, in: codeRange) }
        ranges = unitRows
        dates = weeks.map(\.date)
        let codes = Self.codes(of: weeks, in: unitRows)
        let reports = unitRows.reduce(0) { $0 + $1.count }
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let chosen = blocks ?? (reports >= Self.parallelMinimumReports ? processors : 1)
        let parts = parallelBlocks(count: codes.count, blocks: chosen) { slots in
            Block(weeks: weeks, ranges: unitRows, codes: codes, slots: slots, childLevel: childLevel, rules: rules)
        }
        // Added up in block (code) order.
        cooperatives.reserveCapacity(codes.count)
        tallies = Array(repeating: ZoneTally(), count: weeks.count)
        var newGreen = Array(repeating: 0, count: weeks.count)
        for block in parts {
            cooperatives.append(contentsOf: block.cooperatives)
            for t in weeks.indices {
                tallies[t].add(block.tallies[t])
                newGreen[t] += block.newGreen[t]
            }
            for (child, tally) in block.childLatest { childLatest[child, default: ZoneTally()].add(tally) }
            for (child, tally) in block.childPrevious { childPrevious[child, default: ZoneTally()].add(tally) }
            for (child, n) in block.childPortalLandNotReady { childPortalLandNotReady[child, default: 0] += n }
            stagesLatest = stagesLatest + block.stagesLatest
            stagesPrevious = stagesPrevious + block.stagesPrevious
        }
        var greenSoFar = 0
        everGreen.reserveCapacity(weeks.count)
        for n in newGreen {
            greenSoFar += n
            everGreen.append(greenSoFar)
        }
        // The mean progress under construction in the latest week, summed in code order.
        if let last = weeks.indices.last {
            var progressSum = 0.0, progressCount = 0
            weeks[last].records.withUnsafeBufferPointer { records in
                for k in unitRows[last] where records[k].tahap == .pembangunan {
                    if let p = records[k].progresFisik {
                        progressSum += p
                        progressCount += 1
                    }
                }
            }
            if progressCount > 0 { meanProgressBuilding = progressSum / Double(progressCount) }
        }
    }

    /// The sorted codes of the unit's reports in `weeks` (rows `ranges[t]` of week `t`, each
    /// sorted by code).
    ///
    /// - Complexity: O(W · n) for W weeks and n cooperatives (a merge per week, no hashing).
    static func codes(of weeks: [SnapshotHistory.Week], in ranges: [Range<Int>]) -> [CooperativeCode] {
        var merged: [CooperativeCode] = []
        var next: [CooperativeCode] = []
        for (t, week) in weeks.enumerated() {
            let range = ranges[t]
            next.removeAll(keepingCapacity: true)
            next.reserveCapacity(merged.count + range.count)
            week.records.withUnsafeBufferPointer { records in
                var i = 0
                var k = range.lowerBound
                while i < merged.count || k < range.upperBound {
                    let v: CooperativeCode
                    if k >= range.upperBound {
                        v = merged[i]
                        i += 1
                    } else if i >= merged.count || records[k].kode < merged[i] {
                        v = records[k].kode
                        k += 1
                    } else {
                        v = merged[i]
                        i += 1
                        if records[k].kode == v { k += 1 }
                    }
                    if next.last != v { next.append(v) }
                }
            }
            swap(&merged, &next)
        }
        return merged
    }

    /// One block of cooperatives (contiguous slots in code order) run through every week:
    /// their final state and their part of each count.
    struct Block: Sendable {
        var cooperatives: [Cooperative]
        var tallies: [ZoneTally]
        /// Cooperatives of the block first green in each week.
        var newGreen: [Int]
        var childLatest: [Int64: ZoneTally] = [:]
        var childPrevious: [Int64: ZoneTally] = [:]
        var childPortalLandNotReady: [Int64: Int] = [:]
        var stagesLatest = StatusCounts()
        var stagesPrevious = StatusCounts()

        /// Runs the cooperatives of `slots` (indexes into `codes`, the unit's sorted codes)
        /// through every week; `ranges[t]` are the unit's rows of week `t`.
        ///
        /// - Complexity: O(R · W) for the block's R reports and the stall window W, plus a
        ///   binary search per week.
        init(
            weeks: [SnapshotHistory.Week], ranges: [Range<Int>], codes: [CooperativeCode],
            slots: Range<Int>, childLevel: AdminLevel, rules: RuleSet
        ) {
            let classifier = ZoneClassifier(rules: rules)
            let n = slots.count
            var coops = codes[slots].map { Cooperative(kode: $0) }
            var tallies = Array(repeating: ZoneTally(), count: weeks.count)
            var newGreen = Array(repeating: 0, count: weeks.count)
            var childLatest: [Int64: ZoneTally] = [:]
            var childPrevious: [Int64: ZoneTally] = [:]
            var childPortalLandNotReady: [Int64: Int] = [:]
            var stagesLatest = StatusCounts()
            var stagesPrevious = StatusCounts()
            if n > 0 {
                var windows = ZoneWindows(count: n, capacity: rules.zoneLookbackReports)
                // The row (week, index) of each cooperative's last non-empty name of each kind.
                var nameRows = [NameRows](repeating: NameRows(), count: n)
                let blockRange = codes[slots.lowerBound].value...codes[slots.upperBound - 1].value
                let last = weeks.count - 1
                for (t, week) in weeks.enumerated() {
                    let isLatest = t == last, isPrevious = t == last - 1
                    let rows = ranges[t].clamped(to: ZonePass.rows(of: week.records, in: blockRange))
                    var tally = ZoneTally()
                    var j = 0
                    week.records.withUnsafeBufferPointer { records in
                        guard let base = records.baseAddress else { return }
                        for k in rows {
                            let kode = records[k].kode
                            while j < n, codes[slots.lowerBound + j] < kode { j += 1 }
                            guard j < n, codes[slots.lowerBound + j] == kode else { continue }
                            let r = ZonePass.withoutText(base + k)
                            let (zone, redReason) = classifier.classify(r, after: j, in: windows)
                            windows.append(r, to: j)
                            tally.add(zone)
                            if coops[j].firstWeek < 0 { coops[j].firstWeek = t }
                            if zone == .hijau, coops[j].greenWeek < 0 {
                                coops[j].greenWeek = t
                                newGreen[t] += 1
                            }
                            if r.tahap == .pembangunan, coops[j].firstBuildingWeek < 0 {
                                coops[j].firstBuildingWeek = t
                            }
                            coops[j].previousZone = coops[j].zone
                            coops[j].zone = zone
                            coops[j].lastWeek = t
                            coops[j].lastReport = r
                            nameRows[j].note(base + k, week: t, row: k)
                            if isLatest {
                                coops[j].latest = records[k]
                                coops[j].redReason = redReason
                                let child = ZonePass.childCode(kode, level: childLevel)
                                childLatest[child, default: ZoneTally()].add(zone)
                                stagesLatest.add(r, zone: zone)
                                if r.isPortalLandNotReady {
                                    childPortalLandNotReady[child, default: 0] += 1
                                }
                            } else if isPrevious {
                                childPrevious[ZonePass.childCode(kode, level: childLevel), default: ZoneTally()]
                                    .add(zone)
                                stagesPrevious.add(r, zone: zone)
                            }
                        }
                    }
                    tallies[t] = tally
                }
                // The names as last reported (a later empty or missing name does not erase
                // an earlier one).
                for j in 0..<n {
                    let at = nameRows[j]
                    if at.nama.week >= 0 { coops[j].nama = weeks[at.nama.week].records[at.nama.row].nama }
                    if at.desa.week >= 0 { coops[j].desa = weeks[at.desa.week].records[at.desa.row].desa }
                    if at.kecamatan.week >= 0 {
                        coops[j].kecamatan = weeks[at.kecamatan.week].records[at.kecamatan.row].kecamatan
                    }
                    if at.kabupaten.week >= 0 {
                        coops[j].kabupaten = weeks[at.kabupaten.week].records[at.kabupaten.row].kabupaten
                    }
                }
            }
            self.cooperatives = coops
            self.tallies = tallies
            self.newGreen = newGreen
            self.childLatest = childLatest
            self.childPrevious = childPrevious
            self.childPortalLandNotReady = childPortalLandNotReady
            self.stagesLatest = stagesLatest
            self.stagesPrevious = stagesPrevious
        }
    }

    /// The report at `r` without its text (names and notes `nil`): everything the zone
    /// rules and the weekly counts read, copied field by field so that no string is retained
    /// and released per report.
    @inline(__always)
    static func withoutText(_ r: UnsafePointer<SnapshotRecord>) -> SnapshotRecord {
        SnapshotRecord(
            kode: r.pointee.kode, tanggal: r.pointee.tanggal, tahap: r.pointee.tahap,
            badanHukum: r.pointee.badanHukum, pengurusLengkap: r.pointee.pengurusLengkap,
            jumlahAnggota: r.pointee.jumlahAnggota, rapatAnggota: r.pointee.rapatAnggota,
            nib: r.pointee.nib, npwp: r.pointee.npwp, rekeningBank: r.pointee.rekeningBank,
            laporanTepatWaktu: r.pointee.laporanTepatWaktu, statusLahan: r.pointee.statusLahan,
            progresFisik: r.pointee.progresFisik, unitUsahaAktif: r.pointee.unitUsahaAktif,
            omzetBulanan: r.pointee.omzetBulanan, anggotaAktif: r.pointee.anggotaAktif,
            kendalaLahan: r.pointee.kendalaLahan, kendalaCuaca: r.pointee.kendalaCuaca,
            kendalaTenagaKerja: r.pointee.kendalaTenagaKerja, kendalaTeknis: r.pointee.kendalaTeknis)
    }

    /// Where a cooperative's last non-empty names are: (week, row), week −1 when none yet.
    struct NameRows {
        var nama = (week: -1, row: 0)
        var desa = (week: -1, row: 0)
        var kecamatan = (week: -1, row: 0)
        var kabupaten = (week: -1, row: 0)

        /// Notes the names the report at `r` (row `row` of week `week`) gives; read in
        /// place.
        @inline(__always)
        mutating func note(_ r: UnsafePointer<SnapshotRecord>, week: Int, row: Int) {
            if r.pointee.nama?.isEmpty == false { nama = (week, row) }
            if r.pointee.desa?.isEmpty == false { desa = (week, row) }
            if r.pointee.kecamatan?.isEmpty == false { kecamatan = (week, row) }
            if r.pointee.kabupaten?.isEmpty == false { kabupaten = (week, row) }
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
