import KendaliData

/// The counts the stage models are estimated from, gathered in one pass over each
/// cooperative's consecutive present weeks up to the last week fitted: pre-construction
/// transitions, the flags' and the admin items' trials and events, the first business
/// unit's hazard, members' rises and each cooperative's on-time and presence shares.
///
/// The cooperatives are counted in blocks side by side and the blocks joined in order: the
/// counts are whole numbers (exact in a `Double`) and the lists keep the cooperatives' order,
/// so the result is the same on any number of cores.
struct StageCounts {
    /// Pre-construction transitions: regency, state, destination (``StageModels/started``
    /// for a start) and week.
    var prePairs: [(g: Int32, s: Int8, d: Int8, t: Int32)] = []
    /// Progress reported in the week a construction started (points).
    var initial: [Double] = []
    /// Per regency, per flag k: trials off and events at `2k`, `2k + 1`.
    var flagOff: [[Double]]
    /// Per regency, per flag k: trials on and stays.
    var flagOnC: [[Double]]
    /// Per regency: weeks without a unit before completion, and the openings among them.
    var openPre: [[Double]]
    /// Per regency, per admin item k: weeks without it and gains at `2k`, `2k + 1`.
    var items: [[Double]]
    /// Consecutive reports by the admin items held at both: `[m0 << 6 | m1]`, each mask
    /// bit k the item ``Panel/Bit/adminItems``[k]. The co-occurrence counts below are read
    /// from it once the blocks are joined (``settleItemPatterns()``).
    var itemPatterns = [Double](repeating: 0, count: 4096)
    /// Item co-occurrence: reports holding k, of them lacking j; reports lacking j; weeks
    /// starting without k but with j, and the gains of k among them.
    var holding = [Double](repeating: 0, count: 6)
    var holdingWithout = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    var lacking = [Double](repeating: 0, count: 6)
    var reports = 0.0
    var givenN = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    var givenX = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6)
    /// Weeks after completion without a unit, at risk and openings, by weeks since completion.
    var atRisk = [Double](repeating: 0, count: 160)
    var events = [Double](repeating: 0, count: 160)
    /// Weeks with a unit, and those where units grew.
    var growthTrials = 0.0, growthEvents = 0.0
    /// Per cooperative (from ``lower``): on-time reports of present weeks, presence of
    /// weeks, rises of members of consecutive weeks.
    var onX: [Double], onN: [Double]
    var presX: [Double], presN: [Double]
    var riseX: [Double], riseN: [Double]
    /// The first 4,096 rises in members, in order.
    var jumps: [Int32] = []
    /// The first cooperative counted.
    let lower: Int

    /// Empty counts for the cooperatives `lower..<upper` of a panel with `regencies` regencies.
    init(regencies nr: Int, cooperatives range: Range<Int>) {
        flagOff = [[Double]](repeating: [Double](repeating: 0, count: 6), count: nr)
        flagOnC = [[Double]](repeating: [Double](repeating: 0, count: 6), count: nr)
        openPre = [[Double]](repeating: [0, 0], count: nr)
        items = [[Double]](repeating: [Double](repeating: 0, count: 12), count: nr)
        let m = range.count
        lower = range.lowerBound
        (onX, onN, presX, presN, riseX, riseN) = ([Double](repeating: 0, count: m), [Double](repeating: 0, count: m),
                                                  [Double](repeating: 0, count: m), [Double](repeating: 0, count: m),
                                                  [Double](repeating: 0, count: m), [Double](repeating: 0, count: m))
    }

    /// The counts of every cooperative of `panel` up to week `last`.
    static func count(panel: Panel, last: Int) -> StageCounts {
        let n = panel.cooperativeCount
        let parts = parallelBlocks(count: n, blocks: min(64, n / 512)) { range in
            var c = StageCounts(regencies: panel.regencies.count, cooperatives: range)
            for i in range { c.add(panel, cooperative: i, last: last) }
            return c
        }
        var all = StageCounts(regencies: panel.regencies.count, cooperatives: 0..<0)
        for part in parts { all.append(part) }
        all.settleItemPatterns()
        return all
    }

    /// Adds the counts of `other`, whose cooperatives follow these.
    mutating func append(_ other: StageCounts) {
        prePairs += other.prePairs
        initial += other.initial
        func add(_ a: inout [[Double]], _ b: [[Double]]) {
            for r in a.indices { for c in a[r].indices { a[r][c] += b[r][c] } }
        }
        func add(_ a: inout [Double], _ b: [Double]) {
            for r in a.indices { a[r] += b[r] }
        }
        add(&flagOff, other.flagOff)
        add(&flagOnC, other.flagOnC)
        add(&openPre, other.openPre)
        add(&items, other.items)
        add(&itemPatterns, other.itemPatterns)
        add(&atRisk, other.atRisk)
        add(&events, other.events)
        growthTrials += other.growthTrials
        growthEvents += other.growthEvents
        onX += other.onX
        onN += other.onN
        presX += other.presX
        presN += other.presN
        riseX += other.riseX
        riseN += other.riseN
        jumps += other.jumps.prefix(max(0, 4096 - jumps.count))
    }

    /// Counts cooperative `i` (from ``lower`` on) of `panel` up to week `last`.
    mutating func add(_ panel: Panel, cooperative i: Int, last: Int) {
        let w = panel.weekCount
        let ns = StageModels.preStates
        let needUnits = Int8(clamping: max(1, panel.rules.greenMinimumUnits))
        let g = Int(panel.regencyIndex[i])
        let base = i * w
        let first = Int(panel.firstWeek[i])
        guard first >= 0, first <= last else { return }
        var completion = -1
        for t in first...last {
            let c1 = base + t
            let here = panel.present[c1] == 1
            presN[i - lower] += 1
            if here {
                presX[i - lower] += 1
                onN[i - lower] += 1
                if panel.flags[c1] & Panel.Bit.laporanTepatWaktu != 0 { onX[i - lower] += 1 }
            }
            if here, completion < 0, panel.tahap[c1] >= Tahap.selesai.code {
                // Followed completion only: the report before is present and not complete.
                completion = (t > first && panel.present[c1 - 1] == 1
                    && panel.tahap[c1 - 1] < Tahap.selesai.code) ? t : -2
            }
            guard t > first, here, panel.present[c1 - 1] == 1 else { continue }
            let c0 = c1 - 1
            // Pre-construction chain.
            if let s = StageModels.preState(panel, cell: c0) {
                let d: Int
                if let s1 = StageModels.preState(panel, cell: c1) {
                    d = s1
                } else {
                    d = ns
                    if panel.tahap[c1] == Tahap.pembangunan.code, !panel.progress[c1].isNaN {
                        initial.append(Double(panel.progress[c1]))
                    }
                }
                prePairs.append((Int32(g), Int8(s), Int8(d), Int32(t)))
            }
            // Flags during construction.
            if panel.tahap[c0] == Tahap.pembangunan.code, panel.tahap[c1] == Tahap.pembangunan.code {
                for (k, bit) in [Panel.Bit.land, Panel.Bit.labour, Panel.Bit.technical].enumerated() {
                    let on1 = panel.flags[c1] & bit != 0
                    if panel.flags[c0] & bit != 0 {
                        flagOnC[g][2 * k] += 1
                        if on1 { flagOnC[g][2 * k + 1] += 1 }
                    } else {
                        flagOff[g][2 * k] += 1
                        if on1 { flagOff[g][2 * k + 1] += 1 }
                    }
                }
            }
            addUnits(panel, from: c0, to: c1, regency: g, weeksSinceCompletion: completion >= 0 ? t - completion : -1,
                     needUnits: needUnits)
            addItems(panel, from: c0, to: c1, regency: g)
            // Members.
            riseN[i - lower] += 1
            let dm = panel.members[c1] - panel.members[c0]
            if dm > 0 {
                riseX[i - lower] += 1
                if jumps.count < 4096 { jumps.append(dm) }
            }
        }
    }

    /// Counts the first business unit's and further units' trials and events of the
    /// consecutive reports `c0`, `c1` of a cooperative of regency `g`, `weeksSinceCompletion`
    /// after its followed completion (−1 before one).
    private mutating func addUnits(_ panel: Panel, from c0: Int, to c1: Int, regency g: Int, weeksSinceCompletion: Int,
                                   needUnits: Int8) {
        if panel.units[c0] < needUnits {
            if panel.tahap[c1] < Tahap.selesai.code {
                if panel.units[c0] == 0 {
                    openPre[g][0] += 1
                    if panel.units[c1] >= 1 { openPre[g][1] += 1 }
                }
            } else if weeksSinceCompletion >= 0, panel.units[c0] == 0 {
                let k = weeksSinceCompletion
                if k >= 1, k < atRisk.count {
                    atRisk[k] += 1
                    if panel.units[c1] >= 1 { events[k] += 1 }
                }
            }
        }
        if panel.units[c0] >= 1 {
            growthTrials += 1
            if panel.units[c1] > panel.units[c0] { growthEvents += 1 }
        }
    }

    /// The admin items held in `flags` as six bits (bit k = ``Panel/Bit/adminItems``[k]).
    @inline(__always)
    static func adminMask(_ flags: UInt16) -> Int {
        var m = 0
        for (k, bit) in Panel.Bit.adminItems.enumerated() where flags & bit != 0 { m |= 1 << k }
        return m
    }

    /// Counts the admin items' gains of the consecutive reports `c0`, `c1` of a cooperative
    /// of regency `g`, and the pair of item masks for the co-occurrences.
    private mutating func addItems(_ panel: Panel, from c0: Int, to c1: Int, regency g: Int) {
        let m0 = Self.adminMask(panel.flags[c0]), m1 = Self.adminMask(panel.flags[c1])
        itemPatterns[m0 << 6 | m1] += 1
        for k in 0..<6 where m0 & (1 << k) == 0 {
            items[g][2 * k] += 1
            if m1 & (1 << k) != 0 { items[g][2 * k + 1] += 1 }
        }
    }

    /// The items' co-occurrence counts (``holding``, ``holdingWithout``, ``lacking``,
    /// ``reports``, ``givenN``, ``givenX``) from ``itemPatterns``: each pair of masks counts
    /// as many times as it was seen. Whole numbers, so the same as counting report by report.
    mutating func settleItemPatterns() {
        for m0 in 0..<64 {
            for m1 in 0..<64 {
                let n = itemPatterns[m0 << 6 | m1]
                guard n > 0 else { continue }
                for k in 0..<6 where m0 & (1 << k) == 0 {
                    let gained = m1 & (1 << k) != 0
                    for j in 0..<6 where j != k && m0 & (1 << j) != 0 {
                        givenN[k][j] += n
                        if gained { givenX[k][j] += n }
                    }
                }
                reports += n
                for k in 0..<6 {
                    guard m1 & (1 << k) != 0 else {
                        lacking[k] += n
                        continue
                    }
                    holding[k] += n
                    for j in 0..<6 where j != k && m1 & (1 << j) == 0 { holdingWithout[k][j] += n }
                }
            }
        }
    }
}
