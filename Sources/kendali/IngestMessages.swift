import KendaliData
import Reports

/// `ingest`'s messages in the chosen language.
///
/// The readers and the store describe their errors in English; in English those texts are
/// printed unchanged. In Bahasa Indonesia the kinds a planner meets when a file is refused
/// (a refused file with its lines, a week already stored, a folder without snapshot files)
/// are translated here, where they are printed; the rare ones (a database failure, a
/// store of another schema) stay in English.
enum IngestMessages {
    /// The message of `error`, thrown by the snapshot reader, the folder listing or the
    /// store, in `language`.
    static func text(_ error: any Error, _ language: ReportLanguage) -> String {
        switch error {
        case let e as SnapshotFileError: SnapshotIssueText.lines(e, language: language)
        case let e as StoreError: text(e, language)
        case let e as SnapshotHistoryError:
            e.problems.map { text($0, language) }.joined(separator: "\n")
        default: String(describing: error)
        }
    }

    /// One store error in `language`.
    static func text(_ error: StoreError, _ language: ReportLanguage) -> String {
        guard language != .en else { return error.description }
        switch error {
        case let .refused(e): return SnapshotIssueText.lines(e, language: language)
        case let .weekAlreadyStored(day, existing, revision, differing, nameDate):
            let f = ReportFormatter(language)
            if let nameDate {
                return ReportText(language)(.weekAlreadyStoredNamed, day.iso, existing, String(revision),
                                            f.integer(differing), nameDate.iso)
            }
            return ReportText(language)(.weekAlreadyStored, day.iso, existing, String(revision), f.integer(differing),
                                        String(revision + 1))
        default: return error.description
        }
    }

    /// One problem of reading a folder in `language`.
    static func text(_ problem: SnapshotHistoryError.Problem, _ language: ReportLanguage) -> String {
        guard language != .en else { return SnapshotHistoryError(problems: [problem]).description }
        switch problem {
        case let .refused(e): return SnapshotIssueText.lines(e, language: language)
        case let .noFiles(path): return ReportText(language)(.noSnapshotFiles, path)
        case let .store(e): return text(e, language)
        default: return SnapshotHistoryError(problems: [problem]).description
        }
    }
}

extension IngestLine {
    /// The summary as an aligned table and a closing count, in `language`. The English
    /// wording is the summary's stable one (`file`, `refused`, `1 file: 0 stored, …`).
    static func table(_ lines: [IngestLine], store: String, language: ReportLanguage) -> String {
        let text = ReportText(language)
        let f = ReportFormatter(language)
        func outcome(_ raw: String) -> String {
            switch raw {
            case "imported": text(.outcomeImported)
            case "unchanged": text(.outcomeUnchanged)
            case "replaced": text(.outcomeReplaced)
            case "refused": text(.outcomeRefused)
            default: raw
            }
        }
        let header = [text(.ingestFile), text(.ingestWeek), text(.ingestOutcome), text(.ingestRevision),
                      text(.ingestRows), text(.ingestWarnings), text(.ingestErrors)]
        let rows = lines.map { l in
            [
                l.file, l.date?.iso ?? "-", outcome(l.outcome), l.revision.map(String.init) ?? "-",
                f.integer(l.rows), f.integer(l.warnings), f.integer(l.errors),
            ]
        }
        let stored = lines.filter { $0.outcome != "refused" && $0.outcome != "unchanged" }.count
        let unchanged = lines.filter { $0.outcome == "unchanged" }.count
        let refused = lines.filter { $0.outcome == "refused" }.count
        let summary = text(lines.count == 1 ? .ingestSummaryOneFile : .ingestSummary,
                           f.integer(lines.count), f.integer(stored), f.integer(unchanged), f.integer(refused), store)
        return Tabular.table(header: header, rows: rows, rightAligned: [3, 4, 5, 6]) + summary + "\n"
    }
}
