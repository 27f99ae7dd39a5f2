import Forecasting
import Foundation
import KendaliData
import Reports

/// Everything `kendali why` says about one cooperative, computed once and rendered as a
/// table (in either language) or JSON.
struct WhyExplanation {
    /// The cooperative.
    let code: CooperativeCode
    /// Its last report up to the as-of week.
    let last: SnapshotRecord
    /// The as-of date (the last week of the data).
    let asOf: Day
    /// Its zone at its last report.
    let zone: Zone
    /// What keeps it from green (empty when green).
    let missing: [GreenShortfall]
    /// The date of its first green report, if any.
    let greenSince: Day?
    /// The quality of its data at the as-of week.
    let quality: DataQuality
    /// Its forecast as of each week, oldest first; the last is now.
    let steps: [ForecastStep]
    /// The panel (to turn weeks into dates).
    let panel: Panel
    /// The forecast's options.
    let options: ForecastOptions

    /// Explains cooperative `i` of `panel` (built from `history`), with the forecast as of
    /// the as-of week and each of the `weeks` weeks before it.
    ///
    /// - Throws: ``ForecastError`` when a week's models cannot be fitted.
    init(history: SnapshotHistory, panel: Panel, cooperative i: Int, weeks: Int, options: ForecastOptions)
        throws(ForecastError)
    {
        let code = panel.codes[i]
        let first = panel.dates.first ?? Day(daysSinceEpoch: 0)
        var reports: [Int: SnapshotRecord] = [:]
        for week in history.weeks {
            if let r = week.record(of: code) { reports[first.weeks(to: week.date, rounding: .nearest)] = r }
        }
        let records = reports.keys.sorted().compactMap { reports[$0] }
        let classifier = ZoneClassifier(rules: panel.rules)
        let lastWeek = panel.weekCount - 1
        self.code = code
        self.panel = panel
        self.options = options
        asOf = panel.date(ofWeek: lastWeek)
        // Every cooperative of the panel has a report in the history it was built from.
        guard let lastRecord = records.last else { preconditionFailure("cooperative \(code) has no report") }
        last = lastRecord
        zone = classifier.zone(history: records, at: records.count - 1)
        missing = classifier.missingForGreen(history: records, at: records.count - 1)
        greenSince = classifier.greenDate(history: records)
        quality = panel.dataQuality(of: i, at: lastWeek)
        let asOfWeeks = lastWeek == 0 ? [0] : Array(max(1, lastWeek - weeks)...lastWeek)
        steps = try ForecastMoves.history(
            panel: panel, cooperative: i, weeks: asOfWeeks, options: options, reports: reports)
    }

    /// The ISO date of grid week `week`, `nil` for none.
    func iso(_ week: Int?) -> String? { week.map { panel.date(ofWeek: $0).iso } }

    // MARK: - JSON

    /// The JSON object (see the command's help).
    func json() -> String {
        let j = Tabular.jsonString
        let n = Tabular.jsonNumber
        func date(_ w: Int?) -> String { iso(w).map(j) ?? "null" }
        func change(_ c: InputChange) -> String {
            "{\"column\": \(j(c.column)), \"from\": \(j(c.from)), \"to\": \(j(c.to))}"
        }
        var out = "{\n"
        out += "  \"kode_koperasi\": \(j(code.description)),\n"
        out += "  \"nama_koperasi\": \(last.nama.map(j) ?? "null"),\n"
        out += "  \"as_of\": \(j(asOf.iso)),\n"
        out += "  \"last_report\": \(j(last.tanggal.iso)),\n"
        out += "  \"zone\": \(j(zone.rawValue)),\n"
        out += "  \"green_since\": \(greenSince.map { j($0.iso) } ?? "null"),\n"
        out += "  \"missing_for_green\": [" + missing.map {
            "{\"criterion\": \(j($0.criterion.rawValue)), \"value\": \(n($0.value)), \"needed\": \(n($0.needed))}"
        }.joined(separator: ", ") + "],\n"
        out += "  \"data_quality\": \(j(quality.rawValue)),\n"
        out += "  \"forecast_history\": [\n"
        out += steps.map { s in
            var e = "    {\"as_of\": \(j(panel.date(ofWeek: s.week).iso)), \"p10\": \(date(s.forecast?.p10)), "
            e += "\"p50\": \(date(s.forecast?.p50)), \"p90\": \(date(s.forecast?.p90)), "
            e += "\"p50_move_weeks\": \(s.p50Move.map(String.init) ?? "null"), "
            e += "\"reported\": \(s.reported), "
            e += "\"changes\": [" + s.changes.map(change).joined(separator: ", ") + "], "
            e += "\"explained_by\": " + (s.explanation.map { x in
                "{\"column\": \(j(x.change.column)), \"from\": \(j(x.change.from)), \"to\": \(j(x.change.to)), "
                    + "\"weeks\": \(x.weeks), \"p50_reverted\": \(date(x.revertedP50))}"
            } ?? "null") + "}"
            return e
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }

    // MARK: - Workbook

    /// The explanation as two workbook sheets: the criteria missed for green, and the
    /// forecast history with the inputs that changed in each week (one row per change, or
    /// one row for a week without a change). Machine names as in the JSON, headers in
    /// `language`.
    func sheets(language: ReportLanguage) -> [DataTable] {
        let w = WhyWords(language)
        let text = ReportText(language)
        let header = w.missingHeader
        let criteria = DataTable(
            name: "missing_for_green",
            columns: [.init("kode_koperasi", text(.colCode)), .init("zone", text(.colZone)),
                      .init("criterion", header[0]), .init("value", header[1]), .init("needed", header[2])],
            rows: missing.map { m in
                [.text(code.description), .zone(zone), .coded(m.criterion.rawValue, label: w.criterion(m.criterion)),
                 .number(m.value, digits: 0), .number(m.needed, digits: 0)]
            })
        func date(_ week: Int?) -> Cell { week.map { .date(panel.date(ofWeek: $0)) } ?? .empty }
        var rows: [[Cell]] = []
        for s in steps {
            let lead: [Cell] = [.text(code.description), .date(panel.date(ofWeek: s.week)),
                                date(s.forecast?.p10), date(s.forecast?.p50), date(s.forecast?.p90),
                                s.p50Move.map { .integer($0) } ?? .empty]
            let explained = s.explanation?.change
            if s.changes.isEmpty {
                rows.append(lead + [.empty, .empty, .empty, .empty])
            }
            for c in s.changes {
                rows.append(lead + [.text(c.column), .text(c.from), .text(c.to),
                                    .text(c == explained ? "1" : "")])
            }
        }
        let historyHeader = w.historyHeader
        let history = DataTable(
            name: "forecast_history",
            columns: [.init("kode_koperasi", text(.colCode)), .init("as_of", historyHeader[0]),
                      .init("p10", "P10"), .init("p50", "P50"), .init("p90", "P90"),
                      .init("p50_move_weeks", historyHeader[4]), .init("column", w.changeColumn),
                      .init("from", w.changeFrom), .init("to", w.changeTo), .init("explains_move", w.explainsMove)],
            rows: rows)
        return [criteria, history]
    }

    // MARK: - Table

    /// The table for people, in `language`.
    func table(language: ReportLanguage) -> String {
        let w = WhyWords(language)
        let text = ReportText(language)
        let f = ReportFormatter(language)
        var out = w.title(code.dotted)
        if let nama = last.nama { out += " — \(nama)" }
        let place = [last.desa, last.kecamatan, last.kabupaten].compactMap { $0 }
        if !place.isEmpty { out += " (\(place.joined(separator: ", ")))" }
        out += "\n" + w.asOf(f.date(asOf), f.date(last.tanggal)) + "\n\n"
        out += w.zone(text.zoneName(zone)) + "\n"
        if missing.isEmpty {
            if let greenSince { out += w.greenSince(f.date(greenSince)) + "\n" }
        } else {
            out += w.missingIntro + "\n"
            let rows = missing.map { m -> [String] in
                [w.criterion(m.criterion), f.decimal(m.value, digits: 0), "≥ " + f.decimal(m.needed, digits: 0)]
            }
            out += Tabular.table(header: w.missingHeader, rows: rows, rightAligned: [1, 2])
        }
        out += w.quality(quality) + "\n\n"
        out += w.historyIntro + "\n"
        let rows = steps.map { s -> [String] in
            let q = s.forecast
            func cell(_ week: Int?) -> String { q == nil ? "–" : iso(week) ?? w.beyond }
            return [panel.date(ofWeek: s.week).iso, cell(q?.p10), cell(q?.p50), cell(q?.p90),
                    s.p50Move.map { $0 == 0 ? "0" : String(format: "%+d", $0) } ?? ""]
        }
        out += Tabular.table(header: w.historyHeader, rows: rows, rightAligned: [4])
        for s in steps where !(s.p50Move.map { abs($0) < ForecastMoves.minimumMove } ?? true) {
            let move = s.p50Move ?? 0
            out += "\n" + w.moved(panel.date(ofWeek: s.week).iso, String(format: "%+d", move)) + "\n"
            if s.changes.isEmpty {
                out += "  " + (s.reported ? w.sameReport : w.noReport) + "\n"
                continue
            }
            for c in s.changes { out += "  - " + describe(c, text: text) + "\n" }
            if let x = s.explanation {
                out += "  " + w.explained(
                    x.change.column, describe(x.change, text: text, named: false), iso(x.revertedP50) ?? w.beyond,
                    String(format: "%+d", x.weeks), String(format: "%+d", move)) + "\n"
            } else {
                out += "  " + w.notExplained + "\n"
            }
        }
        return out
    }

    /// A change as `column: from → to`, with the stage and land values named in the
    /// report's words.
    func describe(_ c: InputChange, text: ReportText, named: Bool = true) -> String {
        func value(_ v: String) -> String {
            if c.column == "status_lahan", let s = StatusLahan(rawValue: v) { return text.landName(s) }
            if c.column == "tahap", let s = Tahap(rawValue: v) { return text.stageName(s) }
            return v.isEmpty ? "–" : v
        }
        return (named ? "\(c.column): " : "") + "\(value(c.from)) → \(value(c.to))"
    }
}

/// The words of `kendali why` in Bahasa Indonesia and English (the zone, stage and land
/// names come from the report's ``ReportText``).
struct WhyWords {
    let language: ReportLanguage

    init(_ language: ReportLanguage) { self.language = language }

    private func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }

    func title(_ code: String) -> String { pick("Koperasi \(code)", "Cooperative \(code)") }
    func asOf(_ date: String, _ last: String) -> String {
        pick("Per \(date) (laporan terakhir \(last))", "As of \(date) (last report \(last))")
    }
    func zone(_ name: String) -> String { pick("Zona: \(name)", "Zone: \(name)") }
    func greenSince(_ date: String) -> String { pick("Hijau sejak \(date).", "Green since \(date).") }
    var changeColumn: String { pick("Kolom", "Column") }
    var changeFrom: String { pick("Dari", "From") }
    var changeTo: String { pick("Menjadi", "To") }
    var explainsMove: String { pick("Menjelaskan geseran", "Explains the move") }
    var missingIntro: String { pick("Belum hijau karena:", "Not green because of:") }
    var missingHeader: [String] { [pick("Kriteria", "Criterion"), pick("Nilai", "Value"), pick("Dibutuhkan", "Needed")] }
    func criterion(_ c: GreenShortfall.Criterion) -> String {
        switch c {
        case .infrastruktur: pick("infrastruktur (lahan + progres fisik)", "infrastructure (land + physical progress)")
        case .kelembagaan: pick("kelembagaan", "institutional")
        case .legalitas: pick("legalitas", "legality")
        case .unitUsahaAktif: pick("unit usaha aktif", "active business units")
        case .usahaSehat: pick("usaha tidak menurun", "business not falling")
        }
    }
    func quality(_ q: DataQuality) -> String {
        switch q {
        case .ok: pick("Kualitas data: baik", "Data quality: ok")
        case .stale: pick("Kualitas data: usang (tidak melapor 3 minggu atau lebih; rentang prakiraan diperlebar)",
                          "Data quality: stale (silent for 3 weeks or more; the forecast interval is widened)")
        case .inconsistent: pick("Kualitas data: tidak konsisten (laporan terakhir bertentangan dengan sebelumnya; rentang prakiraan diperlebar)",
                                 "Data quality: inconsistent (the last report contradicts the one before; the forecast interval is widened)")
        }
    }
    var historyIntro: String {
        pick("Prakiraan tanggal hijau, dibuat per minggu dengan data sampai minggu itu:",
             "Green-date forecast, made as of each week on the data up to it:")
    }
    var historyHeader: [String] { [pick("Per", "As of"), "P10", "P50", "P90", pick("Geser P50 (mgg)", "P50 move (wk)")] }
    var beyond: String { pick("di luar cakrawala", "beyond") }
    func moved(_ date: String, _ move: String) -> String {
        pick("\(date): P50 bergeser \(move) minggu. Masukan yang berubah sejak laporan sebelumnya:",
             "\(date): P50 moved \(move) weeks. Inputs changed since the report before:")
    }
    var noReport: String {
        pick("(tidak ada laporan minggu ini; model dipasang ulang pada data minggu itu)",
             "(no report this week; the models were refitted on the week's data)")
    }
    var sameReport: String {
        pick("(laporan sama dengan sebelumnya; model dipasang ulang pada data minggu itu)",
             "(the report is the same as the one before; the models were refitted on the week's data)")
    }
    func explained(_ column: String, _ change: String, _ p50: String, _ weeks: String, _ move: String) -> String {
        pick("Sebagian besar geseran dijelaskan oleh \(column) (\(change)): tanpa perubahan ini P50 = \(p50); "
                + "perubahan ini menyumbang \(weeks) dari \(move) minggu.",
             "Most of the move is explained by \(column) (\(change)): without this change the P50 is \(p50); "
                + "it accounts for \(weeks) of the \(move) weeks.")
    }
    var notExplained: String {
        pick("Tidak ada satu perubahan yang menjelaskan sebagian besar geseran (beberapa perubahan bersama, atau model dipasang ulang).",
             "No single change explains most of the move (several changes together, or the models refitted).")
    }
}
