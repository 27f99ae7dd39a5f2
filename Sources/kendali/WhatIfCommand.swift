import ArgumentParser
import Charts
import Forecasting
import Foundation
import KendaliData
import Reports

/// `kendali whatif`: a unit's burn-up with and without a set of interventions.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Burn-up with and without an intervention for chosen cooperatives (counterfactual forecast).",
        discussion: """
            Forecasts twice with the same seed and random streams — once as things are, once \
            with --resolve applied from --from (default: the week after the as-of week) to \
            every cooperative that --where selects — and prints, for the tier compared, the \
            expected number green per week with and without (P10–P90 bands), the dates by \
            which 50 %, 90 % and 100 % are green, and the expected extra cooperatives green \
            by --target (default: 31 December of the as-of year).

            --resolve: land, labour, technical, coaching, or several joined by commas. \
            --where: KEY=VALUE pairs joined by commas, KEY one of kode_koperasi, kecamatan \
            (or district), kabupaten (or regency) (a value without KEY= continues the previous key, so \
            kode_koperasi=A,B,C selects three); kabupaten also takes the regency's name. A \
            VALUE @FILE reads the values from FILE (one per line, or separated by commas or \
            spaces; lines starting with # are comments; a CSV with a kode_koperasi column, such \
            as the output of 'kendali rank --format csv', gives that column). Selections with \
            different keys must all hold (kabupaten=5201,kecamatan=520101); values of one key \
            are alternatives. The tier compared is the single kecamatan or kabupaten named, \
            otherwise the whole data (the province).

            The article's case, 49 land parcels verified by next week — how many more \
            cooperatives green by the end of the year:
              kendali whatif datasets/ntb/snapshots --resolve land --where kode_koperasi=@parcels.txt --from 2026-12-04

            Examples:
              kendali whatif datasets/ntb/snapshots --resolve coaching --where kabupaten=5201
              kendali whatif --db ntb.sqlite --resolve land,labour --where kecamatan=520101 --chart burnup.svg
            """)

    @OptionGroup var source: DataSourceOptions

    @Option(help: ArgumentHelp("What is resolved: land, labour, technical, coaching (comma-separated for several).", valueName: "kinds"))
    var resolve: String

    @Option(name: .customLong("where"), help: ArgumentHelp(
        "Which cooperatives: kode_koperasi=…, kecamatan=…, kabupaten=… (comma-separated; @FILE reads values).",
        valueName: "key=value,..."))
    var selection: String

    @Option(name: .customLong("from"), help: ArgumentHelp(
        "The week the interventions start, YYYY-MM-DD (default: the week after the as-of week).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp(
        "Target date, YYYY-MM-DD (default: 31 December of the as-of year).", valueName: "date"))
    var target: String?

    @Option(help: ArgumentHelp("Also write the two burn-ups as an SVG chart to this file.", valueName: "file.svg"))
    var chart: String?

    @OptionGroup var language: LanguageOption

    @Option(help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @OptionGroup var simulation: SimulationOptions

    func validate() throws {
        _ = try kinds()
        if let target, Day(parsing: target) == nil { throw ValidationError("--target '\(target)' is not a date YYYY-MM-DD") }
        if let from, Day(parsing: from) == nil { throw ValidationError("--from '\(from)' is not a date YYYY-MM-DD") }
    }

    func kinds() throws -> [InterventionKind] {
        var out: [InterventionKind] = []
        for part in resolve.split(separator: ",") {
            let t = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let k = InterventionKind(rawValue: t) else {
                throw ValidationError("--resolve: '\(part)' is not one of land, labour, technical, coaching")
            }
            out.append(k)
        }
        if out.isEmpty { throw ValidationError("--resolve needs at least one of land, labour, technical, coaching") }
        return out
    }

    /// The selection: per key, the accepted values (as written, after @FILE expansion).
    struct Selection {
        var codes: Set<CooperativeCode> = []
        var districts: Set<Int> = []
        var regencies: [String] = []
        var hasCodes = false, hasDistricts = false, hasRegencies = false
    }

    func parseSelection() throws -> Selection {
        var sel = Selection()
        var key: String?
        for raw in selection.split(separator: ",", omittingEmptySubsequences: true) {
            var item = raw.trimmingCharacters(in: .whitespaces)
            if let eq = item.firstIndex(of: "=") {
                key = Self.selectionKey(item[..<eq].trimmingCharacters(in: .whitespaces))
                item = String(item[item.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
            }
            guard let k = key, ["kode_koperasi", "kecamatan", "kabupaten"].contains(k) else {
                throw ValidationError(
                    "--where: '\(raw)': the key must be kode_koperasi, kecamatan (district) or kabupaten (regency)")
            }
            var values: [(value: String, place: String)] = []
            if item.hasPrefix("@") {
                values = try Self.readValues(file: String(item.dropFirst()))
            } else {
                values = [(item, "--where")]
            }
            for (v, place) in values {
                switch k {
                case "kode_koperasi":
                    guard let code = CooperativeCode(parsing: v) else {
                        throw ValidationError("\(place): '\(v)' is not a kode_koperasi (10 digits, dotted form allowed)")
                    }
                    sel.codes.insert(code)
                    sel.hasCodes = true
                case "kecamatan":
                    let digits = v.filter { $0 != "." }
                    guard digits.count == 6, let d = Int(digits) else {
                        throw ValidationError("\(place): '\(v)' is not a kecamatan code (6 digits, e.g. 520101 or 52.01.01)")
                    }
                    sel.districts.insert(d)
                    sel.hasDistricts = true
                default:
                    sel.regencies.append(v)
                    sel.hasRegencies = true
                }
            }
        }
        return sel
    }

    /// The `--where` key `word` names: `kode_koperasi`, or `kecamatan` / `kabupaten` for
    /// any name of those levels (``AdminLevel/init(name:)``: `district`, `regency`, …);
    /// the word itself, lowercased, otherwise.
    static func selectionKey(_ word: String) -> String {
        switch AdminLevel(name: word) {
        case .district: "kecamatan"
        case .regency: "kabupaten"
        default: word.lowercased()
        }
    }

    /// Values of a `@FILE`: lines, commas or spaces; `#` comments; a CSV header with a
    /// kode_koperasi column selects that column. Each value carries its file:line.
    static func readValues(file: String) throws -> [(value: String, place: String)] {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ValidationError("--where: cannot read '\(file)' (\(error.localizedDescription))")
        }
        var out: [(String, String)] = []
        var column: Int?
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if n == 0 || (column == nil && out.isEmpty), let k = fields.firstIndex(where: { $0.lowercased() == "kode_koperasi" }) {
                column = k
                continue
            }
            if let column {
                if column < fields.count { out.append((fields[column], "\(file):\(n + 1)")) }
            } else {
                for f in trimmed.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                    out.append((String(f), "\(file):\(n + 1)"))
                }
            }
        }
        if out.isEmpty { throw ValidationError("--where: '\(file)' holds no value") }
        return out
    }

    func run() throws {
        if let chart { try OutputPaths.prepareFile(chart, for: "--chart") }
        let ruleSet = try Status.loadRules(simulation.rules)
        let sel = try parseSelection()
        let kinds = try kinds()
        if progressIsVisible { writeToStandardError("reading the data and forecasting…") }
        let history = try source.loadHistory(digests: false)
        let setup = try ScenarioSetup(
            history: history, rules: ruleSet, seed: simulation.seed, paths: simulation.paths, horizon: simulation.horizon,
            target: target, from: from, sourceDescription: source.sourceDescription)
        let panel = setup.panel
        // Resolve regency names and codes.
        var regencies = Set<Int>()
        for r in sel.regencies {
            if let code = Int(r.filter { $0 != "." }), panel.regencies.contains(code) {
                regencies.insert(code)
            } else if let k = panel.regencyNames.firstIndex(where: { $0.lowercased() == r.lowercased() }) {
                regencies.insert(panel.regencies[k])
            } else {
                throw CLIError("--where kabupaten=\(r): no such kabupaten in the data (codes: \(panel.regencies.map(String.init).joined(separator: ", ")))")
            }
        }
        let known = Set(panel.codes)
        let unknown = sel.codes.subtracting(known).sorted()
        if !unknown.isEmpty {
            throw CLIError("--where kode_koperasi: \(unknown.count) code(s) not in the data: \(unknown.prefix(10).map(\.description).joined(separator: ", "))\(unknown.count > 10 ? ", …" : "")")
        }
        func selected(_ i: Int) -> Bool {
            let c = panel.codes[i]
            if sel.hasCodes && !sel.codes.contains(c) { return false }
            if sel.hasDistricts && !sel.districts.contains(c.district) { return false }
            if sel.hasRegencies && !regencies.contains(c.regency) { return false }
            return true
        }
        var scenarios: [Int: Scenario] = [:]
        for i in 0..<panel.cooperativeCount where selected(i) { scenarios[i] = Scenario(kinds, from: setup.fromWeek) }
        if scenarios.isEmpty {
            throw CLIError("--where \(selection) selects no cooperative in the data")
        }
        var unit: (name: String, contains: (Int) -> Bool)?
        if !sel.hasCodes, sel.districts.count == 1, let d = sel.districts.first {
            unit = (String(d), { panel.codes[$0].district == d })
        } else if !sel.hasCodes, !sel.hasDistricts, regencies.count == 1, let r = regencies.first {
            unit = (String(r), { panel.codes[$0].regency == r })
        }
        if progressIsVisible { writeToStandardError("simulating with and without…") }
        let result = WhatIf.run(panel: panel, forecast: setup.forecast, scenarios: scenarios, unit: unit)
        if let chart {
            do {
                try writeChart(result, setup: setup, to: chart)
            } catch {
                throw CLIError("cannot write \(chart): \(error)")
            }
        }
        print(render(result, setup: setup, selectedCount: scenarios.count, kinds: kinds), terminator: "")
    }

    func render(_ r: WhatIfResult, setup: ScenarioSetup, selectedCount: Int, kinds: [InterventionKind]) -> String {
        let f = setup.forecast
        func date(_ o: Int?) -> String { o.map { f.date(ofWeek: f.asOfWeek + $0).iso } ?? "" }
        let byTarget = r.expectedByTarget
        let lang = language.reportLanguage
        switch format {
        case .csv:
            var out = "date,expected_without,p10_without,p90_without,expected_with,p10_with,p90_with\n"
            for o in 0..<r.without.expected.count {
                out += "\(date(o)),\(fmt(r.without.expected[o])),\(fmt(r.without.lower[o])),\(fmt(r.without.upper[o])),"
                    + "\(fmt(r.with.expected[o])),\(fmt(r.with.lower[o])),\(fmt(r.with.upper[o]))\n"
            }
            return out
        case .json:
            let j = Tabular.jsonString
            let n = Tabular.jsonNumber
            func dateJSON(_ o: Int?) -> String { o.map { j(date($0)) } ?? "null" }
            var out = "{\n  \"as_of\": \(j(f.asOfDate.iso)),\n  \"resolve\": [\(kinds.map { j($0.rawValue) }.joined(separator: ", "))],\n"
            out += "  \"from_date\": \(j(f.date(ofWeek: setup.fromWeek).iso)),\n  \"target_date\": \(j(setup.targetDate.iso)),\n"
            out += "  \"unit\": \(j(r.without.name)), \"cooperatives\": \(r.without.total), \"selected\": \(selectedCount), \"selected_not_green\": \(r.affected.count),\n"
            out += "  \"expected_green_by_target_without\": \(n(byTarget.without)), \"expected_green_by_target_with\": \(n(byTarget.with)),\n"
            out += "  \"date_50_percent_without\": \(dateJSON(r.without.weeksTo50)), \"date_50_percent_with\": \(dateJSON(r.with.weeksTo50)),\n"
            out += "  \"date_90_percent_without\": \(dateJSON(r.without.weeksTo90)), \"date_90_percent_with\": \(dateJSON(r.with.weeksTo90)),\n"
            out += "  \"date_100_percent_without\": \(dateJSON(r.without.weeksTo100)), \"date_100_percent_with\": \(dateJSON(r.with.weeksTo100)),\n"
            out += "  \"cooperatives_affected\": [\n" + r.affected.map { a in
                "    {\"kode_koperasi\": \(j(a.before.code.description)), \"p50_without\": \(a.before.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null"), "
                    + "\"p50_with\": \(a.after.p50.map { j(f.date(ofWeek: $0).iso) } ?? "null")}"
            }.joined(separator: ",\n") + "\n  ],\n"
            out += "  \"weeks\": [\n" + (0..<r.without.expected.count).map { o in
                "    {\"date\": \(j(date(o))), \"expected_without\": \(n(r.without.expected[o])), \"expected_with\": \(n(r.with.expected[o])), "
                    + "\"p10_without\": \(n(r.without.lower[o])), \"p90_without\": \(n(r.without.upper[o])), "
                    + "\"p10_with\": \(n(r.with.lower[o])), \"p90_with\": \(n(r.with.upper[o]))}"
            }.joined(separator: ",\n") + "\n  ]\n}\n"
            return out
        case .table:
            let fm = ReportFormatter(lang)
            let unitName = r.without.name == "all" ? (lang == .id ? "semua data" : "all data") : r.without.name
            let what = kinds.map { PriorityReason.name($0, lang) }.joined(separator: " + ")
            func d(_ o: Int?) -> String { o.map { fm.date(f.date(ofWeek: f.asOfWeek + $0)) } ?? (lang == .id ? "di luar horizon" : "beyond the horizon") }
            func delta(_ a: Int?, _ b: Int?) -> String {
                guard let a, let b else { return "" }
                return lang == .id ? " (\(fm.signedInteger(b - a)) minggu)" : " (\(fm.signedInteger(b - a)) weeks)"
            }
            var out = ""
            if lang == .id {
                out += "Skenario: \(what) mulai \(fm.date(f.date(ofWeek: setup.fromWeek))) untuk \(fm.integer(selectedCount)) koperasi terpilih (\(fm.integer(r.affected.count)) belum hijau); data per \(fm.date(f.asOfDate)); seed \(f.options.seed), \(f.options.paths) jalur.\n"
                out += "Wilayah dibandingkan: \(unitName), \(fm.integer(r.without.total)) koperasi, \(fm.integer(r.without.greenAtAsOf)) sudah hijau.\n\n"
            } else {
                out += "Scenario: \(what) from \(fm.date(f.date(ofWeek: setup.fromWeek))) for \(fm.integer(selectedCount)) selected cooperatives (\(fm.integer(r.affected.count)) not green); data as of \(fm.date(f.asOfDate)); seed \(f.options.seed), \(f.options.paths) paths.\n"
                out += "Tier compared: \(unitName), \(fm.integer(r.without.total)) cooperatives, \(fm.integer(r.without.greenAtAsOf)) green already.\n\n"
            }
            let rows: [[String]] = [
                [lang == .id ? "Hijau (harapan) sebelum \(fm.date(setup.targetDate))" : "Expected green by \(fm.date(setup.targetDate))",
                 fm.decimal(byTarget.without, digits: 1), fm.decimal(byTarget.with, digits: 1), fm.signedDecimal(byTarget.with - byTarget.without, digits: 1)],
                [lang == .id ? "50 % hijau" : "50 % green", d(r.without.weeksTo50), d(r.with.weeksTo50), delta(r.without.weeksTo50, r.with.weeksTo50).trimmingCharacters(in: .whitespaces)],
                [lang == .id ? "90 % hijau" : "90 % green", d(r.without.weeksTo90), d(r.with.weeksTo90), delta(r.without.weeksTo90, r.with.weeksTo90).trimmingCharacters(in: .whitespaces)],
                [lang == .id ? "100 % hijau" : "100 % green", d(r.without.weeksTo100), d(r.with.weeksTo100), delta(r.without.weeksTo100, r.with.weeksTo100).trimmingCharacters(in: .whitespaces)],
            ]
            out += Tabular.table(
                header: lang == .id ? ["", "Tanpa", "Dengan", "Selisih"] : ["", "Without", "With", "Change"],
                rows: rows, rightAligned: [])
            out += "\n"
            let weeks = [4, 8, 13, 26, 52].filter { $0 < r.without.expected.count }
            out += Tabular.table(
                header: lang == .id ? ["Minggu ke-", "Tanggal", "Hijau tanpa (P10–P90)", "Hijau dengan (P10–P90)"]
                    : ["Week", "Date", "Green without (P10–P90)", "Green with (P10–P90)"],
                rows: weeks.map { o in
                    [String(o), fm.date(f.date(ofWeek: f.asOfWeek + o)),
                     "\(fm.decimal(r.without.expected[o], digits: 1)) (\(fm.integer(Int(r.without.lower[o])))–\(fm.integer(Int(r.without.upper[o]))))",
                     "\(fm.decimal(r.with.expected[o], digits: 1)) (\(fm.integer(Int(r.with.lower[o])))–\(fm.integer(Int(r.with.upper[o]))))"]
                }, rightAligned: [0])
            return out
        }
    }

    func fmt(_ x: Double) -> String { Tabular.jsonNumber((x * 1000).rounded() / 1000) }

    func writeChart(_ r: WhatIfResult, setup: ScenarioSetup, to path: String) throws {
        let lang = language.reportLanguage
        func curve(_ c: GreenCurve) -> WhatIfChart.Curve {
            WhatIfChart.Curve(name: c.name, total: c.total, expected: c.expected, lower: c.lower, upper: c.upper)
        }
        let svg = WhatIfChart.svg(
            without: curve(r.without), with: curve(r.with), asOf: setup.forecast.asOfDate,
            target: setup.targetDate, language: lang)
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
