import GRDB

extension HistoryStore {
    /// The status of the latest active week on or before `asOf` (the latest week when
    /// `nil`), computed from the few weeks it needs rather than the whole history.
    ///
    /// The result is the one `StatusReport.compute(history:asOf:level:rules:)` gives on
    /// `loadHistory(asOf:)`: the status week's and the previous week's reports are read
    /// (the columns a status looks at); of the weeks before, only the reports the stall rule looks at (the last
    /// `stallWindowReports` reports of each cooperative under construction and not green),
    /// with a range scan of a week when many are needed and one key lookup each otherwise;
    /// unit names come from the names stored with each week (`unit_name`). A store
    /// written before those names were kept (schema v1, opened read-only) is read in full
    /// instead, with the same result, and so is a store under a rule set whose zone uses
    /// health (`RuleSet.zoneHealth`).
    ///
    /// - Returns: `nil` when the store has no active week on or before `asOf`.
    /// - Throws: `StoreError.database`.
    /// - Complexity: O(n) for n reports in the two weeks, plus one scan or a few key
    ///   lookups per earlier week the stall rule reaches (usually `stallWindowReports`).
    public func statusReport(asOf: Day? = nil, level: AdminLevel, rules: RuleSet = .default)
        throws(StoreError) -> StatusReport?
    {
        // A health rule looks back over 2W reports of every operating cooperative, with
        // their turnover: the whole history is read then.
        guard hasUnitNames, rules.zoneHealth == nil else {
            let history = try loadHistory(asOf: asOf)
            return StatusReport.compute(history: history, asOf: asOf, level: level, rules: rules)
        }
        return try read { db in
            try Self.statusReport(db, asOf: asOf, level: level, rules: rules)
        }
    }

    private static func statusReport(
        _ db: Database, asOf: Day?, level: AdminLevel, rules: RuleSet
    ) throws -> StatusReport? {
        var weeks = try imports(db, where: "f.active = 1", arguments: [])
        if let asOf { weeks = weeks.filter { $0.reportDate <= asOf } }
        guard let statusFile = weeks.last else { return nil }
        let n = weeks.count
        let previousFile = n >= 2 ? weeks[n - 2] : nil
        let current = try statusRecords(db, file: statusFile)
        let previous = try previousFile.map { try statusRecords(db, file: $0) } ?? []

        let classifier = ZoneClassifier(rules: rules)
        var windows = StallWindows(rules: rules, weeks: weeks)
        let currentRequests = current.map { windows.request(for: $0, before: n - 1, classifier) }
        let previousRequests = previous.map { windows.request(for: $0, before: n - 2, classifier) }
        try windows.collect(db, previousWeek: previous)

        var names = AdminNames()
        if StoreSchema.namedLevels.contains(where: { $0.level == level }) {
            var units = Set(current.map { $0.kode.unit(at: level).code })
            for r in previous { units.insert(r.kode.unit(at: level).code) }
            try unitNames(db, level: level, units: units, weeks: weeks, into: &names)
            // With a register, its names are the ones shown.
            if let register = try currentRegisterIfAny(db)?.register {
                for code in units {
                    let unit = AdminUnit(level: level, code: code)
                    if let name = register.name(of: unit) { names.setName(name, for: unit) }
                }
            }
        }
        var tally = StatusReport.Tally(level: level)
        var i = 0, j = 0
        while i < current.count || j < previous.count {
            let now: (SnapshotRecord, Zone)?
            let before: (SnapshotRecord, Zone)?
            let kode: CooperativeCode
            if j >= previous.count || (i < current.count && current[i].kode < previous[j].kode) {
                kode = current[i].kode
                now = (current[i], windows.zone(of: current[i], request: currentRequests[i], classifier))
                before = nil
                i += 1
            } else if i >= current.count || previous[j].kode < current[i].kode {
                kode = previous[j].kode
                now = nil
                before = (previous[j], windows.zone(of: previous[j], request: previousRequests[j], classifier))
                j += 1
            } else {
                kode = current[i].kode
                now = (current[i], windows.zone(of: current[i], request: currentRequests[i], classifier))
                before = (previous[j], windows.zone(of: previous[j], request: previousRequests[j], classifier))
                i += 1
                j += 1
            }
            tally.add(kode, now: now, before: before)
        }
        return tally.report(
            rules: rules, week: statusFile.reportDate, previousWeek: previousFile?.reportDate,
            names: names)
    }

    /// The reports of one stored file, by code, as far as a status looks at them: the
    /// stage, the land status and the fields of the zone scores
    /// (`ZoneClassifier.scores`); names, notes, turnover, members, obstacles and lines are
    /// left empty. Reading 13 columns instead of 25 halves the cost of the two weeks a
    /// status reads in full.
    private static func statusRecords(_ db: Database, file: StoredImport) throws
        -> [SnapshotRecord]
    {
        let s = try StoreStatement(db, """
            SELECT kode, tahap, status_lahan, progres_fisik, badan_hukum, pengurus_lengkap,
                jumlah_anggota, rapat_anggota, nib, npwp, rekening_bank, laporan_tepat_waktu,
                unit_usaha_aktif
            FROM report WHERE import_id = ? ORDER BY kode
            """)
        s.bind(1, file.id)
        var out: [SnapshotRecord] = []
        out.reserveCapacity(file.rowCount)
        while try s.next() {
            let kodeValue = s.int64(0)
            guard let kode = CooperativeCode(value: kodeValue) else {
                throw StoreError.database("stored kode_koperasi \(kodeValue) is not a 10-digit code")
            }
            guard let tahap = s.value(1, among: StoreRows.tahapForms) else {
                throw StoreError.database("stored tahap '\(s.string(1))' of \(kode) is unknown")
            }
            guard let status = s.value(2, among: StoreRows.statusLahanForms) else {
                throw StoreError.database("stored status_lahan '\(s.string(2))' of \(kode) is unknown")
            }
            out.append(SnapshotRecord(
                kode: kode, nama: nil, desa: nil, kecamatan: nil, kabupaten: nil,
                tanggal: file.reportDate, tahap: tahap, badanHukum: s.bool(4),
                pengurusLengkap: s.bool(5), jumlahAnggota: s.int(6), rapatAnggota: s.bool(7),
                nib: s.bool(8), npwp: s.bool(9), rekeningBank: s.bool(10),
                laporanTepatWaktu: s.bool(11), statusLahan: status,
                progresFisik: s.optionalDouble(3), unitUsahaAktif: s.int(12), omzetBulanan: nil,
                anggotaAktif: nil, kendalaLahan: false, kendalaCuaca: false,
                kendalaTenagaKerja: false, kendalaTeknis: false, catatan: nil))
        }
        return out
    }

    /// Learns the names of `units` (of `level`) as `AdminNames` learns them from the
    /// reports of `weeks` in date order: for each unit, the name stored with the latest
    /// week that names it. Reads the latest week's names first and goes back only for the
    /// units still unnamed.
    private static func unitNames(
        _ db: Database, level: AdminLevel, units: Set<Int64>, weeks: [StoredImport],
        into names: inout AdminNames
    ) throws {
        var unnamed = units
        let s = try StoreStatement(db, """
            SELECT code, name FROM unit_name WHERE import_id = ? AND level = ?
            """)
        for week in weeks.reversed() where !unnamed.isEmpty {
            s.bind(1, week.id)
            s.bind(2, level.rawValue)
            while try s.next() {
                let code = s.int64(0)
                guard unnamed.remove(code) != nil else { continue }
                names.setName(s.string(1), for: AdminUnit(level: level, code: code))
            }
        }
    }
}

/// The earlier reports the stall rule needs for the reports of a status: for each report
/// under construction (`stallTahap`) and not green, the cooperative's reports before it,
/// latest first, until `stallWindowReports` of them are found, one is not under
/// construction, or there are no more.
///
/// Of an earlier report only what the stall rule reads is fetched: its stage and its
/// progress (`ZoneClassifier.isStalled(_:earlierReports:earlier:)`).
private struct StallWindows {
    /// An earlier report, as far as the stall rule looks at it.
    struct Point {
        var date: Day
        var tahap: Tahap
        var progresFisik: Double?
    }

    /// One report's window.
    struct Request {
        /// The cooperative.
        var kode: CooperativeCode
        /// The index (in `weeks`) of the report's week: earlier reports are before it.
        var before: Int
        /// The earlier reports found, latest first.
        var found: [Point] = []
        /// True when nothing more is needed.
        var done = false
    }

    let rules: RuleSet
    /// The active weeks up to the status week, oldest first.
    let weeks: [StoredImport]
    var requests: [Request] = []

    init(rules: RuleSet, weeks: [StoredImport]) {
        self.rules = rules
        self.weeks = weeks
    }

    /// Registers the window of `record` (of the week at `before`) when the zone needs one;
    /// returns its index in `requests`.
    mutating func request(
        for record: SnapshotRecord, before: Int, _ classifier: ZoneClassifier
    ) -> Int? {
        guard record.tahap == rules.stallTahap, !classifier.isGreen(record) else { return nil }
        requests.append(Request(
            kode: record.kode, before: before, done: rules.stallWindowReports <= 0 || before <= 0))
        return requests.count - 1
    }

    /// The zone of `record`, with its window when it has one.
    func zone(of record: SnapshotRecord, request: Int?, _ classifier: ZoneClassifier) -> Zone {
        classifier.classify(record.zoneInputs) {
            // Not green and not red for its land: the stall rule decides. Without a window
            // the report is not under construction (or is green), hence not stalled.
            guard let request else { return false }
            let found = requests[request].found
            return classifier.isStalled(record, earlierReports: found.count) { back in
                (found[back - 1].tahap, found[back - 1].progresFisik)
            }
        }.zone
    }

    /// Finds every window, week by week back from the week before the status week
    /// (`previousWeek`, its reports already in memory): a range scan of a week when many
    /// windows reach it, one key lookup per window otherwise.
    mutating func collect(_ db: Database, previousWeek: [SnapshotRecord]) throws {
        var pending = requests.indices.filter { !requests[$0].done }
        var firstSeen: [Int64: Day?] = [:]
        var index = weeks.count - 2
        while index >= 0, !pending.isEmpty {
            let week = weeks[index]
            // The windows reaching this week; a cooperative first seen after it has no
            // report here or earlier.
            var looking: [Int] = []
            for r in pending where requests[r].before > index {
                if requests[r].before - 1 - index > requests[r].found.count {  // skipped a week
                    let kode = requests[r].kode.value
                    let seen: Day?
                    if let known = firstSeen[kode] {
                        seen = known
                    } else {
                        seen = try Self.firstSeen(db, kode: kode)
                        firstSeen[kode] = seen
                    }
                    if let seen, seen > week.reportDate {
                        requests[r].done = true
                        continue
                    }
                }
                looking.append(r)
            }
            if index == weeks.count - 2 {
                for r in looking {
                    if let record = Self.binarySearch(previousWeek, requests[r].kode) {
                        add(Point(date: week.reportDate, tahap: record.tahap,
                                  progresFisik: record.progresFisik), to: r)
                    }
                }
            } else if looking.count * 8 >= week.rowCount {
                try scan(db, week: week, for: looking)
            } else {
                for r in looking {
                    if let point = try Self.point(db, week: week, kode: requests[r].kode) {
                        add(point, to: r)
                    }
                }
            }
            pending = pending.filter { !requests[$0].done }
            index -= 1
        }
    }

    /// Adds an earlier report to the window `r`, closing it when it is full or the report
    /// is not under construction.
    private mutating func add(_ point: Point, to r: Int) {
        requests[r].found.append(point)
        if point.tahap != rules.stallTahap || requests[r].found.count >= rules.stallWindowReports {
            requests[r].done = true
        }
    }

    /// Adds the reports of `week` to the windows `looking`: one range scan of the week's
    /// rows (three columns) in code order, merged with the windows sorted by code.
    private mutating func scan(_ db: Database, week: StoredImport, for looking: [Int]) throws {
        let order = looking.sorted { requests[$0].kode < requests[$1].kode }
        let s = try StoreStatement(db, """
            SELECT kode, tahap, progres_fisik FROM report WHERE import_id = ? ORDER BY kode
            """)
        s.bind(1, week.id)
        var next = 0
        while next < order.count, try s.next() {
            let kode = s.int64(0)
            while next < order.count, requests[order[next]].kode.value < kode { next += 1 }
            guard next < order.count, requests[order[next]].kode.value == kode else { continue }
            let point = try Self.point(s, date: week.reportDate, kode: kode)
            while next < order.count, requests[order[next]].kode.value == kode {
                add(point, to: order[next])
                next += 1
            }
        }
        s.reset()
    }

    /// The stage and progress of the report of `kode` in `week`, if any (one key lookup).
    private static func point(_ db: Database, week: StoredImport, kode: CooperativeCode)
        throws -> Point?
    {
        let s = try StoreStatement(db, """
            SELECT kode, tahap, progres_fisik FROM report WHERE import_id = ? AND kode = ?
            """)
        s.bind(1, week.id)
        s.bind(2, kode.value)
        guard try s.next() else { return nil }
        defer { s.reset() }
        return try point(s, date: week.reportDate, kode: kode.value)
    }

    private static func point(_ s: StoreStatement, date: Day, kode: Int64) throws(StoreError)
        -> Point
    {
        guard let tahap = s.value(1, among: StoreRows.tahapForms) else {
            throw .database("stored tahap '\(s.string(1))' of \(kode) is unknown")
        }
        return Point(date: date, tahap: tahap, progresFisik: s.optionalDouble(2))
    }

    private static func firstSeen(_ db: Database, kode: Int64) throws -> Day? {
        let s = try StoreStatement(db, "SELECT first_seen FROM cooperative WHERE kode = ?")
        s.bind(1, kode)
        guard try s.next() else { return nil }
        defer { s.reset() }
        return Day(parsing: s.string(0))
    }

    private static func binarySearch(_ records: [SnapshotRecord], _ kode: CooperativeCode)
        -> SnapshotRecord?
    {
        var lo = 0, hi = records.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if records[mid].kode < kode { lo = mid + 1 } else { hi = mid }
        }
        return lo < records.count && records[lo].kode == kode ? records[lo] : nil
    }
}

extension StatusReport {
    /// The status of the latest week on or before `asOf` in the store at `path` (opened
    /// read-only), read from the weeks it needs (`HistoryStore.statusReport`): the same
    /// report as `compute(history:asOf:level:rules:)` on `SnapshotHistory.load(store:asOf:)`.
    ///
    /// - Throws: `SnapshotHistoryError` wrapping the store's error, or when no week is on
    ///   or before `asOf` (or the store is empty) — the errors of
    ///   `SnapshotHistory.load(store:asOf:)`.
    public static func compute(
        store path: String, asOf: Day? = nil, level: AdminLevel, rules: RuleSet = .default
    ) throws(SnapshotHistoryError) -> StatusReport {
        let report: StatusReport?
        do {
            let store = try HistoryStore.open(path: path, mode: .readOnly)
            report = try store.statusReport(asOf: asOf, level: level, rules: rules)
        } catch {
            throw SnapshotHistoryError(problems: [.store(error)])
        }
        guard let report else {
            if let asOf { throw SnapshotHistoryError(problems: [.noWeekAsOf(asOf)]) }
            throw SnapshotHistoryError(problems: [.emptyStore(path: path)])
        }
        return report
    }
}
