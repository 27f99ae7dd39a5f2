import Analysis
import Estimation
import Forecasting
import Foundation
import KendaliData
import LinearAlgebra
import Reports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The whole pipeline on one folder of weekly snapshots, stage by stage, in the order data
// flow through the tool: read → store → panel → models → forecast → rank → report.
//
// Each stage runs `repeats` times on the output of the stage before it (the last run's
// output is handed on) and reports the median, the fastest and the slowest run, plus the
// process's peak resident memory after the stage. Nothing is warmed up: at national size a
// stage runs once, and a warm-up would double the cost.

/// The timing of one pipeline stage.
struct StageTiming: Codable {
    /// Stable identifier (`fit-delay-factors`).
    var name: String
    /// What the stage does, for people.
    var work: String
    /// Timed runs (0 when the stage was skipped).
    var repeats: Int
    /// Median wall time, seconds (`nil` when skipped).
    var medianSeconds: Double?
    /// Fastest run, seconds.
    var minimumSeconds: Double?
    /// Slowest run, seconds.
    var maximumSeconds: Double?
    /// The process's peak resident set after the stage, MiB (a high-water mark: it never
    /// falls, so it shows where memory peaked, not what each stage holds).
    var peakResidentMiB: Double
    /// Why the stage was skipped, or a remark on its result.
    var note: String?
}

/// One pipeline run on one folder.
struct PipelineRun: Codable {
    /// The size's name (`province`, `10-provinces`, `national`, `coops-3p`, …).
    var label: String
    /// Weekly files read.
    var files: Int
    /// Their total size, MB.
    var megabytes: Double
    /// Cooperatives in the panel.
    var cooperatives: Int
    /// Weeks in the panel.
    var weeks: Int
    /// Reports (rows) read.
    var reports: Int
    /// Monte Carlo paths per cooperative used by the forecast stage.
    var paths: Int
    /// The stages, in pipeline order.
    var stages: [StageTiming]
    /// Sum of the stages' medians, seconds.
    var totalSeconds: Double
    /// Peak resident set of the process at the end, MiB.
    var peakResidentMiB: Double
    /// Machine, BLAS and its thread count.
    var environment: Environment
}

/// Runs the pipeline stages on a snapshot folder.
enum Pipeline {
    /// The stages in order, with what each does (the Markdown table's legend).
    static let stageWork: [(name: String, work: String)] = [
        ("read-csv", "read and validate every weekly CSV file, several files at once as the tool reads a folder (SnapshotReader)"),
        ("import-store", "import the parsed files into a new SQLite history store, one transaction per file"),
        ("load-history", "load every week back from the store (SnapshotHistory.load(store:))"),
        ("build-panel", "cooperative × week panel with zones and first/last/green weeks (Panel)"),
        ("fit-delay-factors", "construction sample + Levenberg–Marquardt fit of the S-curve rate and delay factors, cluster-robust SEs (DelayFactorModel.fit)"),
        ("fit-s-curves", "each cooperative's S-curve speed, shrunk toward regency and province (SpeedEstimates)"),
        ("km", "Kaplan–Meier of weeks from first report to first green (censored at the last report)"),
        ("cox", "Cox PH (Efron) of the same durations on the share of reports with each delay flag"),
        ("fit-forecast-model", "every model the forecast uses: delay factors again, weather season, stage chains (ForecastModel)"),
        ("forecast", "Monte Carlo green dates of every cooperative not yet green (GreenForecaster)"),
        ("rank", "priority ranking: counterfactual forecasts of every yellow and red cooperative under each applicable intervention, best one per cooperative (PriorityRanker.rank, as kendali rank)"),
        ("report", "the weekly report from the loaded history: zones, its own forecast and priority ranking, sections, index.html + report.md + data/ (Analyser, ReportDocument, ReportWriter)"),
    ]

    /// Paths per cooperative the report would choose for `n` cooperatives (kept in step with
    /// the report's automatic choice: 500 up to 2,000 cooperatives, then about one million
    /// cooperative-paths, at least 100).
    static func automaticPaths(cooperatives n: Int) -> Int {
        n <= 2000 ? 500 : max(100, 1_000_000 / max(n, 1))
    }

    /// The process's peak resident set so far, MiB (Linux reports `ru_maxrss` in KiB).
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return .nan }
        return Double(usage.ru_maxrss) / 1024
        #else
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return .nan }
        return Double(usage.ru_maxrss) / 1_048_576
        #endif
    }

    /// Wall time of `work`, seconds.
    static func seconds(_ work: () throws -> Void) rethrows -> Double {
        let elapsed = try ContinuousClock().measure(work)
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Errors of a pipeline run.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs every stage on `folder`.
    ///
    /// - Parameters:
    ///   - repeats: timed runs per stage (the median is reported).
    ///   - paths: Monte Carlo paths per cooperative; `nil` chooses as the report does.
    ///   - skip: stage names not to run (reported as skipped).
    static func run(
        folder: String, label: String, repeats: Int, paths: Int?, seed: UInt64, skip: Set<String>,
        log: (String) -> Void
    ) throws -> PipelineRun {
        let files = try SnapshotHistory.csvFiles(in: folder)
        guard !files.isEmpty else { throw Failure(description: "no CSV file in \(folder)") }
        let bytes = files.reduce(0) { total, path in
            total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("kendali-pipeline-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let storePath = scratch.appendingPathComponent("history.sqlite").path
        let reportPath = scratch.appendingPathComponent("report").path

        var stages: [StageTiming] = []
        func work(_ name: String) -> String { stageWork.first { $0.name == name }?.work ?? "" }

        /// Times `body` `repeats` times; returns the last run's output.
        func stage<T>(_ name: String, note: ((T) -> String?)? = nil, _ body: () throws -> T) throws -> T? {
            if skip.contains(name) {
                stages.append(StageTiming(
                    name: name, work: work(name), repeats: 0, peakResidentMiB: peakResidentMiB(),
                    note: "skipped"))
                log(name.padding(toLength: 20, withPad: " ", startingAt: 0) + " skipped")
                return nil
            }
            var times: [Double] = []
            var output: T?
            for _ in 0..<repeats {
                var value: T?
                times.append(try seconds { value = try body() })
                output = value
            }
            times.sort()
            let n = times.count
            let median = n % 2 == 1 ? times[n / 2] : 0.5 * (times[n / 2 - 1] + times[n / 2])
            let peak = peakResidentMiB()
            let remark = output.flatMap { note?($0) }
            stages.append(StageTiming(
                name: name, work: work(name), repeats: n, medianSeconds: median, minimumSeconds: times[0],
                maximumSeconds: times[n - 1], peakResidentMiB: peak, note: remark))
            log(name.padding(toLength: 20, withPad: " ", startingAt: 0)
                + String(format: " median %9.4f s  (min %.4f, max %.4f)  peak RSS %7.0f MiB", median, times[0],
                         times[n - 1], peak)
                + (remark.map { "  " + $0 } ?? ""))
            return output
        }
        func freshStore() throws -> HistoryStore {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) }
            return try HistoryStore.open(path: storePath)
        }

        // Read, store, load.
        // As the tool reads a folder: the files on every core, in order.
        var parsed: [SnapshotFile]? = try stage("read-csv") {
            try SnapshotReader.read(contentsOfFiles: files).map { result throws(SnapshotFileError) in try result.get() }
        }
        if parsed == nil {
            // The later stages need the files: read them untimed.
            parsed = try files.map { path throws(SnapshotFileError) in try SnapshotReader.read(contentsOf: path) }
        }
        let reports = parsed?.reduce(0) { $0 + $1.records.count } ?? 0
        _ = try stage("import-store") {
            let store = try freshStore()
            for file in parsed ?? [] { _ = try store.ingest(file: file, replace: false) }
        }
        let history: SnapshotHistory
        if skip.contains("import-store") {
            // No store: take the history from the files.
            _ = try stage("load-history") { () -> Int in 0 }
            history = try SnapshotHistory.load(folder: folder)
        } else {
            guard let loaded = try stage("load-history", { try SnapshotHistory.load(store: storePath) }) else {
                throw Failure(description: "load-history cannot be skipped after an import")
            }
            history = loaded
        }
        parsed = nil  // what the tool holds from here on is the history

        // Models.
        let panel = try stage("build-panel") { Panel(history: history) } ?? Panel(history: history)
        guard panel.weekCount > 0 else { throw Failure(description: "no week in \(folder)") }
        let last = panel.weekCount - 1
        let fitted: (model: DelayFactorModel, fit: DelayFactorFit)? = try stage(
            "fit-delay-factors",
            note: { "\($0.fit.rows) construction rows, converged: \($0.fit.converged)" }
        ) {
            let model = DelayFactorModel(panel: panel, upTo: last)
            return (model, try model.fit())
        }
        if let fitted {
            _ = try stage("fit-s-curves", note: { (s: SpeedEstimates) in "\(s.mean.count) speeds" }) {
                SpeedEstimates(
                    sample: fitted.model.sample, curve: fitted.fit.curve, theta: fitted.fit.theta,
                    regencyIndex: panel.regencyIndex, regencyCount: panel.regencies.count,
                    noise: (fitted.fit.multiplicativeNoise, fitted.fit.reportingNoise))
            }
        } else {
            _ = try stage("fit-s-curves") { () -> Int in 0 }
        }

        // Survival: durations and covariates are built untimed (the peer builds them in its
        // preparation stage too).
        let survival = survivalData(panel)
        _ = try stage("km", note: { (km: KaplanMeier) in
            "\(km.observations) subjects, \(km.events) events, median \(km.median.map { String(format: "%.0f", $0) } ?? "not reached") weeks"
        }) {
            try KaplanMeier(times: survival.durations, events: survival.events)
        }
        if survival.terms.isEmpty || !survival.events.contains(true) {
            stages.append(StageTiming(
                name: "cox", work: work("cox"), repeats: 0, peakResidentMiB: peakResidentMiB(),
                note: "not fitted: no event or no varying covariate"))
        } else {
            _ = try stage("cox", note: { (f: CoxFit) in
                "\(f.observations) subjects, \(f.events) events, \(f.terms.count) covariates, converged: \(f.converged)"
            }) {
                try CoxProportionalHazards(
                    durations: survival.durations, events: survival.events, covariates: survival.covariates,
                    terms: survival.terms
                ).fit()
            }
        }

        // Forecast.
        let pathCount = paths ?? automaticPaths(cooperatives: panel.cooperativeCount)
        let model = try stage("fit-forecast-model") { try ForecastModel(panel: panel, asOfWeek: last) }
        var forecast: GreenForecast?
        if let model {
            #if KENDALI_COUNT_DRAWS
            forecastWordsDrawn.store(0, ordering: .relaxed)
            constructionBlocksRun.store(0, ordering: .relaxed)
            constructionWeeksStepped.store(0, ordering: .relaxed)
            #endif
            forecast = try stage("forecast", note: { (f: GreenForecast) in
                "\(f.cooperatives.count) cooperatives forecast × \(pathCount) paths"
            }) {
                GreenForecaster.forecast(
                    panel: panel, model: model, options: ForecastOptions(seed: seed, paths: pathCount))
            }
        } else {
            _ = try stage("forecast") { () -> Int in 0 }
        }
        #if KENDALI_COUNT_DRAWS
        if let forecast {
            let words = forecastWordsDrawn.load(ordering: .relaxed)
            let pathsRun = forecast.cooperatives.count * pathCount * repeats
            Swift.print("random draws: \(words) 64-bit words over \(pathsRun) cooperative paths = \(Double(words) / Double(max(1, pathsRun))) per path (the shared shock and parameter tables included)")
            let blocks = constructionBlocksRun.load(ordering: .relaxed)
            let weeks = constructionWeeksStepped.load(ordering: .relaxed)
            Swift.print("construction: \(weeks) weeks stepped in \(blocks) blocks = \(Double(weeks) / Double(max(1, blocks))) weeks a block, \(Double(blocks) / Double(max(1, pathsRun))) blocks per path")
        }
        #endif

        // Rank: every yellow and red cooperative's counterfactual forecasts under each
        // applicable intervention, on the forecast above (its options and paths).
        if let forecast {
            _ = try stage("rank", note: { (rows: [PriorityRow]) in
                let cases = rows.reduce(0) { $0 + $1.candidates.count }
                let gaining = rows.filter { $0.weeksGained > 0 }.count
                return "\(rows.count) yellow/red cooperatives ranked, \(cases) counterfactual cases × \(pathCount) paths, \(gaining) gain on the P50"
            }) {
                PriorityRanker.rank(panel: panel, forecast: forecast)
            }
        } else {
            stages.append(StageTiming(
                name: "rank", work: work("rank"), repeats: 0, peakResidentMiB: peakResidentMiB(),
                note: "skipped: no forecast to rank from"))
        }

        // Report (as `kendali report FOLDER --out DIR`: its own zone pass, forecast and
        // priority ranking).
        _ = try stage("report") { () throws -> Int in
            let analysis = try Analyser.analyse(
                history: history, options: AnalysisOptions(seed: seed, paths: paths))
            let document = ReportDocument(analysis: analysis, language: .id)
            try ReportWriter.write(document, to: reportPath)
            return document.charts.count
        }

        let total = stages.compactMap(\.medianSeconds).reduce(0, +)
        return PipelineRun(
            label: label, files: files.count, megabytes: Double(bytes) / 1e6,
            cooperatives: panel.cooperativeCount, weeks: panel.weekCount, reports: reports, paths: pathCount,
            stages: stages, totalSeconds: total, peakResidentMiB: peakResidentMiB(),
            environment: Environment.current())
    }

    /// Weeks from each cooperative's first report to its first green report (an event) or
    /// its last report (censored), and per cooperative the share of its reports up to then
    /// with each delay flag raised; flags never varying are left out.
    static func survivalData(_ panel: Panel)
        -> (durations: [Double], events: [Bool], covariates: Matrix, terms: [String])
    {
        let n = panel.cooperativeCount
        let w = panel.weekCount
        let bits = Panel.Bit.factors
        let names = ["land", "weather", "labour", "technical"]
        var durations: [Double] = []
        var events: [Bool] = []
        var shares: [[Double]] = Array(repeating: [], count: bits.count)
        durations.reserveCapacity(n)
        events.reserveCapacity(n)
        for i in 0..<n {
            let first = Int(panel.firstWeek[i])
            guard first >= 0 else { continue }
            let green = Int(panel.greenWeek[i])
            let end = green >= 0 ? green : Int(panel.lastWeek[i])
            var reported = 0
            var raised = [Int](repeating: 0, count: bits.count)
            for t in first...end where panel.present[i * w + t] == 1 {
                reported += 1
                let f = panel.flags[i * w + t]
                for k in bits.indices where f & bits[k] != 0 { raised[k] += 1 }
            }
            durations.append(Double(end - first))
            events.append(green >= 0)
            for k in bits.indices { shares[k].append(reported > 0 ? Double(raised[k]) / Double(reported) : 0) }
        }
        var kept: [Int] = []
        for k in bits.indices {
            if let lo = shares[k].min(), let hi = shares[k].max(), hi > lo { kept.append(k) }
        }
        var x = Matrix(rows: durations.count, columns: kept.count)
        for (j, k) in kept.enumerated() {
            for i in 0..<durations.count { x.elements[i + j * durations.count] = shares[k][i] }
        }
        return (durations, events, x, kept.map { names[$0] })
    }
}
