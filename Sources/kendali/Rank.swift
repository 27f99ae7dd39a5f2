import Analysis
import ArgumentParser
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali rank`: every yellow and red cooperative with the intervention that moves its P50
/// green date the most; with `--capacity`, a plan under weekly capacities.
struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank yellow and red cooperatives by what one intervention gains (counterfactual forecasts).",
        discussion: """
            For every cooperative in zone kuning or merah at the as-of week, each intervention \
            that can change its forecast is simulated from --from (default: the week after \
            the as-of week) with the forecast's seed and random streams: land (status_lahan \
            to siap; a land problem on site ends), labour (the labour shortage ends), \
            technical (the technical stoppage ends), coaching (the kelembagaan and legalitas \
            gaps close). The row gives the one that gains the most, and rows are sorted the \
            same way: with --sort target (the default) by the gain in the probability of \
            green by --target, then by weeks gained; with --sort weeks by the weeks gained \
            on the P50 green date, then by the probability gain. A P50 beyond the horizon \
            counts as the week after it, so a gain from 'beyond' is a lower bound; tables \
            say "beyond the horizon (at least N weeks)". --where kabupaten=NAME or \
            kecamatan=NAME (or a code) ranks one regency or district; names match without \
            case and without the Kabupaten/Kota prefix.

            CSV columns (a stable contract): kode_koperasi, zone, intervention (land, \
            labour, technical, coaching or none), p50_now, p50_after (ISO dates, empty beyond \
            the horizon), weeks_gained (= p50_now − p50_after in weeks), \
            p_green_by_target_now, p_green_by_target_after, p_green_by_target_change, \
            target_date, from_date, kabupaten, reason (one sentence in --lang), \
            p50_now_lower_bound (the P50 now, or when it is beyond the horizon the first week \
            after the horizon: the green date is no earlier).

            --capacity land=10,labour=5,technical=5,coaching=20 (per week) instead chooses \
            the interventions that maximise the expected number of cooperatives green by \
            --target (greedy on marginal gains) and prints the plan and its expected gain \
            over doing nothing; --check-plan also runs a seeded local search from a random \
            plan and from the greedy one and prints how close the greedy came. With \
            --capacity the CSV columns are: week, kode_koperasi, intervention, gain, zone, \
            kabupaten.

            --format xlsx --out FILE writes the CSV's columns as an Excel workbook instead: one \
            sheet, the column names in --lang above the machine names (two frozen header rows), \
            numbers as numbers, dates as dates.

            Examples:
              kendali rank datasets/ntb/snapshots --top 20
              kendali rank --db ntb.sqlite --lang en --format csv > rank.csv
              kendali rank --db ntb.sqlite --format xlsx --out prioritas.xlsx
              kendali rank datasets/ntb/snapshots --capacity land=10,labour=5,technical=5,coaching=20
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(help: "Rows to list (0 = every yellow and red cooperative).")
    var top: Int = 0

    @OptionGroup var language: LanguageOption

    var lang: ReportLanguage { language.reportLanguage }

    @OptionGroup var output: TableOutputOptions

    var format: OutputFormat { output.textFormat }

    @Option(help: ArgumentHelp(
        "The province's target date for the probability of green, YYYY-MM-DD (default: 31 December of the as-of year).",
        valueName: "date"))
    var target: String?

    @Option(name: .customLong("from"), help: ArgumentHelp(
        "The week the interventions start, YYYY-MM-DD (default: the week after the as-of week).",
        valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp(
        "Weekly capacities, e.g. land=10,labour=5,technical=5,coaching=20: plan instead of rank.",
        valueName: "kind=n,..."))
    var capacity: String?

    @Flag(name: .customLong("check-plan"), help: "With --capacity: also search for a better plan another way and compare.")
    var checkPlan = false

    @Option(help: "The order: target (gain in the probability of green by --target, then weeks gained) or weeks.")
    var sort: PriorityOrder = .target

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Rank one regency or district: kabupaten=NAME|CODE or kecamatan=NAME|CODE.", valueName: "key=value"))
    var whereClause: String?

    @OptionGroup var simulation: SimulationOptions

    func validate() throws {
        if top < 0 { throw ValidationError("--top must be ≥ 0") }
        if let target, Day(parsing: target) == nil { throw ValidationError("--target '\(target)' is not a date YYYY-MM-DD") }
        if let from, Day(parsing: from) == nil { throw ValidationError("--from '\(from)' is not a date YYYY-MM-DD") }
        if let capacity { _ = try Self.parseCapacity(capacity) }
        if checkPlan && capacity == nil { throw ValidationError("--check-plan needs --capacity") }
        if let whereClause { _ = try UnitMatcher.parseWhere(whereClause) }
    }

    /// `land=10,labour=5,...` → capacities.
    static func parseCapacity(_ text: String) throws -> [InterventionKind: Int] {
        var out: [InterventionKind: Int] = [:]
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard kv.count == 2, let kind = InterventionKind(rawValue: kv[0].lowercased()) else {
                throw ValidationError("--capacity: '\(part)' is not KIND=N with KIND one of land, labour, technical, coaching")
            }
            guard let n = Int(kv[1]), n >= 0 else {
                throw ValidationError("--capacity: '\(part)': N must be a whole number ≥ 0")
            }
            out[kind] = n
        }
        return out
    }

    func run() throws {
        try output.prepare()
        let ruleSet = try Status.loadRules(simulation.rules)
        if progressIsVisible { writeToStandardError("reading the data and forecasting…") }
        let history = try source.loadHistory(digests: false)
        let setup = try ScenarioSetup(
            history: history, rules: ruleSet, seed: simulation.seed, paths: simulation.paths, horizon: simulation.horizon,
            target: target, from: from, sourceDescription: source.sourceDescription)
        if let capacity {
            if progressIsVisible { writeToStandardError("planning…") }
            let planner = CapacityPlanner(panel: setup.panel, forecast: setup.forecast, capacity: try Self.parseCapacity(capacity))
            let plan = planner.greedy()
            let check = checkPlan ? planner.localSearch(from: plan, seed: simulation.seed) : nil
            if output.workbookPath != nil {
                print(try output.write([planSheet(plan, setup: setup)], language: lang), terminator: "")
                return
            }
            print(renderPlan(plan, check: check, setup: setup), terminator: "")
            return
        }
        if progressIsVisible { writeToStandardError("ranking…") }
        let scope = try whereClause.map { try UnitMatcher.scope(whereClause: $0, weeks: history.weeks) }
        let codes = scope.map(\.codeRange)
        let panel = setup.panel
        var rows = PriorityRanker.rank(
            panel: panel, forecast: setup.forecast, fromWeek: setup.fromWeek,
            include: codes.map { range in { range.contains(panel.codes[$0].value) } }, order: sort)
        if top > 0 { rows = Array(rows.prefix(top)) }
        if output.workbookPath != nil {
            print(try output.write([sheet(rows, setup: setup)], language: lang), terminator: "")
            return
        }
        print(render(rows, setup: setup), terminator: "")
    }

    // MARK: - Rendering

    func reason(_ row: PriorityRow, setup: ScenarioSetup) -> String {
        PriorityReason.sentence(
            PriorityExplanation(row, panel: setup.panel, forecast: setup.forecast, target: setup.targetDate),
            language: lang)
    }

    func render(_ rows: [PriorityRow], setup: ScenarioSetup) -> String {
        let f = setup.forecast
        func iso(_ w: Int?) -> String { w.map { f.date(ofWeek: $0).iso } ?? "" }
        let target = setup.targetDate.iso
        let fromDate = f.date(ofWeek: setup.fromWeek).iso
        switch format {
        case .csv:
            var out = "kode_koperasi,zone,intervention,p50_now,p50_after,weeks_gained,p_green_by_target_now,"
                + "p_green_by_target_after,p_green_by_target_change,target_date,from_date,kabupaten,reason,"
                + "p50_now_lower_bound\n"
            for r in rows {
                let fields = [
                    r.code.description, r.zone.rawValue, r.intervention?.rawValue ?? "none", iso(r.now.p50),
                    iso(r.after.p50), String(r.weeksGained), String(format: "%.3f", r.now.probabilityGreenByTarget),
                    String(format: "%.3f", r.after.probabilityGreenByTarget), String(format: "%.3f", r.probabilityGain),
                    target, fromDate, String(r.code.regency), Tabular.csvField(reason(r, setup: setup)),
                    iso(r.now.p50 ?? r.beyondWeek),
                ]
                out += fields.joined(separator: ",") + "\n"
            }
            return out
        case .json:
            let j = Tabular.jsonString
            let n = Tabular.jsonNumber
            var out = "{\n  \"as_of\": \(j(f.asOfDate.iso)),\n  \"rule_set\": \(j(setup.panel.rules.label)),\n"
            out += "  \"seed\": \(f.options.seed), \"paths\": \(f.options.paths), \"target_date\": \(j(target)), \"from_date\": \(j(fromDate)),\n"
            out += "  \"language\": \(j(lang.rawValue)),\n  \"rows\": [\n"
            out += rows.map { r in
                let cands = r.candidates.map { c in
                    "{\"intervention\": \(j(c.kind.rawValue)), \"p50_after\": \(c.forecast.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                        + "\"p_green_by_target_after\": \(n(c.forecast.probabilityGreenByTarget))}"
                }
                return "    {\"kode_koperasi\": \(j(r.code.description)), \"zone\": \(j(r.zone.rawValue)), "
                    + "\"intervention\": \(j(r.intervention?.rawValue ?? "none")), "
                    + "\"p50_now\": \(r.now.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                    + "\"p50_after\": \(r.after.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                    + "\"weeks_gained\": \(r.weeksGained), "
                    + "\"p50_now_lower_bound\": \(j(iso(r.now.p50 ?? r.beyondWeek))), "
                    + "\"p_green_by_target_now\": \(n(r.now.probabilityGreenByTarget)), "
                    + "\"p_green_by_target_after\": \(n(r.after.probabilityGreenByTarget)), "
                    + "\"kabupaten\": \(r.code.regency), \"candidates\": [\(cands.joined(separator: ", "))], "
                    + "\"reason\": \(j(reason(r, setup: setup)))}"
            }.joined(separator: ",\n")
            out += "\n  ]\n}\n"
            return out
        case .table:
            let fmt = ReportFormatter(lang)
            let text = ReportText(lang)
            var out = lang == .id
                ? "Prioritas intervensi per \(fmt.date(f.asOfDate)) — \(setup.panel.rules.label); intervensi mulai \(fmt.date(f.date(ofWeek: setup.fromWeek))); target \(fmt.date(setup.targetDate)); seed \(f.options.seed), \(f.options.paths) jalur\n\n"
                : "Intervention priorities as of \(fmt.date(f.asOfDate)) — \(setup.panel.rules.label); interventions from \(fmt.date(f.date(ofWeek: setup.fromWeek))); target \(fmt.date(setup.targetDate)); seed \(f.options.seed), \(f.options.paths) paths\n\n"
            let beyond = fmt.beyondHorizon(weeks: (rows.first?.beyondWeek ?? f.asOfWeek + f.options.horizon + 1) - f.asOfWeek)
            let table = rows.enumerated().map { k, r -> [String] in
                [fmt.integer(k + 1), r.code.description, text.zoneName(r.zone), text.interventionName(r.intervention),
                 iso(r.now.p50).isEmpty ? beyond : iso(r.now.p50), iso(r.after.p50).isEmpty ? beyond : iso(r.after.p50),
                 fmt.integer(r.weeksGained), fmt.percentagePoints(r.probabilityGain, digits: 0)]
            }
            out += Tabular.table(
                header: ["#", text(.colCode), text(.colZone), text(.colIntervention), text(.colP50Now), text(.colP50After),
                         text(.colWeeksGained), text(.colProbabilityChange)],
                rows: table, rightAligned: [0, 6, 7])
            let explained = rows.prefix(top > 0 ? top : 10)
            if !explained.isEmpty {
                out += "\n" + (lang == .id ? "Alasan:" : "Reasons:") + "\n"
                for (k, r) in explained.enumerated() { out += "  \(k + 1). \(r.code): \(reason(r, setup: setup))\n" }
            }
            return out
        }
    }

    func renderPlan(_ plan: CapacityPlan, check: CapacityPlan?, setup: ScenarioSetup) -> String {
        let f = setup.forecast
        let zones = Dictionary(uniqueKeysWithValues: f.cooperatives.map { ($0.index, $0.zone?.rawValue ?? "") })
        let text = ReportText(lang)
        switch format {
        case .csv:
            var out = "week,kode_koperasi,intervention,gain,zone,kabupaten\n"
            for p in plan.interventions {
                out += "\(f.date(ofWeek: p.week).iso),\(p.code),\(p.kind.rawValue),\(String(format: "%.4f", p.gain)),\(zones[p.index] ?? ""),\(p.code.regency)\n"
            }
            return out
        case .json:
            let j = Tabular.jsonString
            let n = Tabular.jsonNumber
            var out = "{\n  \"as_of\": \(j(f.asOfDate.iso)),\n  \"target_date\": \(j(setup.targetDate.iso)),\n"
            out += "  \"capacity_per_week\": {" + InterventionKind.allCases.map { "\(j($0.rawValue)): \((try? Self.parseCapacity(capacity ?? ""))?[$0] ?? 0)" }.joined(separator: ", ") + "},\n"
            out += "  \"method\": \(j(plan.method)),\n"
            out += "  \"expected_green_by_target_without\": \(n(plan.expectedWithout)),\n"
            out += "  \"expected_green_by_target_with\": \(n(plan.expectedWith)),\n"
            out += "  \"expected_gain\": \(n(plan.gain)),\n"
            if let check {
                out += "  \"check\": {\"method\": \(j(check.method)), \"expected_gain\": \(n(check.gain)), "
                    + "\"greedy_share_of_best\": \(n(max(plan.gain, check.gain) > 0 ? plan.gain / max(plan.gain, check.gain) : 1))},\n"
            }
            out += "  \"plan\": [\n" + plan.interventions.map { p in
                "    {\"week\": \(j(f.date(ofWeek: p.week).iso)), \"kode_koperasi\": \(j(p.code.description)), "
                    + "\"intervention\": \(j(p.kind.rawValue)), \"gain\": \(n(p.gain)), \"zone\": \(j(zones[p.index] ?? ""))}"
            }.joined(separator: ",\n") + "\n  ]\n}\n"
            return out
        case .table:
            let fmt = ReportFormatter(lang)
            var out = lang == .id
                ? "Rencana intervensi per \(fmt.date(f.asOfDate)); target \(fmt.date(setup.targetDate)); kapasitas per minggu \(capacity ?? "")\n\n"
                : "Intervention plan as of \(fmt.date(f.asOfDate)); target \(fmt.date(setup.targetDate)); weekly capacity \(capacity ?? "")\n\n"
            out += Tabular.table(
                header: [text(.colWeek), text(.colCode), text(.colZone), text(.colIntervention), text(.colAddedGreen)],
                rows: plan.interventions.map { p in
                    [f.date(ofWeek: p.week).iso, p.code.description, (zones[p.index]).flatMap(Zone.init(rawValue:)).map(text.zoneName) ?? "",
                     text.interventionName(p.kind), fmt.decimal(p.gain, digits: 3)]
                }, rightAligned: [4])
            out += "\n"
            if lang == .id {
                out += "Perkiraan koperasi hijau sebelum \(fmt.date(setup.targetDate)): tanpa intervensi \(fmt.decimal(plan.expectedWithout, digits: 1)), dengan rencana \(fmt.decimal(plan.expectedWith, digits: 1)) (tambahan \(fmt.decimal(plan.gain, digits: 1))).\n"
            } else {
                out += "Expected cooperatives green by \(fmt.date(setup.targetDate)): without intervention \(fmt.decimal(plan.expectedWithout, digits: 1)), with the plan \(fmt.decimal(plan.expectedWith, digits: 1)) (gain \(fmt.decimal(plan.gain, digits: 1))).\n"
            }
            if let check {
                let best = max(plan.gain, check.gain)
                let share = best > 0 ? plan.gain / best : 1
                out += lang == .id
                    ? "Pemeriksaan (pencarian lokal): tambahan \(fmt.decimal(check.gain, digits: 2)); rencana greedy mencapai \(fmt.percent(share, digits: 1)) dari yang terbaik ditemukan.\n"
                    : "Check (local search): gain \(fmt.decimal(check.gain, digits: 2)); the greedy plan reaches \(fmt.percent(share, digits: 1)) of the best found.\n"
            }
            return out
        }
    }
}

/// What `rank` and `whatif` share: the panel, the forecast without intervention, the
/// target and the intervention week.
struct ScenarioSetup {
    let panel: Panel
    let forecast: GreenForecast
    let targetDate: Day
    let fromWeek: Int

    init(history: SnapshotHistory, rules: RuleSet, seed: UInt64, paths: Int, horizon: Int,
         target: String?, from: String?, sourceDescription: String) throws {
        panel = Panel(history: history, rules: rules)
        guard panel.weekCount > 0, let first = panel.dates.first, let last = panel.dates.last else {
            throw CLIError("no week in the \(sourceDescription)")
        }
        let targetDay = target.flatMap { Day(parsing: $0) } ?? ForecastOptions.defaultTarget(lastReport: last)
        if target != nil, let problem = ForecastOptions.targetProblem(targetDay, asOf: last) {
            throw CLIError(problem)
        }
        targetDate = targetDay
        let T = panel.weekCount - 1
        let options = ForecastOptions(seed: seed, paths: paths, horizon: horizon, target: targetDay)
        do {
            forecast = try GreenForecaster.forecast(panel: panel, asOfWeek: T, options: options)
        } catch {
            throw CLIError("cannot forecast: \(error.description)")
        }
        if let from, let day = Day(parsing: from) {
            // Rounded up: interventions start on the first grid week on or after the
            // date asked for, never before it.
            let week = max(0, first.weeks(to: day, rounding: .up))
            guard week > T else {
                throw CLIError("--from \(from) is not after the as-of week \(last.iso): an intervention acts from a later week")
            }
            fromWeek = week
        } else {
            fromWeek = T + 1
        }
    }
}

extension PriorityOrder: ExpressibleByArgument {}
