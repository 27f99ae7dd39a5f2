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
        do {
            let store = try HistoryStore.open(path: db, mode: .readOnly)
            revisions = try store.history(of: code)
        } catch {
            throw CLIError(error.description)
        }
        if revisions.isEmpty {
            throw CLIError("cooperative \(code) has no report in the store \(db)")
        }
        let lines = Self.lines(revisions, rules: ruleSet)
        print(render(lines, code: code, ruleSet: ruleSet), terminator: "")
    }

    /// One output line.
    struct Line {
        var revision: StoredRevision
        var zone: Zone
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
        switch format {
        case .csv:
            var out = "kode_koperasi,report_date,file,revision,active,tahap,status_lahan,progres_fisik,zone,rule_set\n"
            for l in lines {
                let r = l.revision.record, s = l.revision.source
                out += [
                    code.description, s.reportDate.iso, Tabular.csvField(s.fileName),
                    String(s.revision), s.isActive ? "1" : "0", r.tahap.rawValue,
                    r.statusLahan.rawValue, progress(r.progresFisik), l.zone.rawValue,
                    Tabular.csvField(ruleSet.label),
                ].joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let items = lines.map { l -> String in
                let r = l.revision.record, s = l.revision.source
                return "{\"report_date\":\(Tabular.jsonString(s.reportDate.iso)),"
                    + "\"file\":\(Tabular.jsonString(s.fileName)),\"revision\":\(s.revision),"
                    + "\"active\":\(s.isActive),\"imported_at\":\(Tabular.jsonString(s.importedAt)),"
                    + "\"tahap\":\(Tabular.jsonString(r.tahap.rawValue)),"
                    + "\"status_lahan\":\(Tabular.jsonString(r.statusLahan.rawValue)),"
                    + "\"progres_fisik\":\(Tabular.jsonNumber(r.progresFisik)),"
                    + "\"zone\":\(Tabular.jsonString(l.zone.rawValue))}"
            }
            let names = lines.last.map { $0.revision.record }
            return "{\"kode_koperasi\":\(Tabular.jsonString(code.description)),"
                + "\"nama_koperasi\":\(names?.nama.map(Tabular.jsonString) ?? "null"),"
                + "\"rule_set\":\(Tabular.jsonString(ruleSet.label)),"
                + "\"reports\":[" + items.joined(separator: ",") + "]}\n"
        case .table:
            return Self.table(lines, code: code, ruleSet: ruleSet, language: lang.reportLanguage)
        }
    }
}
