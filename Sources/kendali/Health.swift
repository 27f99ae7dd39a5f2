import Analysis
import ArgumentParser
import KendaliData
import Reports

/// `kendali health`: operations and business health of the operating cooperatives per unit,
/// and the cooperatives that are falling.
struct Health: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Business health of the operating cooperatives per regency or district, and those falling.",
        discussion: """
            For the cooperatives operating this week (tahap beroperasi, as 'kendali status' \
            counts them), per unit of the level and in total: how many operate, their business \
            units, the monthly turnover (median, P25 and P75, rupiah), the share of members who \
            are active, how many are falling and the trend of the median turnover over the last \
            12 reports (Theil–Sen slope, a week). A turnover off by a factor of 300 or more from \
            the cooperative's own median (rupiah typed as thousands) is a data warning, left out \
            of every figure.

            Falling: an operating cooperative whose median turnover over its last 4 reports is at \
            most 70 % of the median over the 4 reports before; or with fewer than 20 % of its \
            members active; or running fewer business units than 4 reports earlier. A rule set \
            with a 'health' block (datasets/rules/rule-set-2.json) sets these thresholds.

            --where KEY=VALUE narrows the cooperatives: KEY kabupaten (regency) or kecamatan \
            (district), VALUE a code (5201, 52.01.01) or a name, matched without regard to case \
            and without the 'Kabupaten'/'Kota' prefix; an ambiguous name lists its matches.

            CSV columns (a stable contract): level, unit_code, unit_name, operating, \
            units_active, median_omzet, p25_omzet, p75_omzet, active_member_share, falling; the \
            total line has unit_code 'total'. With --falling: kode_koperasi, nama_koperasi, \
            kecamatan, kabupaten, reason, omzet_now, omzet_before, active_member_share, \
            units_now, units_before (reason in the --lang language). Rupiah are whole; shares \
            are fractions to 4 decimals.

            Examples:
              kendali health datasets/ntb/snapshots
              kendali health --db ntb.sqlite --level district --where kabupaten=lombok tengah --format csv
              kendali health datasets/ntb/snapshots --falling --lang en
            """)

    /// The units of the rows.
    enum Level: String, ExpressibleByArgument, CaseIterable {
        case regency, district

        /// The level `argument` names in either language (``AdminLevel/init(name:)``), so
        /// `kabupaten` is `regency` as everywhere else.
        init?(argument: String) {
            switch AdminLevel(name: argument) {
            case .regency: self = .regency
            case .district: self = .district
            case .village, .province, .national, nil: return nil
            }
        }

        var adminLevel: AdminLevel { self == .regency ? .regency : .district }
    }

    @OptionGroup var source: DataSourceOptions

    @Option(help: "The rows: regency (kabupaten/kota) or district (kecamatan).")
    var level: Level = .regency

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Narrow to one regency or district: kabupaten=NAME|CODE or kecamatan=NAME|CODE.", valueName: "key=value"))
    var whereClause: String?

    @Flag(help: "List the falling cooperatives instead of the summary.")
    var falling = false

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var lang: LanguageOption

    @Option(help: ArgumentHelp("A rule set file (JSON); the default rule set otherwise.", valueName: "file"))
    var rules: String?

    func validate() throws {
        if let whereClause { _ = try Self.parseWhere(whereClause) }
    }

    /// `(level, value)` of `--where` (``UnitMatcher/parseWhere(_:)``).
    static func parseWhere(_ text: String) throws -> (AdminLevel, String) {
        try UnitMatcher.parseWhere(text)
    }

    func run() throws {
        let ruleSet = try Status.loadRules(rules)
        let history = try source.loadHistory()
        guard !history.weeks.isEmpty else {
            throw CLIError("no week on or before \(source.asOf ?? "the latest date") in the \(source.sourceDescription)")
        }
        var scope = AdminUnit(level: .national, code: 0)
        if let whereClause {
            let (key, value) = try Self.parseWhere(whereClause)
            do {
                scope = try UnitMatcher(weeks: history.weeks, level: key).match(value)
            } catch {
                throw CLIError("--where \(whereClause): " + error.description)
            }
        }
        let section = HealthSummary.compute(
            weeks: history.weeks, scope: scope, rowLevel: level.adminLevel, rules: ruleSet.health ?? .standard,
            ruleSet: ruleSet.label, totalName: "Total")
        let language = lang.reportLanguage
        let out: String = switch (format, falling) {
        case (.csv, false): Self.csv(section)
        case (.csv, true): Self.fallingCSV(section, language: language)
        case (.json, _): Self.json(section, rules: ruleSet, language: language, fallingOnly: falling)
        case (.table, false): Self.table(section, language: language)
        case (.table, true): Self.fallingTable(section, language: language)
        }
        print(out, terminator: "")
    }
}
