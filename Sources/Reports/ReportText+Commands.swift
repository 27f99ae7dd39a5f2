/// The words of the command-line tables and messages (`status`, `forecast`, `rank`,
/// `history`, `factors`, `ingest`), beside the report's own ``ReportText/Key``: the same
/// two languages, the same `{n}` placeholders, and a `switch` that makes a missing
/// translation a compile error. Names of codes (zones, stages, factors, …) are not here but
/// in ``ReportText`` itself, shared with the report.
extension ReportText {
    /// The keys of the command-line words.
    public enum CommandKey: String, CaseIterable, Sendable {
        case workbookWritten, beyond
        case statusTitle, statusChangeSince, statusTransitions, colImproved, colWorsened
        case colAsOf, colPreviousWeek, colLevel, changeOf
        case colP50NowLowerBound, forecastTitle, colUnit, colEverGreen, colNeverGreen, colGreenIn26, colPercentGreen, colProbabilityBy, colMainFactor
        case colTargetDate, colAssumptions, assumptionsCarried
        case colWeek, colAddedGreen, colProbabilityNow, colProbabilityAfter, colProbabilityChange, colFromDate
        case historyTitle, colRevision, colActive, colProgressShort, activeYes, activeSuperseded, colReported, reportedYes, reportedNo, historyGaps
        case ingestFile, ingestWeek, ingestOutcome, ingestRevision, ingestRows, ingestWarnings, ingestErrors
        case outcomeImported, outcomeUnchanged, outcomeReplaced, outcomeRefused
        case ingestSummary, ingestSummaryOneFile, noSuchInput, noSnapshotFiles, weekAlreadyStored, weekAlreadyStoredNamed
        case factorsTitle, colWorkLost, colInterval, colPointsLost, factorsBefore, factorsPerRegency, factorsSeason
        case colGroup
    }

    /// The text of `key` with `{n}` replaced by `args[n − 1]`.
    public func format(_ key: CommandKey, _ args: [String]) -> String {
        let e = Self.entry(key)
        return Self.fill(language == .id ? e.id : e.en, args)
    }

    /// The text of `key` with its arguments.
    public func callAsFunction(_ key: CommandKey, _ args: String...) -> String { format(key, args) }

    // swiftlint:disable function_body_length
    /// The row of `key`: the Indonesian and the English text.
    public static func entry(_ key: CommandKey) -> (id: String, en: String) {
        switch key {
        case .workbookWritten: ("Tabel ditulis ke {1} ({2} baris).", "Table written to {1} ({2} rows).")
        case .beyond: ("di luar", "beyond")

        // MARK: status
        case .statusTitle: ("Status per {1} — minggu {2}", "Status by {1} — week of {2}")
        case .statusChangeSince: (" (perubahan sejak {1})", " (change since {1})")
        case .statusTransitions: ("Perpindahan zona minggu ini: {1}", "Zone changes this week: {1}")
        case .colImproved: ("Naik", "Better")
        case .colWorsened: ("Turun", "Worse")
        case .colAsOf: ("Per tanggal", "As of")
        case .colPreviousWeek: ("Minggu sebelumnya", "Previous week")
        case .colLevel: ("Tingkat", "Level")
        case .changeOf: ("{1}: perubahan", "{1}: change")

        // MARK: forecast
        case .forecastTitle: ("Prakiraan tanggal hijau per {1} — {2}; seed {3}, {4} jalur, horizon {5} minggu",
                              "Green-date forecast as of {1} — {2}; seed {3}, {4} paths, horizon {5} weeks")
        case .colP50NowLowerBound: ("P50 kini, paling cepat", "P50 now, at the earliest")
        case .colUnit: ("Wilayah", "Unit")
        case .colEverGreen: ("Pernah hijau", "Ever green")
        case .colNeverGreen: ("Belum pernah hijau", "Never green")
        case .colGreenIn26: ("Pernah hijau dlm 26 mgg (harapan)", "Ever green in 26 wk (exp.)")
        case .colPercentGreen: ("{1} % pernah hijau", "{1} % ever green")
        case .colProbabilityBy: ("P(sebelum {1})", "P(by {1})")
        case .colMainFactor: ("Faktor utama", "Main factor")
        case .colTargetDate: ("Tanggal target", "Target date")
        case .colAssumptions: ("Asumsi", "Assumptions")
        case .assumptionsCarried: ("{1} koperasi membawa asumsi (lihat 'assumptions' di CSV/JSON).",
                                   "{1} cooperative(s) carry an assumption (see the CSV/JSON 'assumptions').")

        // MARK: rank
        case .colWeek: ("Minggu", "Week")
        case .colAddedGreen: ("Tambahan hijau", "Added green")
        case .colProbabilityNow: ("P(target) kini", "P(target) now")
        case .colProbabilityAfter: ("P(target) sesudah", "P(target) after")
        case .colProbabilityChange: ("ΔP(target)", "ΔP(target)")
        case .colFromDate: ("Intervensi mulai", "Interventions from")

        // MARK: history
        case .historyTitle: ("Koperasi {1}", "Cooperative {1}")
        case .colRevision: ("Revisi", "Revision")
        case .colActive: ("Aktif", "Active")
        case .colProgressShort: ("Progres", "Progress")
        case .activeYes: ("ya", "yes")
        case .activeSuperseded: ("diganti", "superseded")
        case .colReported: ("Lapor", "Reported")
        case .reportedYes: ("ya", "yes")
        case .reportedNo: ("tidak", "no")
        case .historyGaps: ("Minggu tanpa laporan: {1} ({2})", "Weeks without a report: {1} ({2})")

        // MARK: ingest (the English words are the summary's stable wording)
        case .ingestFile: ("berkas", "file")
        case .ingestWeek: ("minggu", "week")
        case .ingestOutcome: ("hasil", "outcome")
        case .ingestRevision: ("rev", "rev")
        case .ingestRows: ("baris", "rows")
        case .ingestWarnings: ("peringatan", "warnings")
        case .ingestErrors: ("kesalahan", "errors")
        case .outcomeImported: ("diimpor", "imported")
        case .outcomeUnchanged: ("tidak berubah", "unchanged")
        case .outcomeReplaced: ("diganti", "replaced")
        case .outcomeRefused: ("ditolak", "refused")
        case .ingestSummary: ("{1} berkas: {2} disimpan, {3} tidak berubah, {4} ditolak — basis data {5}",
                              "{1} files: {2} stored, {3} unchanged, {4} refused — store {5}")
        case .ingestSummaryOneFile: ("{1} berkas: {2} disimpan, {3} tidak berubah, {4} ditolak — basis data {5}",
                                     "{1} file: {2} stored, {3} unchanged, {4} refused — store {5}")
        case .noSuchInput: ("{1}: tidak ada berkas atau folder dengan nama ini", "{1}: no such file or folder")
        case .noSnapshotFiles: ("{1}: tidak ada berkas laporan (.csv atau .xlsx) di folder ini\npetunjuk: berkas laporan mingguan (CSV, atau buku kerja .xlsx) harus langsung di dalam folder itu, bukan di subfolder",
                                "{1}: no snapshot file (.csv or .xlsx) in the folder\nhint: the weekly snapshot files (CSV, or .xlsx workbooks) must be directly inside it, not in a subfolder")
        case .weekAlreadyStored: ("minggu {1} sudah tersimpan dari '{2}' (revisi {3}); tanggal_laporan berkas ini {1} dan {4} baris berbeda; pakai --replace untuk menyimpannya sebagai revisi {5} minggu {1} (yang lama disimpan)",
                                  "week {1} is already stored from '{2}' (revision {3}); this file's tanggal_laporan is {1} and {4} rows differ; use --replace to store this file as revision {5} of the week {1} (the old one is kept)")
        case .weekAlreadyStoredNamed: ("minggu {1} sudah tersimpan dari '{2}' (revisi {3}); tanggal_laporan berkas ini {1} dan {4} baris berbeda; namanya menyebut {5}: bila berkas ini minggu {5}, perbaiki tanggal_laporan (--replace akan menyimpannya di atas minggu {1})",
                                       "week {1} is already stored from '{2}' (revision {3}); this file's tanggal_laporan is {1} and {4} rows differ; its name says {5}: if it holds the week {5}, correct tanggal_laporan (--replace would store it over the week {1})")

        // MARK: factors
        case .factorsTitle: ("Faktor penghambat — {1} minggu pembangunan; selang 95% dikelompokkan per koperasi",
                             "Delay factors — {1} construction weeks; 95 % intervals clustered by cooperative")
        case .colWorkLost: ("Kerja hilang δ", "Work lost δ")
        case .colInterval: ("Selang 95%", "95 % CI")
        case .colPointsLost: ("Poin hilang/minggu bertanda", "Points lost/flagged wk")
        case .factorsBefore:
            ("Sebelum pembangunan — minggu menunggu, dihitung dari laporan (lahan belum siap; lahan siap tetapi pembangunan belum mulai)",
             "Before construction — weeks waited, counted from the reports (land not ready; land ready but building not started)")
        case .factorsPerRegency: ("Minggu keterlambatan per kabupaten/kota (selang 95%)", "Weeks of delay per regency (95 % CI)")
        case .factorsSeason: ("Musim cuaca dari data (P(minggu bertanda cuaca) per bulan; lebar jendela {1} minggu, kekuatan prior {2} minggu)",
                              "Weather season learned (P(weather-flagged week) by month; bandwidth {1} weeks, prior strength {2} weeks)")
        case .colGroup: ("Kelompok", "Group")
        }
    }
}
