/// Checks of a snapshot file against the cooperatives' previous reports (spec version 1,
/// "Errors and warnings").
///
/// Which check lives where:
///
/// | check | severity | where |
/// | --- | --- | --- |
/// | unknown column; `progres_fisik` = 100 while `pembangunan` | warning | `SnapshotFile.warnings` (the reader) |
/// | `progres_fisik` lower than the previous report | warning | `crossWeekWarnings` |
/// | `tahap` going backwards | warning | `crossWeekWarnings` |
/// | present in the last file, missing from this one | warning | `crossWeekWarnings` |
/// | `desa`, `kecamatan` or `kabupaten` empty on a cooperative's first report | error | `firstAppearanceErrors` |
///
/// `check(previous:current:)` runs them all: it throws the errors and returns every
/// warning, the file's own ones included.
///
/// `previous` maps each cooperative to its latest report *before* the file's report date
/// (the history store's "last report per cooperative"). Reports dated on or after the
/// file's date are ignored, so re-checking a stored week or importing an older week out
/// of order raises no false warnings.
public enum SnapshotValidator {
    /// The warnings that need last week's reports: `progres_fisik` lower than the previous
    /// report, `tahap` going backwards, and cooperatives present in the latest earlier
    /// file but missing from this one. Sorted by line (missing cooperatives, which have
    /// no line, last, by code).
    ///
    /// "Present last week" means: the cooperative's previous report carries the latest
    /// report date found in `previous` (before this file's date). A cooperative that
    /// stopped reporting earlier was warned about then and is not warned about again.
    ///
    /// The file's own warnings (`current.warnings`) are not repeated here.
    ///
    /// - Complexity: O(n + m) for n records in the file and m entries in `previous`.
    public static func crossWeekWarnings(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) -> [SnapshotIssue] {
        var pass = Pass(previous: previous, current: current)
        pass.run(firstAppearance: false, crossWeek: true)
        return current.located(pass.crossWeekWarnings())
    }

    /// Errors for cooperatives reporting for the first time (not in `previous`) whose
    /// `desa`, `kecamatan` or `kabupaten` is empty: the spec requires them the first time a
    /// cooperative appears, and the hierarchy's names come from them. Cooperatives already
    /// in `previous` may leave them empty.
    ///
    /// - Complexity: O(n) for n records.
    public static func firstAppearanceErrors(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) -> [SnapshotIssue] {
        var pass = Pass(previous: previous, current: current)
        pass.run(firstAppearance: true, crossWeek: false)
        return byLine(current.located(pass.errors))
    }

    /// Runs every check that needs the history.
    ///
    /// - Returns: all warnings: the file's own (`current.warnings`) and the cross-week
    ///   ones, sorted by line (issues without a line last).
    /// - Throws: `SnapshotFileError` with the first-appearance errors, when there are any.
    /// - Complexity: O(n + m) for n records in the file and m entries in `previous`, both
    ///   read once, in storage order.
    public static func check(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) throws(SnapshotFileError) -> [SnapshotIssue] {
        var pass = Pass(previous: previous, current: current)
        pass.run(firstAppearance: true, crossWeek: true)
        if !pass.errors.isEmpty {
            throw SnapshotFileError(fileName: current.fileName, issues: byLine(current.located(pass.errors)))
        }
        return byLine(current.warnings + current.located(pass.crossWeekWarnings()))
    }

    /// A cooperative's previous report, as the cross-week checks read it.
    struct PreviousReport {
        /// Its date.
        var date: Day
        /// `progres_fisik`.
        var progress: Double?
        /// `tahap`.
        var tahap: Tahap
    }

    /// ``check(previous:current:)`` with the previous reports found by the caller: each
    /// record's previous report (`previous(i)`), the latest earlier report date and the
    /// cooperatives reported on it that the file lacks (`missing`, any order).
    static func check(current: SnapshotFile, previous: (Int) -> PreviousReport?, lastDate: Day?,
                      missing: [CooperativeCode]) throws(SnapshotFileError) -> [SnapshotIssue] {
        var pass = Pass(previous: [:], current: current)
        pass.run(previous: previous, lastDate: lastDate, missing: missing)
        if !pass.errors.isEmpty {
            throw SnapshotFileError(fileName: current.fileName, issues: byLine(current.located(pass.errors)))
        }
        return byLine(current.warnings + current.located(pass.crossWeekWarnings()))
    }

    /// The checks against `previous` in one go, collecting first-appearance errors,
    /// cross-week row warnings, or both (each list in record order, as the checks define
    /// them), and the cooperatives gone missing.
    ///
    /// `previous` is large (every cooperative ever seen) and its entries lie in hash
    /// order, so looking each record up in it reads memory at random. Instead the pass
    /// indexes the file's codes (small, `CodeTable`) and reads `previous` once from start
    /// to end, in place: each entry finds its record, if any, in the index; records never
    /// found are new cooperatives; entries of the latest earlier date not found are the
    /// missing ones. A file that repeats a code (only possible for a `SnapshotFile` built
    /// by hand) is checked record by record instead.
    private struct Pass {
        /// Each cooperative's latest report before the file's date.
        let previous: [CooperativeCode: SnapshotRecord]
        /// The file checked.
        let current: SnapshotFile
        /// First-appearance errors, record order.
        var errors: [SnapshotIssue] = []
        /// Progress and stage warnings, record order.
        var rowWarnings: [SnapshotIssue] = []
        /// The latest report date in `previous` before the file's date.
        var lastDate: Day?
        /// The cooperatives reported on `lastDate` without a record in the file.
        var missing: [CooperativeCode] = []

        init(previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile) {
            self.previous = previous
            self.current = current
        }

        /// Runs the first-appearance check when `firstAppearance`, the cross-week ones
        /// when `crossWeek`.
        mutating func run(firstAppearance: Bool, crossWeek: Bool) {
            guard let table = CodeTable(current.records) else {
                runByRecord(firstAppearance: firstAppearance, crossWeek: crossWeek)
                return
            }
            let records = current.records
            let date = current.reportDate
            let keys = previous.keys
            let values = previous.values
            var seen = [Bool](repeating: false, count: records.count)
            // Row warnings with their record, in the order of `previous`.
            var found: [(record: Int, issue: SnapshotIssue)] = []
            var index = previous.startIndex
            while index != previous.endIndex {
                let code = keys[index]
                // One copy of the entry (the dictionary hands out values, not references).
                let p = values[index]
                let pDate = p.tanggal
                let entry = table.entry(of: code)
                let record = entry.map { Int($0.record) }
                if let record { seen[record] = true }
                if crossWeek, pDate < date {
                    if let d = lastDate, d >= pDate {
                        if d == pDate, record == nil { missing.append(code) }
                    } else {
                        lastDate = pDate
                        missing.removeAll(keepingCapacity: true)
                        if record == nil { missing.append(code) }
                    }
                    if let entry {
                        let progress = entry.hasProgress ? entry.progress : nil
                        for issue in rowIssues(Int(entry.record), progress: progress,
                                               tahap: entry.tahap, pDate: pDate,
                                               pProgress: p.progresFisik, pTahap: p.tahap) {
                            found.append((Int(entry.record), issue))
                        }
                    }
                }
                previous.formIndex(after: &index)
            }
            // Back to record order (a record's own issues keep theirs).
            rowWarnings = found.enumerated().sorted {
                $0.element.record != $1.element.record
                    ? $0.element.record < $1.element.record : $0.offset < $1.offset
            }.map(\.element.issue)
            if firstAppearance {
                for i in records.indices where !seen[i] { appendFirstAppearance(records[i], i) }
            }
        }

        /// The checks given each record's previous report (`previous(i)`, `nil` for a
        /// cooperative reporting for the first time), the latest earlier report date and
        /// the cooperatives reported then without a record in the file: what ``run`` finds
        /// by reading the map of latest reports, found instead by ``checkInDateOrder(_:)``.
        mutating func run(previous: (Int) -> PreviousReport?, lastDate: Day?, missing: [CooperativeCode]) {
            let records = current.records
            for i in records.indices {
                guard let p = previous(i) else {
                    appendFirstAppearance(records[i], i)
                    continue
                }
                rowWarnings += rowIssues(i, progress: records[i].progresFisik, tahap: records[i].tahap,
                                         pDate: p.date, pProgress: p.progress, pTahap: p.tahap)
            }
            self.lastDate = lastDate
            self.missing = missing
        }

        /// The plain way: one look-up in `previous` per record, a set of the file's codes.
        private mutating func runByRecord(firstAppearance: Bool, crossWeek: Bool) {
            let records = current.records
            let date = current.reportDate
            let values = previous.values
            for i in records.indices {
                guard let index = previous.index(forKey: records[i].kode) else {
                    if firstAppearance { appendFirstAppearance(records[i], i) }
                    continue
                }
                let pDate = values[index].tanggal
                guard crossWeek, pDate < date else { continue }
                rowWarnings += rowIssues(i, progress: records[i].progresFisik,
                                         tahap: records[i].tahap, pDate: pDate,
                                         pProgress: values[index].progresFisik,
                                         pTahap: values[index].tahap)
            }
            guard crossWeek else { return }
            var present = Set<CooperativeCode>()
            present.reserveCapacity(records.count)
            for i in records.indices { present.insert(records[i].kode) }
            var index = values.startIndex
            while index != values.endIndex {
                let pDate = values[index].tanggal
                if pDate < date, lastDate.map({ pDate >= $0 }) ?? true {
                    if lastDate != pDate {
                        lastDate = pDate
                        missing.removeAll(keepingCapacity: true)
                    }
                    let code = previous.keys[index]
                    if !present.contains(code) { missing.append(code) }
                }
                values.formIndex(after: &index)
            }
        }

        /// The progress and stage warnings of record `i` (its `progress` and `tahap`)
        /// against its previous report.
        @inline(__always)
        private func rowIssues(_ i: Int, progress: Double?, tahap: Tahap, pDate: Day,
                               pProgress: Double?, pTahap: Tahap) -> [SnapshotIssue] {
            let before = pProgress ?? 0
            let lower = if let now = progress { now < before } else { pProgress != nil && before > 0 }
            guard lower || tahap < pTahap else { return [] }
            return rowIssuesFound(i, progress: progress, tahap: tahap, pDate: pDate,
                                  pProgress: pProgress, pTahap: pTahap)
        }

        /// `rowIssues` once there is at least one.
        private func rowIssuesFound(_ i: Int, progress: Double?, tahap: Tahap, pDate: Day,
                                    pProgress: Double?, pTahap: Tahap) -> [SnapshotIssue] {
            let file = current.fileName
            let line = lineOf(current, i)
            let before = pProgress ?? 0
            var issues: [SnapshotIssue] = []
            if let now = progress, now < before {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: formatNumber(now),
                    expected: "at least \(formatNumber(before)), the progress reported on \(pDate.iso)"))
            } else if progress == nil, pProgress != nil, before > 0 {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: "",
                    expected: "at least \(formatNumber(before)), the progress reported on \(pDate.iso)"))
            }
            if tahap < pTahap {
                issues.append(SnapshotIssue(
                    .tahapBackwards, file: file, line: line, column: "tahap",
                    value: tahap.rawValue,
                    expected: "'\(pTahap.rawValue)' or later, the stage reported on \(pDate.iso)"))
            }
            return issues
        }

        /// The errors of a cooperative reporting for the first time, if names are missing.
        private mutating func appendFirstAppearance(_ r: SnapshotRecord, _ i: Int) {
            guard r.desa == nil || r.kecamatan == nil || r.kabupaten == nil else { return }
            let line = lineOf(current, i)
            for (column, value) in [("desa", r.desa), ("kecamatan", r.kecamatan),
                                    ("kabupaten", r.kabupaten)] where value == nil {
                errors.append(SnapshotIssue(
                    .missingValue, file: current.fileName, line: line, column: column,
                    value: "",
                    expected: "a name: cooperative \(r.kode) reports for the first time, so \(column) is required"))
            }
        }

        /// The row warnings by line, then the cooperatives of the latest earlier file
        /// missing from this one, by code.
        func crossWeekWarnings() -> [SnapshotIssue] {
            var issues = byLine(rowWarnings)
            guard let lastDate else { return issues }
            for code in missing.sorted() {
                issues.append(SnapshotIssue(
                    .cooperativeMissing, file: current.fileName, line: nil,
                    column: "kode_koperasi", value: code.description,
                    expected: "a row for this cooperative, present in the report of \(lastDate.iso)"))
            }
            return issues
        }
    }

    /// The codes of a file by open addressing, each with its record's index and the two
    /// values the cross-week checks compare (kept here so that they are read from this
    /// compact table, not from the records); built only when no code repeats.
    private struct CodeTable {
        /// One slot.
        struct Entry {
            /// The code, 0 for an empty slot (no code is 0).
            var code: Int64 = 0
            /// `progres_fisik`, when `hasProgress`.
            var progress: Double = 0
            /// The record's index in the file.
            var record: Int32 = 0
            /// `tahap`.
            var tahap = Tahap.terdaftar
            /// False when `progres_fisik` is empty.
            var hasProgress = false
        }

        /// The slots.
        private var entries: [Entry]
        /// Slot count − 1 (a power of two minus one).
        private let mask: Int
        /// 64 − bits of a slot number.
        private let shift: UInt64

        /// The table of `records`; `nil` when a code repeats (or there are too many).
        init?(_ records: [SnapshotRecord]) {
            guard records.count < Int(Int32.max) / 4 else { return nil }
            var bits: UInt64 = 4
            while (1 << bits) < 2 * records.count { bits += 1 }
            let size = 1 << Int(bits)
            mask = size - 1
            shift = 64 - bits
            entries = [Entry](repeating: Entry(), count: size)
            for i in records.indices {
                let code = records[i].kode.value
                var slot = slotOf(code)
                while entries[slot].code != 0 {
                    if entries[slot].code == code { return nil }
                    slot = (slot + 1) & mask
                }
                let progress = records[i].progresFisik
                entries[slot] = Entry(code: code, progress: progress ?? 0, record: Int32(i),
                                      tahap: records[i].tahap, hasProgress: progress != nil)
            }
        }

        /// The home slot of `code` (Fibonacci hashing).
        @inline(__always)
        private func slotOf(_ code: Int64) -> Int {
            Int((UInt64(bitPattern: code) &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
        }

        /// The slot of `code`, if the file has a record with it.
        @inline(__always)
        func entry(of code: CooperativeCode) -> Entry? {
            var slot = slotOf(code.value)
            while true {
                let entry = entries[slot]
                if entry.code == code.value { return entry }
                if entry.code == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }

    /// `issues` stably sorted by line, issues without a line last.
    private static func byLine(_ issues: [SnapshotIssue]) -> [SnapshotIssue] {
        var sorted = true
        var last = Int.min
        for issue in issues {
            let line = issue.line ?? Int.max
            if line < last {
                sorted = false
                break
            }
            last = line
        }
        if sorted { return issues }
        return issues.enumerated().sorted {
            let a = $0.element.line ?? Int.max, b = $1.element.line ?? Int.max
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    fileprivate static func lineOf(_ file: SnapshotFile, _ i: Int) -> Int? {
        i < file.recordLines.count && file.recordLines[i] > 0 ? file.recordLines[i] : nil
    }

    /// `12.5`, `100` — the writer's form.
    static func formatNumber(_ v: Double) -> String {
        SnapshotWriter.progressText(v)
    }
}
