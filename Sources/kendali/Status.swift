import ArgumentParser
import KendaliData
import Reports

/// `kendali status`: zone counts, the stage pipeline and the week's changes per unit.
struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Zone counts, stage pipeline and this week's changes per regency or district.",
        discussion: """
            For each unit of the level (province, regency = kabupaten/kota, district = \
            kecamatan): the cooperatives in each zone (hijau, kuning, merah), the stage \
            pipeline (terdaftar, portal, pembangunan, selesai, beroperasi) and those in the \
            portal stage whose land is not ready (status_lahan other than siap), the change of \
            every count since the previous week, and the zone changes of the week \
            (merah→kuning, kuning→hijau, … and back), with a total line. Every format names \
            the rule set used.

            CSV columns (a stable contract): rule_set, as_of, previous_week, level, unit_code, \
            unit_name, cooperatives, hijau, kuning, merah, terdaftar, portal, pembangunan, \
            selesai, beroperasi, portal_land_not_ready, then change_<each count>, then \
            merah_to_kuning, kuning_to_hijau, merah_to_hijau, hijau_to_kuning, \
            kuning_to_merah, hijau_to_merah. The total line has unit_code 'total'.

            --format xlsx --out FILE writes the CSV's columns as an Excel workbook instead: one \
            sheet, the column names in --lang above the machine names (two frozen header rows), \
            numbers as numbers, dates as dates.

            'Hijau' is the zone this week: the cooperatives whose report of the week is \
            green (the report's headline counts the same; cooperatives ever green are the \
            forecast's count). --where kabupaten=NAME or kecamatan=NAME (or a code) keeps \
            the units of one regency or district (the level is made at least as fine as \
            the key); names match without case and without the Kabupaten/Kota prefix, and \
            an ambiguous name lists its matches.

            --missing lists instead the cooperatives silent for two weeks or more (every \
            registered one, when the store has a register), with the week each was last seen \
            and the weeks since; CSV columns: as_of, kode_koperasi, nama_koperasi, desa, \
            kecamatan, kabupaten, last_seen, weeks_silent.

            Examples:
              kendali status snapshots/
              kendali status --db ntb.sqlite --missing
              kendali status --db ntb.sqlite --as-of 2025-09-01 --level district --format csv
              kendali status snapshots/ --format xlsx --out status.xlsx --lang en
            """)

    /// The levels a status can be given at.
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case province, regency, district

        /// The level `argument` names in either language (``AdminLevel/init(name:)``), so
        /// `kabupaten` is `regency` as everywhere else.
        init?(argument: String) {
            switch AdminLevel(name: argument) {
            case .province: self = .province
            case .regency: self = .regency
            case .district: self = .district
            case .village, .national, nil: return nil
            }
        }

        var adminLevel: AdminLevel {
            switch self {
            case .province: .province
            case .regency: .regency
            case .district: .district
            }
        }
    }

    @OptionGroup var source: DataSourceOptions

    @Option(help: "The units: province, regency (kabupaten/kota) or district (kecamatan).")
    var level: Level = .regency

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    @OptionGroup var output: TableOutputOptions

    @OptionGroup var lang: LanguageOption

    var format: OutputFormat { output.textFormat }

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Keep one regency or district: kabupaten=NAME|CODE or kecamatan=NAME|CODE.", valueName: "key=value"))
    var whereClause: String?

    func validate() throws {
        if let whereClause { _ = try UnitMatcher.parseWhere(whereClause) }
    }

    @Flag(help: "List the cooperatives silent 2 weeks or more, with the week each was last seen.")
    var missing = false

    func run() throws {
        try output.prepare()
        if missing {
            try runMissing()
            return
        }
        let ruleSet = try Self.loadRules(rules)
        if let whereClause { return try runWhere(whereClause, rules: ruleSet) }
        let found: StatusReport?
        if let db = source.db {
            // Only the weeks the status needs are read from the store.
            let (asOf, level) = (source.asOfDay, level.adminLevel)
            found = try source.reading { () throws(SnapshotHistoryError) in
                try StatusReport.compute(store: db, asOf: asOf, level: level, rules: ruleSet)
            }
        } else {
            let history = try source.loadHistory()
            found = StatusReport.compute(
                history: history, asOf: source.asOfDay, level: level.adminLevel, rules: ruleSet)
        }
        guard let report = found else {
            throw CLIError("no week on or before \(source.asOf ?? "the latest date") in the \(source.sourceDescription)")
        }
        try emit(report)
    }

    /// Prints `report` in the chosen format, or writes it as the `--out` workbook.
    func emit(_ report: StatusReport) throws {
        if output.workbookPath != nil {
            print(try output.write([Self.sheet(report, language: lang.reportLanguage)], language: lang.reportLanguage), terminator: "")
            return
        }
        print(Self.render(report, format: format, language: lang.reportLanguage), terminator: "")
    }

    /// The rule set at `path`, or the default one; on error prints it and exits 1.
    static func loadRules(_ path: String?) throws -> RuleSet {
        guard let path else { return .default }
        do {
            return try RuleSet.load(path: path)
        } catch {
            throw CLIError(error.description)
        }
    }

    // MARK: - Rendering

    /// The count columns, in output order, with their CSV/JSON names; their table labels
    /// are ``countLabel(_:_:)``.
    static let countColumns: [(key: String, value: @Sendable (StatusCounts) -> Int)] = [
        ("cooperatives", \.cooperatives),
        ("hijau", \.hijau),
        ("kuning", \.kuning),
        ("merah", \.merah),
        ("terdaftar", \.terdaftar),
        ("portal", \.portal),
        ("pembangunan", \.pembangunan),
        ("selesai", \.selesai),
        ("beroperasi", \.beroperasi),
        ("portal_land_not_ready", \.portalLandNotReady),
    ]

    /// `merah_to_kuning`, … in `ZoneChangeCounts.pairs` order.
    static let pairKeys = ZoneChangeCounts.pairs.map { "\($0.from.rawValue)_to_\($0.to.rawValue)" }

    static func render(_ report: StatusReport, format: OutputFormat, language: ReportLanguage) -> String {
        switch format {
        case .csv: csv(report)
        case .json: json(report)
        case .table: table(report, language: language)
        }
    }

    static func csv(_ report: StatusReport) -> String {
        var header = ["rule_set", "as_of", "previous_week", "level", "unit_code", "unit_name"]
        header += countColumns.map(\.key)
        header += countColumns.map { "change_" + $0.key }
        header += pairKeys
        var out = header.joined(separator: ",") + "\n"
        for (u, code) in report.units.map({ ($0, String($0.unit.code)) }) + [(report.total, "total")] {
            var fields = [
                Tabular.csvField(report.rules.label), report.asOf.iso,
                report.previousWeek?.iso ?? "", report.level.rawValue, code,
                Tabular.csvField(u.name),
            ]
            fields += countColumns.map { String($0.value(u.current)) }
            let change = u.change
            fields += countColumns.map { report.previousWeek == nil ? "" : String($0.value(change)) }
            fields += ZoneChangeCounts.pairs.map { String(u.changes[$0.from, $0.to]) }
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    static func json(_ report: StatusReport) -> String {
        func counts(_ c: StatusCounts) -> String {
            "{" + countColumns.map { "\"\($0.key)\":\($0.value(c))" }.joined(separator: ",") + "}"
        }
        func unit(_ u: StatusUnit, code: String) -> String {
            let transitions = zip(pairKeys, ZoneChangeCounts.pairs).map { key, pair in
                "\"\(key)\":\(u.changes[pair.from, pair.to])"
            }.joined(separator: ",")
            return "{\"code\":\(Tabular.jsonString(code)),\"name\":\(Tabular.jsonString(u.name)),"
                + "\"counts\":\(counts(u.current)),"
                + "\"previous\":\(report.previousWeek == nil ? "null" : counts(u.previous)),"
                + "\"change\":\(report.previousWeek == nil ? "null" : counts(u.change)),"
                + "\"transitions\":{\(transitions)}}"
        }
        let rules = report.rules
        return "{\"rule_set\":{\"name\":\(Tabular.jsonString(rules.name)),\"version\":\(rules.version),"
            + "\"label\":\(Tabular.jsonString(rules.label))},"
            + "\"as_of\":\(Tabular.jsonString(report.asOf.iso)),"
            + "\"previous_week\":\(report.previousWeek.map { Tabular.jsonString($0.iso) } ?? "null"),"
            + "\"level\":\(Tabular.jsonString(report.level.rawValue)),"
            + "\"units\":[" + report.units.map { unit($0, code: String($0.unit.code)) }.joined(separator: ",")
            + "],\"total\":\(unit(report.total, code: "total"))}\n"
    }
}
