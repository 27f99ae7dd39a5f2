import ArgumentParser
import CSV
import Dispatch
import Foundation
import KendaliData
import Simulation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `kendali simulate`: writes a simulated world of weekly snapshots and its ground truth.
struct Simulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Generate simulated weekly snapshots with ground truth (green dates).",
        discussion: """
            Writes OUT/snapshots/YYYY-MM-DD.csv (one file a week, the snapshot format), \
            OUT/truth.csv (every cooperative's true green date and milestones) and \
            OUT/koperasi.csv (the register of cooperatives: code and names, for 'kendali ingest \
            --registry'). The default \
            world is Nusa Tenggara Barat, calibrated to the press figures of 2025–26; with \
            --provinces K it is a national world of K provinces of about 1,166 cooperatives \
            each (K = 69 gives about 80,000). The same seed gives the same bytes.

            Examples:
              kendali simulate --out world
              kendali simulate --seed 7 --provinces 69 --out national
              kendali simulate --out world --oracle-as-of 2026-04-24,2026-07-03
              kendali simulate --out rationed --start-capacity 2 --oracle-as-of 2026-04-24
            """)

    @Option(help: "The random seed (the bundled dataset's seed by default).")
    var seed: UInt64 = SimulationConfiguration.bundledSeed

    @Option(help: ArgumentHelp("The folder to write into.", valueName: "dir"))
    var out: String

    @Option(help: "Number of provinces, 1 (NTB alone) … \(SimulationConfiguration.maximumProvinces).")
    var provinces: Int = 1

    @Option(help: ArgumentHelp("The first report date, YYYY-MM-DD.", valueName: "date"))
    var start: String = SimulationConfiguration.origin.iso

    @Option(help: "Number of weekly reports to write.")
    var weeks: Int = SimulationConfiguration.defaultWeeks

    @Option(help: "Summary format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: ArgumentHelp(
        "Also write OUT/oracle-forecast-DATE.csv for each of these comma-separated dates: the green-date forecast of an oracle that knows every hidden trait and the true process (the floor of any model's error on this world; score it with 'kendali backtest --compare').",
        valueName: "dates"))
    var oracleAsOf: String?

    @Option(help: "Futures drawn per cooperative for --oracle-as-of.")
    var oraclePaths: Int = 200

    @Option(help: ArgumentHelp(
        "Ration construction starts: each regency starts at most about N cooperatives a week (the capacity drifts slowly), the ready ones queueing first come first served; no limit by default.",
        valueName: "N"))
    var startCapacity: Double?

    func validate() throws {
        guard Day(parsing: start) != nil else {
            throw ValidationError("--start '\(start)' is not a date YYYY-MM-DD")
        }
        guard (1...SimulationConfiguration.maximumProvinces).contains(provinces) else {
            throw ValidationError(
                "--provinces must be 1…\(SimulationConfiguration.maximumProvinces), got \(provinces)")
        }
        guard (1...SimulationConfiguration.maximumWeeks).contains(weeks) else {
            throw ValidationError(
                "--weeks must be 1…\(SimulationConfiguration.maximumWeeks), got \(weeks)")
        }
        guard !out.isEmpty else { throw ValidationError("--out must name a folder") }
        for text in oracleDateTexts where Day(parsing: text) == nil {
            throw ValidationError("--oracle-as-of '\(text)' is not a date YYYY-MM-DD")
        }
        guard oraclePaths >= 1 else { throw ValidationError("--oracle-paths must be at least 1, got \(oraclePaths)") }
        if let c = startCapacity, !(c > 0 && c <= 10_000) {
            throw ValidationError("--start-capacity must be within (0, 10000], got \(c)")
        }
    }

    private var oracleDateTexts: [String] {
        (oracleAsOf ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    func run() throws {
        guard let startDay = Day(parsing: start) else { throw ExitCode.validationFailure }
        try OutputPaths.makeFolder(out, for: "--out")
        let config = SimulationConfiguration(
            seed: seed, provinces: provinces, start: startDay, weeks: weeks, startCapacity: startCapacity)
        let showProgress = progressIsVisible
        let clock = ContinuousClock()
        let began = clock.now
        let world: SimulatedWorld
        let summary: SimulationSummary
        do throws(SimulationError) {
            world = try WorldSimulator.simulate(config) { done, total in
                if showProgress { printProgress("simulating provinces \(done)/\(total)") }
            }
            let simulated = clock.now
            try WorldWriter.write(world, to: out) { done, total in
                if showProgress { printProgress("writing files \(done)/\(total)") }
            }
            for text in oracleDateTexts {
                guard let day = Day(parsing: text) else { continue }
                if showProgress { printProgress("oracle forecast at \(text)") }
                let forecasts = try WorldSimulator.oracleForecast(config, asOf: day, replicates: oraclePaths)
                try WorldWriter.writeText(
                    WorldSimulator.oracleCSV(forecasts), to: out + "/oracle-forecast-\(day.iso).csv")
            }
            if showProgress { printProgress(nil) }
            summary = SimulationSummary(
                world: world, folder: out, simulateSeconds: seconds(simulated - began),
                totalSeconds: seconds(clock.now - began))
        } catch {
            if showProgress { printProgress(nil) }
            throw CLIError(error.description)
        }
        print(summary.render(format), terminator: "")
    }

    private func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}

/// Writes a one-line progress message over the previous one on standard error; `nil`
/// clears the line.
private func printProgress(_ text: String?) {
    let bytes = Array(("\r\u{1B}[K" + (text ?? "")).utf8)
    _ = bytes.withUnsafeBytes { raw in write(2, raw.baseAddress, raw.count) }
}

/// What `kendali simulate` reports after writing.
struct SimulationSummary {
    var seed: UInt64
    var provinces: Int
    var cooperatives: Int
    var weeks: Int
    var firstDate: Day
    var lastDate: Day
    var reports: Int
    var folder: String
    var greenWithin: Int
    var greenLater: Int
    var neverGreen: Int
    var simulateSeconds: Double
    var totalSeconds: Double

    init(world: SimulatedWorld, folder: String, simulateSeconds: Double, totalSeconds: Double) {
        let c = world.configuration
        seed = c.seed
        provinces = c.provinces
        cooperatives = world.cooperativeCount
        weeks = world.reportDates.count
        firstDate = world.reportDates.first ?? c.start
        lastDate = world.reportDates.last ?? c.start
        reports = world.provinces.reduce(0) { $0 + $1.reports.count(where: \.isPresent) }
        self.folder = folder
        var within = 0, later = 0, never = 0
        for t in world.truth {
            if let g = t.greenDate {
                if g <= lastDate { within += 1 } else { later += 1 }
            } else {
                never += 1
            }
        }
        greenWithin = within
        greenLater = later
        neverGreen = never
        self.simulateSeconds = simulateSeconds
        self.totalSeconds = totalSeconds
    }

    private var fields: [(String, String)] {
        [
            ("seed", String(seed)), ("provinces", String(provinces)),
            ("cooperatives", String(cooperatives)), ("weeks", String(weeks)),
            ("first_report", firstDate.iso), ("last_report", lastDate.iso),
            ("reports_written", String(reports)), ("folder", folder),
            ("green_within_weeks", String(greenWithin)), ("green_later", String(greenLater)),
            ("never_green_within_cap", String(neverGreen)),
            ("simulate_seconds", fixed(simulateSeconds, 2)), ("total_seconds", fixed(totalSeconds, 2)),
        ]
    }

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .csv:
            return "key,value\n" + fields.map { "\($0.0),\(csvField($0.1))" }.joined(separator: "\n") + "\n"
        case .json:
            let body = fields.map { key, value in
                let numeric = key != "folder" && key != "first_report" && key != "last_report"
                return "  \"\(key)\": " + (numeric ? value : jsonString(value))
            }
            return "{\n" + body.joined(separator: ",\n") + "\n}\n"
        case .table:
            let share = cooperatives > 0 ? 100 * Double(greenWithin) / Double(cooperatives) : 0
            return """
                Simulated \(grouped(cooperatives)) cooperatives in \(provinces) province\(provinces == 1 ? "" : "s"), \
                seed \(seed), \(weeks) weeks \(firstDate.iso) … \(lastDate.iso).
                Wrote \(folder)/snapshots (\(weeks) files, \(grouped(reports)) reports), \(folder)/truth.csv and \(folder)/koperasi.csv.
                Green by \(lastDate.iso): \(grouped(greenWithin)) (\(fixed(share, 1)) %); \
                later: \(grouped(greenLater)); not within the 5-year cap: \(grouped(neverGreen)).
                Time: \(fixed(totalSeconds, 2)) s (simulation \(fixed(simulateSeconds, 2)) s).

                """
        }
    }

    private func fixed(_ v: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let n = Int((v * scale).rounded())
        let whole = n / Int(scale)
        var frac = String(n % Int(scale))
        while frac.count < digits { frac = "0" + frac }
        return digits == 0 ? String(whole) : "\(whole).\(frac)"
    }

    private func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, ch) in s.enumerated() {
            if i > 0 && (s.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }

    private func csvField(_ s: String) -> String { CSVWriter.field(s) }

    private func jsonString(_ s: String) -> String { JSONText.string(s) }
}
