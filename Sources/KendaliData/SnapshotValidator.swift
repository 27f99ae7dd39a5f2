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
        let file = current.fileName
        let date = current.reportDate
        var issues: [SnapshotIssue] = []
        var present = Set<CooperativeCode>()
        present.reserveCapacity(current.records.count)
        for (i, r) in current.records.enumerated() {
            present.insert(r.kode)
            guard let p = previous[r.kode], p.tanggal < date else { continue }
            let line = lineOf(current, i)
            let before = p.progresFisik ?? 0
            if let now = r.progresFisik, now < before {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: formatNumber(now),
                    expected: "at least \(formatNumber(before)), the progress reported on \(p.tanggal.iso)"))
            } else if r.progresFisik == nil, p.progresFisik != nil, before > 0 {
                issues.append(SnapshotIssue(
                    .progressDecreased, file: file, line: line, column: "progres_fisik",
                    value: "",
                    expected: "at least \(formatNumber(before)), the progress reported on \(p.tanggal.iso)"))
            }
            if r.tahap < p.tahap {
                issues.append(SnapshotIssue(
                    .tahapBackwards, file: file, line: line, column: "tahap",
                    value: r.tahap.rawValue,
                    expected: "'\(p.tahap.rawValue)' or later, the stage reported on \(p.tanggal.iso)"))
            }
        }
        issues = byLine(issues)
        // Missing cooperatives: those whose previous report is from the latest earlier file.
        var lastDate: Day?
        for p in previous.values where p.tanggal < date {
            if let d = lastDate, d >= p.tanggal { continue }
            lastDate = p.tanggal
        }
        if let lastDate {
            var missing: [CooperativeCode] = []
            for (code, p) in previous where p.tanggal == lastDate && !present.contains(code) {
                missing.append(code)
            }
            missing.sort()
            for code in missing {
                issues.append(SnapshotIssue(
                    .cooperativeMissing, file: file, line: nil, column: "kode_koperasi",
                    value: code.description,
                    expected: "a row for this cooperative, present in the report of \(lastDate.iso)"))
            }
        }
        return issues
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
        var issues: [SnapshotIssue] = []
        for (i, r) in current.records.enumerated() where previous[r.kode] == nil {
            let line = lineOf(current, i)
            for (column, value) in [("desa", r.desa), ("kecamatan", r.kecamatan),
                                    ("kabupaten", r.kabupaten)] where value == nil {
                issues.append(SnapshotIssue(
                    .missingValue, file: current.fileName, line: line, column: column,
                    value: "",
                    expected: "a name: cooperative \(r.kode) reports for the first time, so \(column) is required"))
            }
        }
        return byLine(issues)
    }

    /// Runs every check that needs the history.
    ///
    /// - Returns: all warnings: the file's own (`current.warnings`) and the cross-week
    ///   ones, sorted by line (issues without a line last).
    /// - Throws: `SnapshotFileError` with the first-appearance errors, when there are any.
    public static func check(
        previous: [CooperativeCode: SnapshotRecord], current: SnapshotFile
    ) throws(SnapshotFileError) -> [SnapshotIssue] {
        let errors = firstAppearanceErrors(previous: previous, current: current)
        if !errors.isEmpty {
            throw SnapshotFileError(fileName: current.fileName, issues: errors)
        }
        return byLine(current.warnings + crossWeekWarnings(previous: previous, current: current))
    }

    /// `issues` stably sorted by line, issues without a line last.
    private static func byLine(_ issues: [SnapshotIssue]) -> [SnapshotIssue] {
        issues.enumerated().sorted {
            let a = $0.element.line ?? Int.max, b = $1.element.line ?? Int.max
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
    }

    private static func lineOf(_ file: SnapshotFile, _ i: Int) -> Int? {
        i < file.recordLines.count && file.recordLines[i] > 0 ? file.recordLines[i] : nil
    }

    /// `12.5`, `100` — the writer's form.
    static func formatNumber(_ v: Double) -> String {
        SnapshotWriter.progressText(v)
    }
}
