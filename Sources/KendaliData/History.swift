import Dispatch

/// The weekly snapshots of a province (or the nation) in memory, oldest week first: what
/// every analysis works from, whether it came from a folder of CSV files or from the
/// history store.
///
/// Each week holds the active reports of that week, sorted by cooperative code, and the
/// warnings found for it (the file's own and those against earlier weeks).
public struct SnapshotHistory: Sendable {
    /// Where a history was read from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A folder of weekly CSV files.
        case folder(path: String)
        /// A history store (SQLite file).
        case store(path: String)
        /// Built in memory (tests, simulations).
        case memory

        /// `folder PATH`, `store PATH` or `memory`.
        public var description: String {
            switch self {
            case let .folder(path): "folder \(path)"
            case let .store(path): "store \(path)"
            case .memory: "memory"
            }
        }
    }

    /// One week: its reports, their file and its warnings.
    public struct Week: Sendable {
        /// The report date.
        public var date: Day
        /// The name of the file the week's reports came from (the active revision's, for a
        /// store).
        public var fileName: String
        /// SHA-256 of the file's raw bytes (empty when read without digests,
        /// `load(folder:asOf:sheet:digests:)`).
        public var contentDigest: String
        /// The week's reports, sorted by cooperative code.
        public var records: [SnapshotRecord]
        /// The physical line of each report in its file (0 when unknown), parallel to
        /// `records`.
        public var recordLines: [Int]
        /// The week's warnings: the file's own and those against earlier weeks.
        public var warnings: [SnapshotIssue]

        /// A week; `records` must be sorted by code.
        public init(
            date: Day, fileName: String, contentDigest: String, records: [SnapshotRecord],
            recordLines: [Int]? = nil, warnings: [SnapshotIssue]
        ) {
            self.date = date
            self.fileName = fileName
            self.contentDigest = contentDigest
            self.records = records
            self.recordLines = recordLines ?? Array(repeating: 0, count: records.count)
            self.warnings = warnings
        }

        /// The report of `kode` this week, if it reported (binary search).
        ///
        /// - Complexity: O(log n).
        public func record(of kode: CooperativeCode) -> SnapshotRecord? {
            var lo = 0, hi = records.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if records[mid].kode < kode { lo = mid + 1 } else { hi = mid }
            }
            return lo < records.count && records[lo].kode == kode ? records[lo] : nil
        }

        /// The week as a validated file (for re-running checks).
        public var snapshotFile: SnapshotFile {
            SnapshotFile(
                fileName: fileName, reportDate: date, records: records, recordLines: recordLines,
                warnings: [], contentDigest: contentDigest, byteCount: 0)
        }
    }

    /// Where the history was read from.
    public var source: Source
    /// The weeks, oldest first, one per report date.
    public var weeks: [Week]
    /// The register of cooperatives the store keeps, when it has one
    /// (``withNames(from:)``); `nil` for a folder and a store without a register.
    public var register: CooperativeRegister?

    /// A history of `weeks`, which must be sorted by date with one week per date.
    public init(source: Source, weeks: [Week]) {
        precondition(
            zip(weeks, weeks.dropFirst()).allSatisfy { $0.date < $1.date },
            "SnapshotHistory weeks must be in increasing date order, one per date")
        self.source = source
        self.weeks = weeks
    }

    /// The report dates, oldest first.
    public var dates: [Day] { weeks.map(\.date) }

    /// The latest week, if any.
    public var latest: Week? { weeks.last }

    /// Total number of reports over all weeks.
    public var recordCount: Int { weeks.reduce(0) { $0 + $1.records.count } }

    /// The week reported on `day`, if any.
    public func week(on day: Day) -> Week? {
        weeks.first { $0.date == day }
    }

    /// The index of the latest week on or before `day`, if any.
    public func weekIndex(asOf day: Day) -> Int? {
        weeks.lastIndex { $0.date <= day }
    }

    /// The same history without the weeks after `day`.
    public func asOf(_ day: Day) -> SnapshotHistory {
        var out = SnapshotHistory(source: source, weeks: weeks.filter { $0.date <= day })
        out.register = register
        return out
    }

    /// Every cooperative's names as last reported (a later empty value does not erase an
    /// earlier name), with its first report date.
    ///
    /// - Complexity: O(total reports).
    public func cooperativeNames() -> [CooperativeCode: CooperativeNames] {
        var out: [CooperativeCode: CooperativeNames] = [:]
        for week in weeks {
            for r in week.records {
                if var n = out[r.kode] {
                    n.nama = r.nama ?? n.nama
                    n.desa = r.desa ?? n.desa
                    n.kecamatan = r.kecamatan ?? n.kecamatan
                    n.kabupaten = r.kabupaten ?? n.kabupaten
                    out[r.kode] = n
                } else {
                    out[r.kode] = CooperativeNames(
                        nama: r.nama, desa: r.desa, kecamatan: r.kecamatan,
                        kabupaten: r.kabupaten, firstSeen: week.date)
                }
            }
        }
        return out
    }

    /// Every report, ordered by cooperative code then report date.
    ///
    /// - Complexity: O(n log n) for n reports.
    public func allRecords() -> [SnapshotRecord] {
        var all: [SnapshotRecord] = []
        all.reserveCapacity(recordCount)
        for week in weeks { all.append(contentsOf: week.records) }
        all.sort { $0.kode != $1.kode ? $0.kode < $1.kode : $0.tanggal < $1.tanggal }
        return all
    }

    /// Ends this copy of the history, its memory freed on a background thread when it was
    /// the last: a national history holds millions of reports, and freeing them takes a
    /// core a quarter of a second that the caller's next work need not wait for.
    public consuming func releaseInBackground() {
        let last = self
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(last) {} }
    }

    /// A history of validated files checked against each other in date order: each file's
    /// first-appearance errors and cross-week warnings (`SnapshotValidator`) are computed
    /// against the files before it.
    ///
    /// - Throws: `SnapshotHistoryError` listing every file refused (its errors) and every
    ///   week given by more than one file; nothing is returned then.
    /// - Complexity: O(total reports) expected (hash maps).
    public static func build(files: [SnapshotFile], source: Source = .memory)
        throws(SnapshotHistoryError) -> SnapshotHistory
    {
        let sorted = files.enumerated().sorted {
            $0.element.reportDate != $1.element.reportDate
                ? $0.element.reportDate < $1.element.reportDate : $0.offset < $1.offset
        }.map(\.element)
        var problems: [SnapshotHistoryError.Problem] = []
        var i = 0
        while i < sorted.count {
            var j = i + 1
            while j < sorted.count, sorted[j].reportDate == sorted[i].reportDate { j += 1 }
            if j - i > 1 {
                problems.append(.duplicateWeek(
                    sorted[i].reportDate, files: sorted[i..<j].map(\.fileName)))
            }
            i = j
        }
        var weeks: [Week] = []
        if problems.isEmpty, let checked = SnapshotValidator.checkInDateOrder(sorted) {
            for (file, result) in zip(sorted, checked) {
                switch result {
                case let .success(warnings):
                    weeks.append(Week(
                        date: file.reportDate, fileName: file.fileName,
                        contentDigest: file.contentDigest, records: file.records,
                        recordLines: file.recordLines, warnings: warnings))
                case let .failure(error): problems.append(.refused(error))
                }
            }
            if !problems.isEmpty { throw SnapshotHistoryError(problems: problems) }
            return SnapshotHistory(source: source, weeks: weeks)
        }
        var latest: [CooperativeCode: SnapshotRecord] = [:]
        for file in sorted {
            if weeks.last?.date == file.reportDate { continue }  // a duplicate, reported
            do {
                let warnings = try SnapshotValidator.check(previous: latest, current: file)
                weeks.append(Week(
                    date: file.reportDate, fileName: file.fileName,
                    contentDigest: file.contentDigest, records: file.records,
                    recordLines: file.recordLines, warnings: warnings))
            } catch {
                problems.append(.refused(error))
            }
            for r in file.records { latest[r.kode] = r }
        }
        if !problems.isEmpty { throw SnapshotHistoryError(problems: problems) }
        return SnapshotHistory(source: source, weeks: weeks)
    }
}

/// Why a history could not be read: every problem found, not only the first.
public struct SnapshotHistoryError: Error, Sendable, CustomStringConvertible {
    /// One problem.
    public enum Problem: Sendable {
        /// A file was refused: all its errors.
        case refused(SnapshotFileError)
        /// Several files report the same week.
        case duplicateWeek(Day, files: [String])
        /// The folder could not be listed.
        case unreadableFolder(path: String, reason: String)
        /// The folder holds no snapshot file (`.csv` or `.xlsx`).
        case noFiles(path: String)
        /// The store could not be read.
        case store(StoreError)
        /// The store holds no week yet.
        case emptyStore(path: String)
        /// No week on or before the requested date.
        case noWeekAsOf(Day)
    }

    /// Every problem found.
    public var problems: [Problem]

    /// An error listing `problems`.
    public init(problems: [Problem]) {
        self.problems = problems
    }

    /// The errors of every refused file, in order.
    public var refusedFiles: [SnapshotFileError] {
        problems.compactMap { if case let .refused(e) = $0 { e } else { nil } }
    }

    /// One paragraph per problem.
    public var description: String {
        problems.map { problem -> String in
            switch problem {
            case let .refused(error): error.description
            case let .duplicateWeek(day, files):
                "week \(day.iso) is reported by several files: \(files.joined(separator: ", "))"
            case let .unreadableFolder(path, reason): "\(path): cannot list the folder (\(reason))"
            case let .noFiles(path): "\(path): no snapshot file (.csv or .xlsx) in the folder\n"
                + "hint: the weekly snapshot files (CSV, or .xlsx workbooks) must be directly inside it, not in a subfolder"
            case let .store(error): error.description
            case let .emptyStore(path): "\(path): the store holds no week yet"
            case let .noWeekAsOf(day): "no week reported on or before \(day.iso)"
            }
        }.joined(separator: "\n")
    }
}
