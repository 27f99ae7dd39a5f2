import ArgumentParser
import KendaliData

/// `kendali history`: every stored report of one cooperative, all revisions of every week.
struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every stored report of one cooperative, all revisions of every week.",
        discussion: """
            One line per stored report: the week, the file it came from, its revision, \
            whether that revision is the active one, the stage, land status, progress and \
            the zone. The zone of an active report uses the cooperative's active history; \
            that of a superseded report is computed as if it were still active.

            A stored week after the cooperative's first report in which it has no active \
            report is a gap: a line of its own marked 'tidak' in the column 'lapor' (CSV: \
            reported = 0, JSON: "reported": false), with the other columns empty, so the \
            weeks of silence show in place.

            Example:
              kendali history 5201012001 --db ntb.sqlite
            """)

    @Argument(help: ArgumentHelp(
        "The cooperative's code, 10 digits (5201012001) or dotted (52.01.01.2001).",
        valueName: "kode"))
    var kode: String

    @Option(help: ArgumentHelp("The history store (SQLite file).", valueName: "path"))
    var db: String

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var lang: LanguageOption

    func validate() throws {
        guard CooperativeCode(parsing: kode) != nil else {
            throw ValidationError("'\(kode)' is not a cooperative code: 10 digits or 52.01.01.2001")
        }
    }

    func run() throws {
        guard let code = CooperativeCode(parsing: kode) else { throw ExitCode.validationFailure }
        let ruleSet = try Status.loadRules(rules)
        let revisions: [StoredRevision]
        let weeks: [Day]
        do {
            let store = try HistoryStore.open(path: db, mode: .readOnly)
            revisions = try store.history(of: code)
            weeks = try store.weeks()
        } catch {
            throw CLIError(error.description)
        }
        if revisions.isEmpty {
            throw CLIError("cooperative \(code) has no report in the store \(db)")
        }
        let lines = Self.withGaps(Self.lines(revisions, rules: ruleSet), weeks: weeks)
        print(render(lines, code: code, ruleSet: ruleSet), terminator: "")
    }

    /// One output line: a stored report, or a gap (a stored week without an active report
    /// of the cooperative).
    struct Line {
        /// The report; `nil` for a gap.
        var stored: StoredRevision?
        /// Its zone; `nil` for a gap.
        var zone: Zone?
        /// The week of the line.
        var week: Day

        /// A report's line.
        init(revision: StoredRevision, zone: Zone) {
            stored = revision
            self.zone = zone
            week = revision.source.reportDate
        }

        /// A gap's line.
        init(gap week: Day) {
            stored = nil
            zone = nil
            self.week = week
        }

        /// Whether the line is a gap.
        var isGap: Bool { stored == nil }
    }

    /// `lines` with a gap line for each of `weeks` (the stored weeks) from the first
    /// report on without an active report, in week order.
    static func withGaps(_ lines: [Line], weeks: [Day]) -> [Line] {
        guard let first = lines.first?.week else { return lines }
        let reported = Set(lines.compactMap { $0.stored?.source.isActive == true ? $0.week : nil })
        var out: [Line] = []
        var i = 0
        for week in weeks where week >= first {
            while i < lines.count, lines[i].week <= week {
                out.append(lines[i])
                i += 1
            }
            if !reported.contains(week) { out.append(Line(gap: week)) }
        }
        out.append(contentsOf: lines[i...])
        return out
    }

    /// The lines with their zones: each report classified on the active history before
    /// its week followed by itself.
    static func lines(_ revisions: [StoredRevision], rules: RuleSet) -> [Line] {
        let classifier = ZoneClassifier(rules: rules)
        let active = revisions.filter(\.source.isActive).map(\.record)
        return revisions.map { rev in
            let before = active.filter { $0.tanggal < rev.record.tanggal }
            let history = before + [rev.record]
            return Line(revision: rev, zone: classifier.zone(history: history, at: history.count - 1))
        }
    }

    private func render(_ lines: [Line], code: CooperativeCode, ruleSet: RuleSet) -> String {
        func progress(_ v: Double?) -> String { v.map { SnapshotWriter.progressText($0) } ?? "" }
        let gaps = lines.filter(\.isGap).map(\.week)
        switch format {
        case .csv:
            var out = "kode_koperasi,report_date,file,revision,active,tahap,status_lahan,progres_fisik,zone,rule_set,reported\n"
            for l in lines {
                guard let stored = l.stored, let zone = l.zone else {
                    out += [code.description, l.week.iso, "", "", "", "", "", "", "", Tabular.csvField(ruleSet.label), "0"]
                        .joined(separator: ",") + "\n"
                    continue
                }
                let r = stored.record, s = stored.source
                out += [
                    code.description, s.reportDate.iso, Tabular.csvField(s.fileName),
                    String(s.revision), s.isActive ? "1" : "0", r.tahap.rawValue,
                    r.statusLahan.rawValue, progress(r.progresFisik), zone.rawValue,
                    Tabular.csvField(ruleSet.label), "1",
                ].joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let items = lines.map { l -> String in
                guard let stored = l.stored, let zone = l.zone else {
                    return "{\"report_date\":\(Tabular.jsonString(l.week.iso)),\"file\":null,\"revision\":null,"
                        + "\"active\":null,\"imported_at\":null,\"tahap\":null,\"status_lahan\":null,"
                        + "\"progres_fisik\":null,\"zone\":null,\"reported\":false}"
                }
                let r = stored.record, s = stored.source
                return "{\"report_date\":\(Tabular.jsonString(s.reportDate.iso)),"
                    + "\"file\":\(Tabular.jsonString(s.fileName)),\"revision\":\(s.revision),"
                    + "\"active\":\(s.isActive),\"imported_at\":\(Tabular.jsonString(s.importedAt)),"
                    + "\"tahap\":\(Tabular.jsonString(r.tahap.rawValue)),"
                    + "\"status_lahan\":\(Tabular.jsonString(r.statusLahan.rawValue)),"
                    + "\"progres_fisik\":\(Tabular.jsonNumber(r.progresFisik)),"
                    + "\"zone\":\(Tabular.jsonString(zone.rawValue)),\"reported\":true}"
            }
            let names = lines.last { !$0.isGap }?.stored?.record
            return "{\"kode_koperasi\":\(Tabular.jsonString(code.description)),"
                + "\"nama_koperasi\":\(names?.nama.map(Tabular.jsonString) ?? "null"),"
                + "\"rule_set\":\(Tabular.jsonString(ruleSet.label)),"
                + "\"reports\":[" + items.joined(separator: ",") + "],"
                + "\"missing_weeks\":[" + gaps.map { Tabular.jsonString($0.iso) }.joined(separator: ",") + "]}\n"
        case .table:
            return Self.table(lines, code: code, ruleSet: ruleSet, gaps: gaps, language: lang.reportLanguage)
        }
    }
}
