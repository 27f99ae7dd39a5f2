/// Counts of one administrative unit in one week: zones, the stage pipeline, and land
/// not ready in the portal stage.
public struct StatusCounts: Hashable, Sendable, Codable {
    /// Cooperatives reporting in the week.
    public var cooperatives: Int = 0
    /// Cooperatives in the green zone.
    public var hijau: Int = 0
    /// Cooperatives in the yellow zone.
    public var kuning: Int = 0
    /// Cooperatives in the red zone.
    public var merah: Int = 0
    /// Cooperatives at stage `terdaftar` (registered).
    public var terdaftar: Int = 0
    /// Cooperatives at stage `portal` (in the portal, building not started).
    public var portal: Int = 0
    /// Cooperatives at stage `pembangunan` (under construction).
    public var pembangunan: Int = 0
    /// Cooperatives at stage `selesai` (built, not operating).
    public var selesai: Int = 0
    /// Cooperatives at stage `beroperasi` (operating).
    public var beroperasi: Int = 0
    /// In the portal stage while the land is not ready (`tahap` = portal and
    /// `status_lahan` ≠ siap): building cannot start.
    public var portalLandNotReady: Int = 0

    /// All zeros.
    public init() {}

    /// The count of a zone.
    public subscript(zone: Zone) -> Int {
        switch zone {
        case .hijau: hijau
        case .kuning: kuning
        case .merah: merah
        }
    }

    /// The count of a stage.
    public subscript(tahap: Tahap) -> Int {
        switch tahap {
        case .terdaftar: terdaftar
        case .portal: portal
        case .pembangunan: pembangunan
        case .selesai: selesai
        case .beroperasi: beroperasi
        }
    }

    /// Counts one cooperative's report and zone.
    public mutating func add(_ record: SnapshotRecord, zone: Zone) {
        cooperatives += 1
        switch zone {
        case .hijau: hijau += 1
        case .kuning: kuning += 1
        case .merah: merah += 1
        }
        switch record.tahap {
        case .terdaftar: terdaftar += 1
        case .portal: portal += 1
        case .pembangunan: pembangunan += 1
        case .selesai: selesai += 1
        case .beroperasi: beroperasi += 1
        }
        if record.isPortalLandNotReady { portalLandNotReady += 1 }
    }

    /// The field-by-field sum.
    public static func + (a: StatusCounts, b: StatusCounts) -> StatusCounts {
        a.combined(with: b, +)
    }

    /// The field-by-field difference (a change between weeks).
    public static func - (a: StatusCounts, b: StatusCounts) -> StatusCounts {
        a.combined(with: b, -)
    }

    private func combined(with b: StatusCounts, _ f: (Int, Int) -> Int) -> StatusCounts {
        var c = StatusCounts()
        c.cooperatives = f(cooperatives, b.cooperatives)
        c.hijau = f(hijau, b.hijau)
        c.kuning = f(kuning, b.kuning)
        c.merah = f(merah, b.merah)
        c.terdaftar = f(terdaftar, b.terdaftar)
        c.portal = f(portal, b.portal)
        c.pembangunan = f(pembangunan, b.pembangunan)
        c.selesai = f(selesai, b.selesai)
        c.beroperasi = f(beroperasi, b.beroperasi)
        c.portalLandNotReady = f(portalLandNotReady, b.portalLandNotReady)
        return c
    }
}

/// The number of cooperatives whose zone changed from one zone to another between the
/// previous week and the week of a status.
public struct ZoneChangeCounts: Hashable, Sendable, Codable {
    /// Every ordered pair of different zones, in the order they are reported: the moves
    /// up (merah→kuning, kuning→hijau, merah→hijau), then the moves back.
    public static let pairs: [(from: Zone, to: Zone)] = [
        (.merah, .kuning), (.kuning, .hijau), (.merah, .hijau),
        (.hijau, .kuning), (.kuning, .merah), (.hijau, .merah),
    ]

    private var counts: [Int] = Array(repeating: 0, count: 6)

    /// No change counted.
    public init() {}

    /// The count of cooperatives that went from `from` to `to` (0 when `from == to`).
    public subscript(from: Zone, to: Zone) -> Int {
        guard let i = Self.index(from, to) else { return 0 }
        return counts[i]
    }

    /// Counts one cooperative going from `from` to `to` (nothing when they are equal).
    public mutating func add(from: Zone, to: Zone) {
        if let i = Self.index(from, to) { counts[i] += 1 }
    }

    /// The field-by-field sum.
    public static func + (a: ZoneChangeCounts, b: ZoneChangeCounts) -> ZoneChangeCounts {
        var c = a
        for i in c.counts.indices { c.counts[i] += b.counts[i] }
        return c
    }

    /// Cooperatives that moved up (towards hijau).
    public var improved: Int { counts[0] + counts[1] + counts[2] }
    /// Cooperatives that moved back (towards merah).
    public var worsened: Int { counts[3] + counts[4] + counts[5] }

    private static func index(_ from: Zone, _ to: Zone) -> Int? {
        pairs.firstIndex { $0.from == from && $0.to == to }
    }
}

/// One unit's line of a status: this week's counts, the previous week's, and the zone
/// changes between them.
public struct StatusUnit: Hashable, Sendable {
    /// The unit (code and level).
    public var unit: AdminUnit
    /// The unit's name, from the reports (`kabupaten`, `kecamatan`) or the province list;
    /// the dotted code when unknown.
    public var name: String
    /// Counts in the status week.
    public var current: StatusCounts
    /// Counts in the previous week (all zero when there is none or the unit did not report).
    public var previous: StatusCounts
    /// Zone changes of the cooperatives that reported in both weeks.
    public var changes: ZoneChangeCounts

    /// A unit line.
    public init(
        unit: AdminUnit, name: String, current: StatusCounts, previous: StatusCounts,
        changes: ZoneChangeCounts
    ) {
        self.unit = unit
        self.name = name
        self.current = current
        self.previous = previous
        self.changes = changes
    }

    /// The change since the previous week, count by count.
    public var change: StatusCounts { current - previous }
}

/// The state of the programme in one week, per administrative unit of one level: zone
/// counts, the stage pipeline, the change since the previous week and the zone changes.
public struct StatusReport: Sendable {
    /// The rule set the zones were computed with.
    public var rules: RuleSet
    /// The week of the status.
    public var asOf: Day
    /// The week before it in the history, if any.
    public var previousWeek: Day?
    /// The level the units are at.
    public var level: AdminLevel
    /// One line per unit with a report in either week, by code.
    public var units: [StatusUnit]
    /// The sum over all units.
    public var total: StatusUnit

    /// Computes the status of the latest week on or before `asOf` (the latest week when
    /// `nil`).
    ///
    /// A cooperative's zone in a week uses its reports up to that week (the stall rule
    /// looks back four reports). The previous week is the history's week before the
    /// status week, whatever the gap.
    ///
    /// - Returns: `nil` when the history has no week on or before `asOf`.
    /// - Complexity: O(n) expected for n reports up to the status week.
    public static func compute(
        history: SnapshotHistory, asOf: Day? = nil, level: AdminLevel,
        rules: RuleSet = .default
    ) -> StatusReport? {
        let found: Int? = if let asOf { history.weekIndex(asOf: asOf) } else { history.weeks.indices.last }
        guard let weekIndex = found else { return nil }
        let week = history.weeks[weekIndex].date
        let previousWeek = weekIndex > 0 ? history.weeks[weekIndex - 1].date : nil
        let upTo = history.asOf(week)
        let classifier = ZoneClassifier(rules: rules)

        var names = AdminNames()
        for w in upTo.weeks { names.observe(contentsOf: w.records) }

        // Each cooperative of the status week or the week before, with its reports in date
        // order up to the status week (the zone looks back over earlier reports).
        let statusWeek = upTo.weeks[upTo.weeks.count - 1]
        let previousRecords = weekIndex > 0 ? upTo.weeks[weekIndex - 1].records : []
        var reports: [CooperativeCode: [SnapshotRecord]] = [:]
        reports.reserveCapacity(statusWeek.records.count + previousRecords.count / 16)
        for r in statusWeek.records { reports[r.kode] = [] }
        for r in previousRecords { reports[r.kode] = [] }
        for w in upTo.weeks {
            for r in w.records where reports[r.kode] != nil { reports[r.kode]?.append(r) }
        }

        var tally = Tally(level: level)
        for (kode, history) in reports {
            let last = history.count - 1
            var now: (SnapshotRecord, Zone)?
            var before: (SnapshotRecord, Zone)?
            if last >= 0, history[last].tanggal == week {
                now = (history[last], classifier.zone(history: history, at: last))
            }
            if let previousWeek,
               let j = history.lastIndex(where: { $0.tanggal == previousWeek })
            {
                before = (history[j], classifier.zone(history: history, at: j))
            }
            tally.add(kode, now: now, before: before)
        }
        return tally.report(rules: rules, week: week, previousWeek: previousWeek, names: names)
    }

    /// The per-unit counts of a status being computed, one cooperative at a time.
    ///
    /// Consecutive cooperatives of the same unit (cooperatives fed in code order) are
    /// summed locally and added to the unit's counts once.
    struct Tally {
        /// The level the units are at.
        let level: AdminLevel
        private var current: [AdminUnit: StatusCounts] = [:]
        private var previous: [AdminUnit: StatusCounts] = [:]
        private var changes: [AdminUnit: ZoneChangeCounts] = [:]
        private var open: AdminUnit?
        private var openCurrent: StatusCounts?
        private var openPrevious: StatusCounts?
        private var openChanges = ZoneChangeCounts()

        init(level: AdminLevel) {
            self.level = level
        }

        /// Counts one cooperative: its report and zone in the status week (`now`) and in
        /// the previous week (`before`), when it reported.
        mutating func add(
            _ kode: CooperativeCode, now: (SnapshotRecord, Zone)?, before: (SnapshotRecord, Zone)?
        ) {
            let unit = kode.unit(at: level)
            if unit != open {
                close()
                open = unit
            }
            if let now {
                if openCurrent == nil { openCurrent = StatusCounts() }
                openCurrent?.add(now.0, zone: now.1)
            }
            if let before {
                if openPrevious == nil { openPrevious = StatusCounts() }
                openPrevious?.add(before.0, zone: before.1)
            }
            if let now, let before { openChanges.add(from: before.1, to: now.1) }
        }

        /// Adds the counts summed for the open unit to its totals.
        private mutating func close() {
            guard let unit = open else { return }
            if let c = openCurrent { current[unit] = (current[unit] ?? StatusCounts()) + c }
            if let p = openPrevious { previous[unit] = (previous[unit] ?? StatusCounts()) + p }
            changes[unit] = (changes[unit] ?? ZoneChangeCounts()) + openChanges
            open = nil
            openCurrent = nil
            openPrevious = nil
            openChanges = ZoneChangeCounts()
        }

        /// The status: one line per unit counted, by code, and the total.
        func report(rules: RuleSet, week: Day, previousWeek: Day?, names: AdminNames) -> StatusReport {
            var tally = self
            tally.close()
            let (current, previous, changes) = (tally.current, tally.previous, tally.changes)
            let unitKeys = Set(current.keys).union(previous.keys).sorted()
            let units = unitKeys.map { u in
                StatusUnit(
                    unit: u, name: names.label(of: u), current: current[u] ?? StatusCounts(),
                    previous: previous[u] ?? StatusCounts(), changes: changes[u] ?? ZoneChangeCounts())
            }
            let total = StatusUnit(
                unit: AdminUnit(level: .national, code: 0), name: "Total",
                current: units.reduce(StatusCounts()) { $0 + $1.current },
                previous: units.reduce(StatusCounts()) { $0 + $1.previous },
                changes: units.reduce(ZoneChangeCounts()) { $0 + $1.changes })
            return StatusReport(
                rules: rules, asOf: week, previousWeek: previousWeek, level: level, units: units,
                total: total)
        }
    }
}
