import Dispatch
import Foundation
import KendaliData

/// One pass over the weeks of a scope for the health summary: each cooperative's turnover
/// checked against its own recent reports (slips left out), the weekly turnover figures of
/// every unit of the row level, and the assessment of each cooperative's report in the last
/// week.
///
/// A cooperative's checks read only its last ``HealthRules/lookbackReports`` reports, so
/// each keeps those in a ring (turnover and business units) instead of its whole history;
/// the reports are read in place, week by week. The cooperatives are split into contiguous
/// blocks of codes run side by side, and the blocks' parts are joined in code order: the
/// result does not depend on the number of blocks.
///
/// - Complexity: O(R · W log W) for R reports of the scope and the window W, plus a merge of
///   each week's codes; memory O(n · W) for n cooperatives.
struct HealthPass {
    /// The units of the row level that hold a cooperative of the scope, by code.
    var units: [AdminUnit] = []
    /// Per unit: whether one of its cooperatives reported in the last week (it then has a
    /// row).
    var reportsLatest: [Bool] = []
    /// Per unit: the counts of its operating cooperatives in the last week.
    var tallies: [HealthSummary.Tally] = []
    /// Per unit and week: the turnover figures (rupiah) of its operating cooperatives.
    var values: [[[Double]]] = []
    /// Per week: the turnover figures of the whole scope.
    var totalValues: [[Double]] = []
    /// The falling cooperatives, by code.
    var falling: [FallingCooperative] = []
    /// The last week's slips, by code.
    var slips: [TurnoverSlip] = []
    /// Slips over every week.
    var slipsAllWeeks = 0
    /// The rows of the scope in each week.
    private var ranges: [Range<Int>] = []
    private let rowLevel: AdminLevel

    /// Runs the pass over `weeks` (oldest first, not empty) for the cooperatives of `scope`,
    /// with rows at `rowLevel`.
    ///
    /// - Parameter blocks: the number of blocks run side by side; `nil` chooses (one per
    ///   processor from ``ZonePass/parallelMinimumReports`` reports, one below).
    init(weeks: [SnapshotHistory.Week], scope: AdminUnit, rowLevel: AdminLevel, rules: HealthRules,
         blocks: Int? = nil) {
        self.rowLevel = rowLevel
        let codeRange = ZonePass.codeRange(of: scope)
        let ranges = weeks.map { ZonePass.rows(of: $0.records, in: codeRange) }
        self.ranges = ranges
        let codes = ZonePass.codes(of: weeks, in: ranges)
        // The unit of each cooperative (codes are sorted, so each unit's are contiguous).
        var slotUnits: [Int32] = []
        slotUnits.reserveCapacity(codes.count)
        for kode in codes {
            let unit = AdminUnit(kode, at: rowLevel)
            if units.last != unit { units.append(unit) }
            slotUnits.append(Int32(units.count - 1))
        }
        let unitOfSlot = slotUnits
        let reports = ranges.reduce(0) { $0 + $1.count }
        let processors = ProcessInfo.processInfo.activeProcessorCount
        let chosen = blocks ?? (reports >= ZonePass.parallelMinimumReports ? processors : 1)
        let parts = parallelBlocks(count: codes.count, blocks: chosen) { slots in
            Block(weeks: weeks, ranges: ranges, codes: codes, slots: slots, unitOfSlot: unitOfSlot, rules: rules)
        }
        // Joined in block (code) order.
        reportsLatest = Array(repeating: false, count: units.count)
        tallies = Array(repeating: HealthSummary.Tally(), count: units.count)
        values = Array(repeating: Array(repeating: [], count: weeks.count), count: units.count)
        totalValues = Array(repeating: [], count: weeks.count)
        for block in parts {
            for (k, u) in block.unitRange.enumerated() {
                reportsLatest[u] = reportsLatest[u] || block.reportsLatest[k]
                tallies[u] = tallies[u] + block.tallies[k]
                for t in weeks.indices where !block.values[k][t].isEmpty {
                    values[u][t].append(contentsOf: block.values[k][t])
                    totalValues[t].append(contentsOf: block.values[k][t])
                }
            }
            falling.append(contentsOf: block.falling)
            slips.append(contentsOf: block.slips)
            slipsAllWeeks += block.slipsAllWeeks
        }
    }

    /// The names of the units, as ``KendaliData/AdminNames`` learns them from the scope's
    /// reports in date order: each unit's last non-empty name of its level (`desa`,
    /// `kecamatan`, `kabupaten`; provinces by the Kemendagri list).
    ///
    /// - Complexity: O(u · log r) for u units when each reported its name in the last week,
    ///   reading further back only for those that did not.
    func unitNames(weeks: [SnapshotHistory.Week]) -> AdminNames {
        var names = AdminNames()
        let field: KeyPath<SnapshotRecord, String?>
        switch rowLevel {
        case .village: field = \.desa
        case .district: field = \.kecamatan
        case .regency: field = \.kabupaten
        case .province, .national: return names
        }
        for unit in units {
            let codes = ZonePass.codeRange(of: unit)
            search: for t in weeks.indices.reversed() {
                let records = weeks[t].records
                let rows = ZonePass.rows(of: records, in: codes).clamped(to: ranges[t])
                for k in rows.reversed() {
                    if let v = records[k][keyPath: field], !v.isEmpty {
                        names.setName(v, for: unit)
                        break search
                    }
                }
            }
        }
        return names
    }

    /// One block of cooperatives (contiguous slots in code order) run through every week.
    struct Block: Sendable {
        /// The units the block's cooperatives belong to (indexes into ``HealthPass/units``).
        var unitRange: Range<Int>
        /// Per unit of `unitRange`: as the pass's.
        var reportsLatest: [Bool]
        var tallies: [HealthSummary.Tally]
        var values: [[[Double]]]
        var falling: [FallingCooperative] = []
        var slips: [TurnoverSlip] = []
        var slipsAllWeeks = 0

        /// Runs the cooperatives of `slots` (indexes into `codes`, the scope's sorted codes)
        /// through every week; `ranges[t]` are the scope's rows of week `t`.
        init(weeks: [SnapshotHistory.Week], ranges: [Range<Int>], codes: [CooperativeCode], slots: Range<Int>,
             unitOfSlot: [Int32], rules: HealthRules) {
            let check = HealthCheck(rules: rules)
            let n = slots.count
            let firstUnit = n > 0 ? Int(unitOfSlot[slots.lowerBound]) : 0
            unitRange = n > 0 ? firstUnit..<(Int(unitOfSlot[slots.upperBound - 1]) + 1) : 0..<0
            reportsLatest = Array(repeating: false, count: unitRange.count)
            tallies = Array(repeating: HealthSummary.Tally(), count: unitRange.count)
            values = Array(repeating: Array(repeating: [], count: weeks.count), count: unitRange.count)
            guard n > 0 else { return }
            // The last L reports of each cooperative: turnover and business units, in a ring.
            let L = max(1, rules.lookbackReports)
            var ringTurnover = [Int64?](repeating: nil, count: n * L)
            var ringUnits = [Int](repeating: 0, count: n * L)
            var reportCount = [Int](repeating: 0, count: n)
            // The row of each cooperative's report in the last week (−1: none).
            var latestRow = [Int](repeating: -1, count: n)
            var slipRows: [(slot: Int, row: Int, reference: Double)] = []
            let blockCodes = codes[slots.lowerBound].value...codes[slots.upperBound - 1].value
            let last = weeks.count - 1
            for (t, week) in weeks.enumerated() {
                let rows = ranges[t].clamped(to: ZonePass.rows(of: week.records, in: blockCodes))
                var j = 0
                week.records.withUnsafeBufferPointer { records in
                    for k in rows {
                        let kode = records[k].kode
                        while j < n, codes[slots.lowerBound + j] < kode { j += 1 }
                        guard j < n, codes[slots.lowerBound + j] == kode else { continue }
                        let count = reportCount[j]
                        let base = j * L
                        ringTurnover[base + count % L] = records[k].omzetBulanan
                        ringUnits[base + count % L] = records[k].unitUsahaAktif
                        reportCount[j] = count + 1
                        if t == last { latestRow[j] = k }
                        guard let v = records[k].omzetBulanan else { continue }
                        let reference = check.reference(turnovers: ringTurnover[base..<(base + min(count + 1, L))])
                        if check.isSlip(v, reference: reference) {
                            slipsAllWeeks += 1
                            if t == last, let reference { slipRows.append((j, k, reference)) }
                        } else if records[k].tahap == .beroperasi {
                            values[Int(unitOfSlot[slots.lowerBound + j]) - firstUnit][t].append(Double(v))
                        }
                    }
                }
            }
            // The last week's reports, assessed against the reports before them.
            var fallingSlots: [(slot: Int, assessment: HealthAssessment)] = []
            for j in 0..<n where latestRow[j] >= 0 {
                let u = Int(unitOfSlot[slots.lowerBound + j]) - firstUnit
                reportsLatest[u] = true
                let r = weeks[last].records[latestRow[j]]
                let count = reportCount[j], base = j * L
                let assessment = check.assess(r, earlierReports: count - 1) { back in
                    let at = base + (count - 1 - back) % L
                    return (ringTurnover[at], ringUnits[at])
                }
                guard let assessment else { continue }
                tallies[u].operating += 1
                tallies[u].unitsActive += r.unitUsahaAktif
                if let active = r.anggotaAktif, r.jumlahAnggota > 0 {
                    tallies[u].activeMembers += active
                    tallies[u].members += r.jumlahAnggota
                }
                if assessment.isFalling {
                    tallies[u].falling += 1
                    fallingSlots.append((j, assessment))
                }
            }
            for f in fallingSlots {
                let kode = codes[slots.lowerBound + f.slot]
                falling.append(FallingCooperative(
                    kode: kode, names: Self.names(of: kode, weeks: weeks, ranges: ranges), assessment: f.assessment))
            }
            for s in slipRows {
                let kode = codes[slots.lowerBound + s.slot]
                let r = weeks[last].records[s.row]
                slips.append(TurnoverSlip(
                    kode: kode, name: Self.names(of: kode, weeks: weeks, ranges: ranges).displayName,
                    date: r.tanggal, value: r.omzetBulanan ?? 0, reference: s.reference))
            }
        }

        /// The names of `kode` as last reported, with its first report's date
        /// (``HealthSummary/names(of:)`` of its reports).
        ///
        /// - Complexity: O(w · log r): a binary search in each week.
        static func names(of kode: CooperativeCode, weeks: [SnapshotHistory.Week], ranges: [Range<Int>])
            -> CooperativeNames
        {
            var reports: [SnapshotRecord] = []
            for (t, week) in weeks.enumerated() {
                for k in ZonePass.rows(of: week.records, in: kode.value...kode.value).clamped(to: ranges[t]) {
                    reports.append(week.records[k])
                }
            }
            return HealthSummary.names(of: reports)
        }
    }
}
